import { z } from 'zod';
import { deletionJobStatuses, mailKinds, mailStatuses } from '@/db/schema';
import { CHARACTER_CLASS_NAMES } from '@/lib/passwords/rules';
import { instantSchema } from '@/lib/users/schemas';

/** Answers shared by several /api/v1 endpoints that no domain module owns. */


export const deletionTicketSchema = z
  .object({
    ticket: z.string().meta({ description: 'Follow the deletion at `/api/v1/users/{id}/delete-status/{ticket}`.' }),
    status: z.enum(deletionJobStatuses),
    stepsDone: z.int(),
    stepsTotal: z.int(),
  })
  .meta({ id: 'DeletionTicket', example: { ticket: 'del_4h7q2x', status: 'queued', stepsDone: 0, stepsTotal: 9 } });

export const deletionStatusSchema = z
  .object({
    ticket: z.string(),
    userId: z.string(),
    status: z.enum(deletionJobStatuses),
    stepsDone: z.int().meta({ description: 'Steps finished, for a progress bar with `stepsTotal`.' }),
    stepsTotal: z.int(),
    currentStep: z.string().nullable().meta({ description: 'The step running now, by name.' }),
    currentStepLabel: z.string().nullable().meta({ description: 'The step running now, for people.' }),
    startedAt: instantSchema('When the worker started it.').nullable(),
    finishedAt: instantSchema('When it completed, failed or was cancelled.').nullable(),
    requestedAt: instantSchema('When it was asked for.'),
    requestedBy: z.string().nullable().meta({ description: 'The id of the admin who asked.' }),
    error: z.string().nullable().meta({ description: 'Why it failed, when it did.' }),
  })
  .meta({ id: 'DeletionStatus' });

/** A deletion with each step's times: what GET /api/v1/users/{id}/delete-status/{ticket} answers. */
export const deletionDetailSchema = deletionStatusSchema
  .extend({
    steps: z
      .array(
        z.object({
          name: z.string(),
          label: z.string().meta({ description: 'The step, for people.' }),
          startedAt: instantSchema('When the step started.').nullable(),
          finishedAt: instantSchema('When the step finished.').nullable(),
        }),
      )
      .meta({ description: 'Every step of the deletion in order; both times are null until the step runs.' }),
  })
  .meta({ id: 'DeletionDetail' });

export const accessKeySchema = z
  .object({
    accessKey: z.string().meta({ description: 'Send as `Authorization: Bearer <key>`; it works until rotated.', example: 'gk_Yk9uRmQ1bWh0c0x3cVd6M2RyQmV4' }),
    createdAt: instantSchema('When this key was made.'),
    lastUsedAt: instantSchema('The last request that used it.').nullable(),
  })
  .meta({ id: 'AccessKey' });

export const passwordPolicyAnswerSchema = z
  .object({
    minLength: z.int(),
    requiredClasses: z.array(z.enum(CHARACTER_CLASS_NAMES)).meta({ description: 'Character classes every password must contain.' }),
    rules: z.array(z.string()).meta({ description: 'The rules as people read them, as the forms show them.' }),
    pinned: z.object({ minLength: z.boolean(), requiredClasses: z.boolean() }).meta({ description: 'Set by the environment (PASSWORD_MIN_LENGTH, PASSWORD_REQUIRED_CLASSES): a PUT cannot change these.' }),
  })
  .meta({
    id: 'PasswordPolicy',
    example: {
      minLength: 12,
      requiredClasses: ['digit'],
      rules: ['At least 12 characters.', 'At least one digit.', 'Not a common password or an easy variation of your name or email.'],
      pinned: { minLength: false, requiredClasses: false },
    },
  });

export const mailPageSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.int(),
        to: z.string(),
        kind: z.enum(mailKinds),
        subject: z.string(),
        status: z.enum(mailStatuses).meta({ description: '`logged` when no SMTP server is configured: the mail was written to the log only.' }),
        attempts: z.int(),
        error: z.string().nullable().meta({ description: 'Why the last attempt failed.' }),
        createdAt: instantSchema('When it was queued.'),
        sentAt: instantSchema('When the SMTP server took it.').nullable(),
        nextAttemptAt: instantSchema('When it will be tried again.').nullable(),
        preview: z.string().meta({ description: 'The start of the body, with links that carry codes left out.' }),
      }),
    ),
    total: z.int(),
  })
  .meta({ id: 'MailPage' });
