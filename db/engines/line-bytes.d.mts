export function lineBytes(lines: Iterable<string>): Uint8Array;
