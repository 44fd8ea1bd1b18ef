import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

// On globalThis: Next bundles the workers and the routes apart, and each bundle would otherwise make up its own name.
const holder = globalThis as typeof globalThis & { gatehouseInstanceId?: string };

/** This server process's name in leases (deletion jobs, mail, scheduled tasks): host, pid and a random part, so a restarted process is someone else. */
export function instanceId(): string {
  holder.gatehouseInstanceId ??= `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  return holder.gatehouseInstanceId;
}
