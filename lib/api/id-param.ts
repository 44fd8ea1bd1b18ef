import { z } from 'zod';

/** Path parameters: an id or slug is short; anything longer cannot name an object. */
export const idParam = z.string().trim().min(1).max(64);
