// @ts-check
/**
 * A batch of lines as UTF-8 bytes (Engine.lines): one place for the encoding, used on the SQLite
 * threads and, for PostgreSQL, on the main thread. Plain JavaScript, as worker threads load it.
 */

const encoder = new TextEncoder();
/** Where this thread writes a batch's lines: kept from batch to batch, it doubles while they do not fit. */
let scratch = new Uint8Array(256 * 1024);

/**
 * Every line of `lines`, each ended by a newline, as UTF-8 bytes in a buffer of their own at
 * their exact size. Each line goes straight into the scratch buffer, copied out once at the
 * end: one text of the whole batch would be a large object, which V8 frees only in a full
 * collection (a million-row export grew the process by as much again as the file), and a
 * buffer with spare room would hold that room until the receiver's next collection.
 * @param {Iterable<string>} lines
 */
export function lineBytes(lines) {
  let length = 0;
  for (const text of lines) {
    const line = `${text}\n`;
    // A UTF-16 code unit is at most three bytes of UTF-8.
    if (length + line.length * 3 > scratch.length) {
      const grown = new Uint8Array(Math.max(scratch.length * 2, length + line.length * 3));
      grown.set(scratch.subarray(0, length));
      scratch = grown;
    }
    length += encoder.encodeInto(line, scratch.subarray(length)).written;
  }
  return scratch.slice(0, length);
}
