import { and, eq } from 'drizzle-orm';
import type { CreateJobRole, ListQuery, UpdateJobRole } from '../../../shared/schemas/directory-input';
import type { FieldError } from '../../../shared/schemas/problem';
import { jobRoles, people } from '../db/schema';
import { type Db, detachSql } from '../db/versions';
import { notInThisFirm, ProblemError } from '../http/problem';
import { directoryResource } from './directory-resource';
import { toJobRole } from './rows';
import { systemsById } from './systems-queries';

/** Every system a template names must be the organisation's, every permission in that system's catalogue. */
async function templateErrors(
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

/**
 * Job roles: the permissions a role should have in each system. A role's own differences: its
 * template names only the organisation's systems and their permissions, and deleting it leaves the
 * people who had it with no job role.
 */
export const jobRolesQueries = directoryResource({
  table: jobRoles,
  label: 'job role',
  sortBy: 'name',
  show: toJobRole,
  filters: (_query: ListQuery) => [],
  insert: (input: CreateJobRole) => ({ name: input.name, permissions: input.permissions }),
  checkCreate: (db, orgId, input) => checkTemplate(db, orgId, input.permissions),
  checkUpdate: (db, orgId, _before, input: UpdateJobRole) => checkTemplate(db, orgId, input.permissions),
  cascade: {
    rows: async (db, orgId, id) => {
      const holders = await db
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.orgId, orgId), eq(people.jobRoleId, id)));
      return holders.map((row) => row.id);
    },
    statement: (orgId, _id, personIds, count, now) =>
      detachSql({ table: 'people', column: 'job_role_id' }, personIds, orgId, count, now),
  },
});
