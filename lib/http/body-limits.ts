/**
 * How big a request body a page's server action may send. Next applies one limit to every
 * action (next.config.mjs `experimental.serverActions.bodySizeLimit`, and the copy of a page's
 * body Next gives the proxy, `proxyClientMaxBodySize`; both kept equal to
 * IMPORT_ACTION_BODY_LIMIT_BYTES by a unit test), raised for the import page's upload; the
 * front door (./front-door.ts) holds every other page to Next's default of 1 MB, so the raised
 * limit is open on one path only, and there only to a signed-in browser.
 */

/** Next's default for server actions, kept for every page but the import page. */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/** The page whose actions upload a whole file. */
export const IMPORT_PAGE_PATH = '/users/import';

/** The largest file the import page takes: 100,000 rows with password hashes are about 15 MB. */
export const IMPORT_FILE_LIMIT_BYTES = 32 * 1024 * 1024;

/** The action's body around such a file: the file travels as it is, in a multipart part, beside the options. */
export const IMPORT_ACTION_BODY_LIMIT_BYTES = IMPORT_FILE_LIMIT_BYTES + 64 * 1024;
