export { resetForgottenPassword as POST } from '@/lib/compat/appmixer/forgot-password';
