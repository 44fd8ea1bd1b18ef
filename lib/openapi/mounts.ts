import type { Door } from '@/lib/api/door';
import type { Endpoint } from '@/lib/api/endpoint';
import { API_DOOR } from '@/lib/api/door';
import type { Mount } from '@/lib/api/route-methods';
import { V1_ENDPOINTS, V1_TAGS } from '@/lib/endpoints';
import { APPMIXER_DOOR } from '@/lib/compat/appmixer/door';
import { APPMIXER_ENDPOINTS, APPMIXER_TAG } from '@/lib/compat/appmixer/endpoints';
import { TYK_DOOR } from '@/lib/compat/tyk/door';
import { TYK_ENDPOINTS, TYK_TAG } from '@/lib/compat/tyk/endpoints';
import { SOLVEXIA_DOOR } from '@/lib/compat/solvexia/door';
import { SOLVEXIA_ENDPOINTS, SOLVEXIA_TAG } from '@/lib/compat/solvexia/endpoints';
import { TELM_DOOR } from '@/lib/compat/telm/door';
import { TELM_ENDPOINTS, TELM_TAG } from '@/lib/compat/telm/endpoints';

/** A mount as the document presents it: its door, its tags and every endpoint it serves, by name (the operationId after the prefix). */
export type MountContract = {
  mount: Mount;
  door: Door;
  operationIdPrefix: string;
  tags: { name: string; description: string }[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each endpoint keeps its own schema types
  endpoints: Record<string, Endpoint<any, any, any, any>>;
};

export const MOUNT_CONTRACTS: MountContract[] = [
  { mount: 'api/v1', door: API_DOOR, operationIdPrefix: '', tags: V1_TAGS, endpoints: V1_ENDPOINTS },
  { mount: 'compat/appmixer', door: APPMIXER_DOOR, operationIdPrefix: 'appmixer_', tags: [APPMIXER_TAG], endpoints: APPMIXER_ENDPOINTS },
  { mount: 'compat/tyk', door: TYK_DOOR, operationIdPrefix: 'tyk_', tags: [TYK_TAG], endpoints: TYK_ENDPOINTS },
  { mount: 'compat/telm', door: TELM_DOOR, operationIdPrefix: 'telm_', tags: [TELM_TAG], endpoints: TELM_ENDPOINTS },
  { mount: 'compat/solvexia', door: SOLVEXIA_DOOR, operationIdPrefix: 'solvexia_', tags: [SOLVEXIA_TAG], endpoints: SOLVEXIA_ENDPOINTS },
];
