import { engineOf } from '../location';
import * as pg from './pg';
import * as sqlite from './sqlite';

/**
 * The tables lib/ queries: those of the engine DATABASE_URL names, chosen once when this
 * module loads. Typed as SQLite's; tests/unit/schema-parity.test.ts keeps the two alike, so
 * lib/ is written once for both.
 */
const tables = (engineOf(process.env.DATABASE_URL) === 'postgres' ? pg : sqlite) as unknown as typeof sqlite;

export const {
  users,
  userScopes,
  tenants,
  memberships,
  resources,
  permissions,
  accessTokens,
  browserSessions,
  oneTimeCodes,
  deletionJobs,
  deletionJobSteps,
  bulkJobs,
  bulkJobRows,
  auditEvents,
  mailOutbox,
  signInFailures,
  rateLimitWindows,
  scheduledTasks,
  settings,
  webhookEndpoints,
  webhookDeliveries,
} = tables;

export {
  accessTokenKinds,
  auditActorKinds,
  bulkJobKinds,
  deletionJobStatuses,
  mailKinds,
  mailStatuses,
  membershipRoles,
  oneTimeCodePurposes,
  permissionRoles,
  userStatuses,
  webhookDeliveryStatuses,
} from './sqlite';
export type { NewUser, User, UserStatus } from './sqlite';
