import type { Door } from '@/lib/api/door';
import type { Endpoint } from '@/lib/api/endpoint';
import { API_DOOR } from '@/lib/api/door';
import type { Mount } from '@/lib/api/route-methods';
import { V1_ENDPOINTS, V1_TAGS } from '@/lib/api/v1/endpoints';

/** A mount as the document presents it: its door, its tags and every endpoint it serves, by name (the operationId after the prefix). */
export type MountContract = {
  mount: Mount;
  door: Door;
  operationIdPrefix: string;
  tags: { name: string; description: string }[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each endpoint keeps its own schema types
  endpoints: Record<string, Endpoint<any, any, any, any>>;
};

export const MOUNT_CONTRACTS: MountContract[] = [{ mount: 'api/v1', door: API_DOOR, operationIdPrefix: '', tags: V1_TAGS, endpoints: V1_ENDPOINTS }];
