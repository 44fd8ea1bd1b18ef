import { grantSolvexiaPermission, revokeSolvexiaPermission } from '@/lib/compat/solvexia/handlers';

export const POST = grantSolvexiaPermission;
export const DELETE = revokeSolvexiaPermission;
