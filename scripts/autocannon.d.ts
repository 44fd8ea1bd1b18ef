/**
 * The part of autocannon's programmatic API (README, "API" and "Results") that bench-http.ts
 * uses: autocannon 8 ships no types and DefinitelyTyped's lag its releases.
 */
declare module 'autocannon' {
  namespace autocannon {
    /** hdr-histogram-percentiles-obj: latency in ms, requests in requests per second. */
    type Histogram = {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
    };

    type Options = {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Seconds to wait for an answer before counting a timeout. */
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      /** Requests per second across all connections; unset, each connection sends its next request as soon as it has an answer. */
      overallRate?: number;
    };

    type Result = {
      requests: Histogram;
      latency: Histogram;
      /** Seconds. */
      duration: number;
      /** Connection errors, timeouts included. */
      errors: number;
      timeouts: number;
      non2xx: number;
      statusCodeStats: Record<string, { count: number }>;
    };

    /** An event emitter that is also a promise of the result; stop() ends the run early, with the results so far. */
    type Instance = PromiseLike<Result> & {
      stop: () => void;
      /** Each answer as it arrives; responseTime in ms. */
      on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): Instance;
    };
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;

  export = autocannon;
}
