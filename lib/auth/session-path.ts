/** Header set by proxy.ts so a server component knows where to send the user back after sign-in. */
export const REQUEST_PATH_HEADER = 'x-gatehouse-path';
