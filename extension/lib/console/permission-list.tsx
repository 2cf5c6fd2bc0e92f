import type { Account, JobRole } from '../../../shared/schemas/directory';

/**
 * A login's permissions against its owner's job-role template: the ones beyond it stand out (and
 * say so to a screen reader), the ones the template grants but the login lacks are listed quieter.
 */
export function PermissionList({ account, role }: { account: Account; role: JobRole | undefined }) {
  const granted = new Set(role?.permissions[account.systemId] ?? []);
  const missing = [...granted].filter((p) => !account.permissions.includes(p));
  return (
    <ul class="perms">
      {account.permissions.map((p) => {
        const extra = role !== undefined && !granted.has(p);
        return (
          <li key={p} class={extra ? 'perm-extra' : 'perm-ok'}>
            {p}
            {extra && <span class="visually-hidden"> (not in the template)</span>}
          </li>
        );
      })}
      {missing.map((p) => (
        <li key={p} class="perm-missing">
          {p} <span class="muted">(granted, not held)</span>
        </li>
      ))}
      {account.permissions.length === 0 && missing.length === 0 && <li class="muted">none recorded</li>}
    </ul>
  );
}
