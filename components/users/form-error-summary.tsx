import { Alert } from '@/components/ui/alert';

/** The form's one-line verdict after a failed save; the details sit beside each field. */
export function FormErrorSummary({ message }: { message: string | undefined }) {
  if (!message) return null;
  return <Alert aria-label="Form error">{message}</Alert>;
}
