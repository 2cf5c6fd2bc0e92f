import type { Person } from '../../../shared/schemas/directory';
import type { Finding } from '../../../shared/schemas/findings';
import type { Tables } from '../sync/local-copy';

/** One row of the staff table, with what it is sorted and filtered by worked out once. */
export interface StaffRow {
  person: Person;
  role: string;
  accounts: number;
  findings: number;
  /** Lower-cased name, email, role and usernames: what the filter matches. */
  haystack: string;
}

export type StaffSort = 'name' | 'role' | 'status' | 'accounts' | 'findings';

export interface StaffFilter {
  text: string;
  status: '' | Person['status'];
  roleId: string;
}

/** The rows of the staff table, built once per change of the directory or the findings. */
export function staffRows(tables: Tables, findings: readonly Finding[]): StaffRow[] {
  const accounts = new Map<string, number>();
  const usernames = new Map<string, string[]>();
  for (const account of Object.values(tables.account)) {
    for (const id of new Set([account.ownerPersonId, ...account.userPersonIds])) {
      if (!id) continue;
      accounts.set(id, (accounts.get(id) ?? 0) + 1);
      const names = usernames.get(id);
      if (names) names.push(account.username);
      else usernames.set(id, [account.username]);
    }
  }
  const findingCounts = new Map<string, number>();
  for (const finding of findings)
    for (const id of finding.personIds) findingCounts.set(id, (findingCounts.get(id) ?? 0) + 1);
  return Object.values(tables.person).map((person) => {
    const role = person.jobRoleId ? (tables.jobRole[person.jobRoleId]?.name ?? '') : '';
    return {
      person,
      role,
      accounts: accounts.get(person.id) ?? 0,
      findings: findingCounts.get(person.id) ?? 0,
      haystack: [person.name, person.email ?? '', role, ...(usernames.get(person.id) ?? [])]
        .join(' ')
        .toLowerCase(),
    };
  });
}

const COMPARE: Record<StaffSort, (a: StaffRow, b: StaffRow) => number> = {
  name: (a, b) => a.person.name.localeCompare(b.person.name),
  role: (a, b) => a.role.localeCompare(b.role),
  status: (a, b) => a.person.status.localeCompare(b.person.status),
  accounts: (a, b) => a.accounts - b.accounts,
  findings: (a, b) => a.findings - b.findings,
};

/** The rows that match the filter, in the order asked (ties by name). */
export function filterStaff(
  rows: readonly StaffRow[],
  filter: StaffFilter,
  sort: StaffSort,
  descending: boolean,
): StaffRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = rows.filter(
    (row) =>
      (!filter.status || row.person.status === filter.status) &&
      (!filter.roleId ||
        row.person.jobRoleId === filter.roleId ||
        (filter.roleId === '-' && !row.person.jobRoleId)) &&
      words.every((w) => row.haystack.includes(w)),
  );
  const direction = descending ? -1 : 1;
  return shown.sort((a, b) => direction * COMPARE[sort](a, b) || COMPARE.name(a, b));
}
