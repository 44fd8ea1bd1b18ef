/** The tables lib/ queries. One engine today; db/schema/pg.ts joins it when PostgreSQL lands. */
export * from './sqlite';
