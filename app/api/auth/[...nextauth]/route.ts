import { authRouteHandlers } from '@/lib/auth/nextauth';

export const { GET, POST } = authRouteHandlers;
