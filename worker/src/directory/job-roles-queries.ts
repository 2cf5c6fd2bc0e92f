import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { JobRole } from '../../../shared/schemas/directory';
import type { CreateJobRole, ListQuery, UpdateJobRole } from '../../../shared/schemas/directory-input';
import type { FieldError } from '../../../shared/schemas/problem';
import { jobRoles, people } from '../db/schema';
import {
  type Db,
  detachSql,
  reservedVersion,
  reserveVersions,
  returnedRow,
  toStatement,
  type Write,
} from '../db/versions';
import { notInThisFirm, ProblemError } from '../http/problem';
import { findLiveRow } from './live-row';
import { afterCursor, toPage } from './page-cursor';
import { toJobRole } from './rows';
import { systemsById } from './systems-queries';

export async function listJobRoles(db: Db, orgId: string, query: ListQuery) {
  const conditions: SQL[] = [eq(jobRoles.orgId, orgId), eq(jobRoles.deleted, false)];
  const after = afterCursor(jobRoles.name, jobRoles.id, query.cursor);
  if (after) conditions.push(after);
  const rows = await db
    .select()
    .from(jobRoles)
    .where(and(...conditions))
    .orderBy(asc(jobRoles.name), asc(jobRoles.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => [row.name, row.id], toJobRole);
}

export async function findJobRole(db: Db, orgId: string, id: string): Promise<JobRole | undefined> {
  const row = await findLiveRow(db, jobRoles, orgId, id);
  return row ? toJobRole(row) : undefined;
}

export async function getJobRole(db: Db, orgId: string, id: string): Promise<JobRole> {
  const role = await findJobRole(db, orgId, id);
  if (!role) throw new ProblemError(404, 'No such job role.');
  return role;
}

/** Every system a template names must be the organisation's, every permission in that system's catalogue. */
export async function templateErrors(
  db: Db,
  orgId: string,
  template: Record<string, string[]>,
  field: string,
): Promise<FieldError[]> {
  const known = await systemsById(db, orgId);
  const errors: FieldError[] = [];
  for (const [systemId, names] of Object.entries(template)) {
    const system = known.get(systemId);
    if (!system) {
      errors.push({ field: `${field}.${systemId}`, message: notInThisFirm('system') });
      continue;
    }
    const catalogue = new Set(system.permissions.map((permission) => permission.name));
    names.forEach((name, index) => {
      if (!catalogue.has(name)) {
        errors.push({
          field: `${field}.${systemId}.${index}`,
          message: `${name} is not a permission of ${system.name}`,
        });
      }
    });
  }
  return errors;
}

async function checkTemplate(db: Db, orgId: string, template: Record<string, string[]> | undefined) {
  if (!template) return;
  const errors = await templateErrors(db, orgId, template, 'body.permissions');
  if (errors.length > 0)
    throw new ProblemError(422, 'The template names unknown systems or permissions.', errors);
}

export async function createJobRole(
  db: Db,
  orgId: string,
  input: CreateJobRole,
  now = Date.now(),
): Promise<Write<JobRole>> {
  if (input.id) {
    const [taken] = await db.select({ id: jobRoles.id }).from(jobRoles).where(eq(jobRoles.id, input.id));
    if (taken)
      throw new ProblemError(409, `The id ${input.id} is taken.`, [
        { field: 'body.id', message: 'id taken' },
      ]);
  }
  await checkTemplate(db, orgId, input.permissions);
  return {
    statements: [
      reserveVersions(db, orgId, 1),
      toStatement(
        db,
        db
          .insert(jobRoles)
          .values({
            id: input.id ?? crypto.randomUUID(),
            orgId,
            name: input.name,
            permissions: input.permissions,
            version: reservedVersion(orgId, 1, 0),
            updatedAt: now,
          })
          .returning(),
      ),
    ],
    read: (results) => toJobRole(returnedRow(jobRoles, results, 1)),
  };
}

export async function updateJobRole(
  db: Db,
  orgId: string,
  id: string,
  input: UpdateJobRole,
  now = Date.now(),
): Promise<{ before: JobRole; write: Write<JobRole> }> {
  const before = await getJobRole(db, orgId, id);
  await checkTemplate(db, orgId, input.permissions);
  return {
    before,
    write: {
      statements: [
        reserveVersions(db, orgId, 1),
        toStatement(
          db,
          db
            .update(jobRoles)
            .set({ ...input, version: reservedVersion(orgId, 1, 0), updatedAt: now })
            .where(and(eq(jobRoles.orgId, orgId), eq(jobRoles.id, id), eq(jobRoles.deleted, false)))
            .returning(),
        ),
      ],
      read: (results) => toJobRole(returnedRow(jobRoles, results, 1)),
    },
  };
}

/** Deletes a job role; the people who had it keep their place in the directory with no job role. */
export async function deleteJobRole(
  db: Db,
  orgId: string,
  id: string,
  now = Date.now(),
): Promise<{ before: JobRole; write: Write<{ unassignedPeople: number }> }> {
  const before = await getJobRole(db, orgId, id);
  const holders = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.jobRoleId, id)));
  const personIds = holders.map((row) => row.id);
  const count = personIds.length + 1;
  return {
    before,
    write: {
      statements: [
        reserveVersions(db, orgId, count),
        toStatement(
          db,
          db
            .update(jobRoles)
            .set({ deleted: true, version: reservedVersion(orgId, count, 0), updatedAt: now })
            .where(and(eq(jobRoles.orgId, orgId), eq(jobRoles.id, id))),
        ),
        toStatement(db, detachSql({ table: 'people', column: 'job_role_id' }, personIds, orgId, count, now)),
      ],
      read: () => ({ unassignedPeople: personIds.length }),
    },
  };
}
