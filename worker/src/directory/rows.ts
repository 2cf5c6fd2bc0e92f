import type { Account, JobRole, Person, System } from '../../../shared/schemas/directory';
import type { accounts, jobRoles, people, systems } from '../db/schema';

/** Database rows as the API shows them: no organisation id, no bookkeeping columns. */

export function toPerson(row: typeof people.$inferSelect): Person {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    jobRoleId: row.jobRoleId,
    startDate: row.startDate,
    endDate: row.endDate,
    leaveReason: row.leaveReason,
    status: row.status,
    version: row.version,
    deleted: row.deleted,
  };
}

export function toSystem(row: typeof systems.$inferSelect): System {
  return {
    id: row.id,
    name: row.name,
    adminUrlPatterns: row.adminUrlPatterns,
    signInUrlPatterns: row.signInUrlPatterns,
    userPageUrl: row.userPageUrl,
    permissions: row.permissions,
    version: row.version,
    deleted: row.deleted,
  };
}

export function toJobRole(row: typeof jobRoles.$inferSelect): JobRole {
  return {
    id: row.id,
    name: row.name,
    permissions: row.permissions,
    version: row.version,
    deleted: row.deleted,
  };
}

export function toAccount(row: typeof accounts.$inferSelect): Account {
  return {
    id: row.id,
    systemId: row.systemId,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    status: row.status,
    permissions: row.permissions,
    ownerPersonId: row.ownerPersonId,
    userPersonIds: row.userPersonIds,
    lastSignInAt: row.lastSignInAt,
    systemCreatedAt: row.systemCreatedAt,
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    version: row.version,
    deleted: row.deleted,
  };
}
