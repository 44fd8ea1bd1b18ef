/** The query parameter with which the password change sends the user back to /account, to say it worked. */
export const PASSWORD_CHANGED_PARAM = 'password-changed';
