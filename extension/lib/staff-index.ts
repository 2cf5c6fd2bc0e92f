import { foldLetters } from '../../shared/classifier/tokenize.ts';
import type { Account } from '../../shared/schemas/directory';
import type { Finding } from '../../shared/schemas/findings';
import type { Tables } from './sync/local-copy';

/**
 * The staff list as the popup draws it, built by the background once per change of the directory
 * (each sync, each queued change) and kept in storage beside the findings: the popup opens the list
 * from this alone, without reading the whole directory, and searches it without folding any text.
 */
export interface StaffIndex {
  /** One row per person, in the order the list shows them (by name). */
  rows: StaffRow[];
}

export interface StaffRow {
  id: string;
  name: string;
  /** The line under the name: job role, and whether they left. */
  detail: string;
  /** Open findings about this person. */
  findings: number;
  /** Name, email, job role and every login they own or use, folded (lower case, no accents), for search. */
  key: string;
}

/** Lower case without accents, so "garcia" finds "García" and "ZOE" finds "Zoë". */
export function foldForSearch(text: string): string {
  return foldLetters(text.toLowerCase());
}

/** Each person's logins: the ones they own and the shared ones they use. */
export function accountsByPerson(tables: Tables): Map<string, Account[]> {
  const byPerson = new Map<string, Account[]>();
  const add = (personId: string, account: Account) => {
    const list = byPerson.get(personId);
    if (!list) byPerson.set(personId, [account]);
    else if (!list.includes(account)) list.push(account);
  };
  for (const account of Object.values(tables.account)) {
    if (account.ownerPersonId) add(account.ownerPersonId, account);
    for (const personId of account.userPersonIds) add(personId, account);
  }
  return byPerson;
}

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function buildStaffIndex(tables: Tables, findings: readonly Finding[]): StaffIndex {
  const logins = accountsByPerson(tables);
  const counts = new Map<string, number>();
  for (const finding of findings)
    for (const id of finding.personIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const rows = Object.values(tables.person).map((person): StaffRow => {
    const role = person.jobRoleId ? (tables.jobRole[person.jobRoleId]?.name ?? '') : '';
    const usernames = new Set((logins.get(person.id) ?? []).map((account) => account.username));
    return {
      id: person.id,
      name: person.name,
      detail: `${role}${person.status === 'leaver' ? ' · Leaver' : ''}`,
      findings: counts.get(person.id) ?? 0,
      // Parts joined by a line break, which no query holds, so no match runs across two of them.
      key: foldForSearch([person.name, person.email ?? '', role, ...usernames].join('\n')),
    };
  });
  rows.sort((a, b) => byName.compare(a.name, b.name));
  return { rows };
}

/**
 * The rows matching a search: every word of it found in the row's name, email, job role or logins
 * ("rose bak" finds Rose Baker). An empty search matches everyone.
 */
export function searchStaff(index: StaffIndex, query: string): StaffRow[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return index.rows;
  return index.rows.filter((row) => words.every((word) => row.key.includes(word)));
}
