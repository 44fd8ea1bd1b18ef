import { listSolvexiaPermissions } from '@/lib/compat/solvexia/handlers';

export const GET = listSolvexiaPermissions;
