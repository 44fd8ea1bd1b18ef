import { ApiError } from '@/lib/api/errors';
import { problemResponse } from '@/lib/api/problem';

/** Unknown API paths answer in problem+json like every other API error, not with the HTML 404 page. */
function notFound(request: Request): Response {
  return problemResponse(new ApiError('not-found', 'There is no such API endpoint.'), new URL(request.url).pathname);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
