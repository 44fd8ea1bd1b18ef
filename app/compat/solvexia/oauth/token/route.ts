import { issueToken } from '@/lib/compat/solvexia/handlers';

export const POST = issueToken;
