// The document prints this path both ways; this spelling is the one its examples use.
import { listSolvexiaPermissions } from '@/lib/compat/solvexia/handlers';

export const GET = listSolvexiaPermissions;
