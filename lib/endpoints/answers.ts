import { z } from 'zod';
import { deletionJobStatuses, mailKinds, mailStatuses } from '@/db/schema';
import { CHARACTER_CLASS_NAMES } from '@/lib/passwords/rules';
import { auditEventSchema } from '@/lib/audit/schemas';
import { instantSchema, publicUserSchema } from '@/lib/users/schemas';

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

const credentialSchema = z.object({
  id: z.string().meta({ description: 'The credential’s id (never the token itself).' }),
  name: z.string().nullable(),
  createdAt: instantSchema('When it was issued.'),
  lastUsedAt: instantSchema('When it last let a request in.').nullable(),
  expiresAt: instantSchema('When it stops working by itself.').nullable(),
  revokedAt: instantSchema('When it was revoked.').nullable(),
  address: z.string().nullable().meta({ description: 'The client address it was issued to.' }),
  userAgent: z.string().nullable(),
});

/** GET /api/v1/users/{id}/export and GET /api/v1/me/export: everything held about a person, without a secret. */
export const personalDataSchema = z
  .object({
    exportedAt: instantSchema('When the document was made.'),
    user: publicUserSchema,
    scopes: z.array(z.string()),
    memberships: z.array(z.object({ tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }), role: z.enum(['admin', 'user']), since: instantSchema('When they joined.') })),
    permissions: z.array(
      z.object({
        resourceId: z.string(),
        resource: z.string().meta({ description: 'The resource’s name.' }),
        kind: z.string(),
        role: z.string(),
        expiresAt: instantSchema('When the grant ends.').nullable(),
        grantedAt: instantSchema('When it was granted.'),
        grantedBy: z.string().nullable().meta({ description: 'The id of whoever granted it.' }),
      }),
    ),
    sessions: z.object({
      browser: z.array(
        z.object({
          id: z.string(),
          createdAt: instantSchema('Sign-in time.'),
          lastSeenAt: instantSchema('Last request.').nullable(),
          endedAt: instantSchema('Sign-out or revocation.').nullable(),
          address: z.string().nullable(),
          userAgent: z.string().nullable(),
        }),
      ),
      apiTokens: z.array(credentialSchema),
      accessKey: z
        .object({ issuedAt: instantSchema('When the live key was made.'), lastUsedAt: instantSchema('Its last use.').nullable(), address: z.string().nullable(), userAgent: z.string().nullable() })
        .nullable()
        .meta({ description: 'The live access key’s dates; never the key.' }),
      revokedAccessKeys: z.array(credentialSchema),
    }),
    oneTimeCodes: z
      .array(z.object({ purpose: z.string(), createdAt: instantSchema('Issued.'), expiresAt: instantSchema('Expiry.'), usedAt: instantSchema('Used.').nullable() }))
      .meta({ description: 'Reset, invitation and sign-up codes issued: when, never the code.' }),
    mail: z
      .array(z.object({ kind: z.enum(mailKinds), subject: z.string(), status: z.enum(mailStatuses), queuedAt: instantSchema('Queued.'), sentAt: instantSchema('Delivered.').nullable() }))
      .meta({ description: 'Mail sent to their address: kind, subject and times, never bodies or codes.' }),
    auditEvents: z.array(auditEventSchema).meta({ description: 'Every event naming them as actor or target that the caller may read, oldest first.' }),
  })
  .meta({
    id: 'PersonalData',
    example: {
      exportedAt: '2026-03-14T09:26:53.589Z',
      user: {
        id: 'usr_3jd82kq1',
        email: 'ann.lee@example.com',
        username: 'ann.lee',
        firstName: 'Ann',
        lastName: 'Lee',
        status: 'active',
        role: 'Subscriber',
        plan: 'free',
        vendor: [],
        metadata: {},
        city: null,
        country: null,
        dateOfBirth: null,
        department: null,
        phoneLand: null,
        phoneMobile: null,
        timezone: 'Europe/Paris',
        lastSignInAt: '2026-03-14T09:20:00.000Z',
        createdAt: '2026-01-02T10:00:00.000Z',
        updatedAt: '2026-03-01T08:00:00.000Z',
        version: 3,
        scope: ['user'],
      },
      scopes: ['user'],
      memberships: [{ tenant: { id: 'ten_8x2k', slug: 'acme', name: 'Acme Corp' }, role: 'user', since: '2026-01-02T10:00:00.000Z' }],
      permissions: [{ resourceId: 'res_4k2j', resource: 'Payroll', kind: 'report', role: 'reader', expiresAt: null, grantedAt: '2026-02-01T12:00:00.000Z', grantedBy: 'usr_8kq2m4x9' }],
      sessions: {
        browser: [{ id: 'ses_7hd2', createdAt: '2026-03-14T09:20:00.000Z', lastSeenAt: '2026-03-14T09:25:00.000Z', endedAt: null, address: '203.0.113.7', userAgent: 'Mozilla/5.0' }],
        apiTokens: [],
        accessKey: null,
        revokedAccessKeys: [],
      },
      oneTimeCodes: [],
      mail: [{ kind: 'invitation', subject: 'You are invited to Gatehouse', status: 'sent', queuedAt: '2026-01-02T10:00:00.000Z', sentAt: '2026-01-02T10:00:01.000Z' }],
      auditEvents: [],
    },
  });
