import { readSolvexiaUser, updateSolvexiaUser } from '@/lib/compat/solvexia/handlers';

export const GET = readSolvexiaUser;
export const POST = updateSolvexiaUser;
