/** The message a server process sends `npm start`'s supervisor (scripts/start.ts) once its database is prepared. */
export const SERVER_READY = 'gatehouse:server-ready';
