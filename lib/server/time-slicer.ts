import { setImmediate as nextTurn } from 'node:timers/promises';
import { giveWay } from './foreground';

/**
 * For loops over many rows on the event loop that serves requests: `await slice()` at each row
 * hands the loop back once `budgetMs` of work has run since it last did. A request takes several
 * turns of the loop (each read answers as a message), and each turn waits for whatever slice is
 * running: slices of a few milliseconds keep that wait short whatever a row costs, where a fixed
 * count of rows made slices of 5 to 90 ms. While other requests are being answered, the loop
 * also waits for them a little (giveWay).
 */
export function timeSlicer(budgetMs = 4): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await nextTurn();
    // At most as long again as the slice: the work goes on at half speed or more.
    await giveWay(budgetMs);
    since = performance.now();
  };
}
