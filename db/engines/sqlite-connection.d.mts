import type Database from 'better-sqlite3';

export function openConnection(file: string, options: { readonly: boolean }): Database.Database;
