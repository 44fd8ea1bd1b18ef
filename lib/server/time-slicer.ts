import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * For loops over many rows on the event loop that serves requests: `await slice()` at each row
 * hands the loop back once `budgetMs` of work has run since it last did. A request takes several
 * turns of the loop (each read answers as a message), and each turn waits for whatever slice is
 * running: slices of a few milliseconds keep that wait short whatever a row costs, where a fixed
 * count of rows made slices of 5 to 90 ms.
 */
export function timeSlicer(budgetMs = 4): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await nextTurn();
    since = performance.now();
  };
}
