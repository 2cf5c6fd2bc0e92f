import type { Tables } from '../sync/local-copy';

/** The choices of a job-role select: none, then the firm's job roles by name. */
export function JobRoleOptions({ tables }: { tables: Tables }) {
  const roles = Object.values(tables.jobRole)
    .filter((role) => !role.deleted)
    .sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <option value="">No job role</option>
      {roles.map((role) => (
        <option key={role.id} value={role.id}>
          {role.name}
        </option>
      ))}
    </>
  );
}
