export { forgotPassword as POST } from '@/lib/compat/appmixer/forgot-password';
