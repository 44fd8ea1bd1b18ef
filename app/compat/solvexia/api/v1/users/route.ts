import { createSolvexiaUser, listSolvexiaUsers } from '@/lib/compat/solvexia/handlers';

export const GET = listSolvexiaUsers;
export const POST = createSolvexiaUser;
