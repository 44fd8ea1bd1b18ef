// The document prints this path both ways; this spelling is the one its examples use.
import { grantSolvexiaPermission, revokeSolvexiaPermission } from '@/lib/compat/solvexia/handlers';

export const POST = grantSolvexiaPermission;
export const DELETE = revokeSolvexiaPermission;
