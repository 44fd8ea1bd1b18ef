/**
 * JSON as Gatehouse accepts it from clients. JSON text can carry a lone UTF-16 surrogate as an
 * escape (`"\ud800"`), which no UTF-8 text can hold: SQLite stores U+FFFD in its place in a text
 * column but keeps the escape in JSON text, and PostgreSQL refuses it in a jsonb column (a 500).
 * Replaced by U+FFFD as soon as it is parsed, a value is stored and answered alike everywhere.
 */

// With the u flag a surrogate pair is one code point, so only a lone surrogate matches.
const LONE_SURROGATE = /\p{Surrogate}/gu;

function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD');
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key.replace(LONE_SURROGATE, '\uFFFD'), wellFormed(entry)]));
  }
  return value;
}

/** JSON.parse, with every lone surrogate in a string or a key replaced by U+FFFD. Throws as JSON.parse does. */
export function parseClientJson(text: string): unknown {
  return wellFormed(JSON.parse(text));
}

/**
 * Where input holds the NUL character (U+0000), as a field path, or null. PostgreSQL's text
 * and jsonb cannot store it (a failed write, a 500), and no name or value has a use for it,
 * so both doors refuse it with the field named, before any handler or query sees it.
 */
export function nulCharacterPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(body)' : null;
  if (value instanceof FormData) return nulCharacterPath(Object.fromEntries(value), path);
  if (value !== null && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      const found = key.includes('\u0000') ? [...path, key].join('.') : nulCharacterPath(entry, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

export const NUL_CHARACTER_MESSAGE = 'Text cannot contain the NUL character (U+0000).';

/**
 * A file a person made (an import) that holds the NUL character: what to tell them, naming the
 * first line that has it; null when it has none. Every door that takes a file asks this, as
 * nulCharacterPath names the field of a form or JSON body.
 */
export function nulCharacterInFile(text: string): string | null {
  const at = text.indexOf('\u0000');
  if (at < 0) return null;
  return `Line ${text.slice(0, at).split('\n').length} of the file has a NUL character (U+0000), which text cannot contain: save the file as plain text and send it again.`;
}
