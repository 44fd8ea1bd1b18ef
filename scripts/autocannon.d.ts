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
    type Instance = PromiseLike<Result> & { stop: () => void };
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;

  export = autocannon;
}
