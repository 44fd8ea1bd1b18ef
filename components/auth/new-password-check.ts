import { basicPasswordProblems, type PasswordPolicy } from '@/lib/passwords/rules';

/**
 * What a form can say about a chosen password and its confirmation before sending them: the
 * length and character rules. The common-password check is the server's, which says so beside
 * the field if it refuses.
 */
export function checkNewPassword(password: string, confirm: string, policy: PasswordPolicy): { password?: string; confirm?: string } {
  return {
    password: password ? basicPasswordProblems(password, policy)[0] : 'Enter a password.',
    confirm: !confirm ? 'Enter the new password again.' : confirm === password ? undefined : 'The two passwords are not the same.',
  };
}
