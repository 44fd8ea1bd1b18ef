import { unmatchedPathHandler } from '@/lib/compat/doors';

const notFound = unmatchedPathHandler('compat/appmixer');

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
