/** Password length bounds, shared by the server's policy and the browser forms. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
