'use client';

import dynamic from 'next/dynamic';
import { useCallback, useEffect, useState } from 'react';
// A static stylesheet, linked only on the page that renders this component: the policy admits
// our own files, where a style injected at run time would need the page's nonce.
import '@scalar/api-reference-react/style.css';
import './api-reference.css';

const OPENAPI_URL = '/api/v1/openapi.json';

function Loading() {
  return (
    <p role="status" aria-label="Loading the API reference" className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">
      Loading the API reference…
    </p>
  );
}

// Scalar renders with Vue in the browser only; importing it here keeps it out of every other page's bundle.
const ScalarReference = dynamic(() => import('@scalar/api-reference-react').then((module) => module.ApiReferenceReact), { ssr: false, loading: Loading });

type OpenApiDocument = { paths?: Record<string, Record<string, { responses?: Record<string, { description?: string }> }>> };

const MARKDOWN_LINK = /\[([^\]]*)\]\([^)]*\)/g;

/**
 * Scalar renders a response's description inside the button that expands the response, where a
 * link can be neither followed nor focused on its own (axe: nested-interactive). Their text stays;
 * the problem types they point at are on this page, above.
 */
function withPlainResponseDescriptions(document: OpenApiDocument): OpenApiDocument {
  const paths = Object.fromEntries(
    Object.entries(document.paths ?? {}).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([method, operation]) => [
          method,
          operation?.responses
            ? { ...operation, responses: Object.fromEntries(Object.entries(operation.responses).map(([status, response]) => [status, { ...response, description: response.description?.replace(MARKDOWN_LINK, '$1') }])) }
            : operation,
        ]),
      ),
    ]),
  );
  return { ...document, paths };
}

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; document: OpenApiDocument };

/** The operations of the OpenAPI document, rendered by Scalar with everything that would reach another host turned off. */
export function ApiReference() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const response = await fetch(OPENAPI_URL, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`The server answered ${response.status}.`);
      setState({ kind: 'ready', document: withPlainResponseDescriptions(await response.json()) });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }, []);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the fetch settles after the effect; this starts it
    void load();
  }, [load]);

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'failed') {
    return (
      <div role="alert" aria-label="The API reference could not be loaded" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        <p>
          The API reference could not be loaded. {state.message} The document itself is at <a className="underline" href={OPENAPI_URL}>{OPENAPI_URL}</a>.
        </p>
        <button type="button" onClick={() => void load()} className="mt-3 rounded-md border border-red-300 bg-white px-3 py-1.5 font-medium text-red-800 hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700">
          Try again
        </button>
      </div>
    );
  }
  return (
    // No overflow clipping here: it would stop Scalar's sidebar from sticking to the viewport.
    <div className="gatehouse-api-reference rounded-lg border border-slate-200 bg-white">
      <ScalarReference
        configuration={{
          content: state.document,
          // The document's paths are relative: its examples name this server.
          servers: [{ url: window.location.origin }],
          // Each of these would reach Scalar's hosts: web fonts, usage telemetry, the AI agent,
          // and the request client with its proxy. The page must work with no network beyond ours.
          withDefaultFonts: false,
          telemetry: false,
          agent: { disabled: true },
          hideClientButton: true,
          hideTestRequestButton: true,
          showDeveloperTools: 'never',
          // The page offers the document for download itself, and matches the app's light theme.
          documentDownloadType: 'none',
          forceDarkModeState: 'light',
          hideDarkModeToggle: true,
          theme: 'none',
        }}
      />
    </div>
  );
}
