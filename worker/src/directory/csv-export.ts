import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { formatCsv } from '../../../shared/csv';
import { accounts, jobRoles, people, systems } from '../db/schema';
import type { Db } from '../db/versions';

/** The staff directory as CSV, in the columns the import reads (plus status and leave reason). */
export async function exportPeopleCsv(db: Db, orgId: string): Promise<string> {
  const rows = await db
    .select({
      name: people.name,
      email: people.email,
      jobRole: jobRoles.name,
      start: people.startDate,
      end: people.endDate,
      status: people.status,
      leaveReason: people.leaveReason,
    })
    .from(people)
    .leftJoin(jobRoles, and(eq(jobRoles.id, people.jobRoleId), eq(jobRoles.orgId, orgId)))
    .where(and(eq(people.orgId, orgId), eq(people.deleted, false)))
    .orderBy(asc(people.name), asc(people.id));
  return formatCsv(
    ['name', 'email', 'job_role', 'start', 'end', 'status', 'leave_reason'],
    rows.map((row) => [row.name, row.email, row.jobRole, row.start, row.end, row.status, row.leaveReason]),
  );
}

const owner = alias(people, 'owner');

/** Every live account as CSV: system, username, owner email, permissions (`;`-separated), and more. */
export async function exportAccountsCsv(db: Db, orgId: string): Promise<string> {
  const rows = await db
    .select({
      system: systems.name,
      username: accounts.username,
      ownerEmail: owner.email,
      permissions: accounts.permissions,
      displayName: accounts.displayName,
      status: accounts.status,
      lastSignInAt: accounts.lastSignInAt,
    })
    .from(accounts)
    .innerJoin(systems, eq(systems.id, accounts.systemId))
    .leftJoin(owner, and(eq(owner.id, accounts.ownerPersonId), eq(owner.orgId, orgId)))
    .where(and(eq(accounts.orgId, orgId), eq(accounts.deleted, false)))
    .orderBy(asc(systems.name), asc(accounts.username));
  return formatCsv(
    ['system', 'username', 'owner_email', 'permissions', 'display_name', 'status', 'last_sign_in'],
    rows.map((row) => [
      row.system,
      row.username,
      row.ownerEmail,
      row.permissions.join(';'),
      row.displayName,
      row.status,
      row.lastSignInAt === null ? null : new Date(row.lastSignInAt).toISOString(),
    ]),
  );
}
