import type { System } from '../schemas/directory.ts';

/**
 * Which permissions need a closer eye. A system's catalogue may mark a permission `privileged`;
 * otherwise the name decides: managing users (who can add a login can add themselves another) and
 * moving money out (refunds, voids, write-offs, payouts) are the ones fraud and mistakes go through.
 */

const WORD = '(?:^|[^a-z])';
const END = '(?:$|[^a-z])';
const USER_MANAGING = new RegExp(
  `${WORD}(?:users?|members?|staff|logins?|roles?|permissions?|access|security)${END}|` +
    `${WORD}(?:admin|administrator|superuser|owner|sysadmin)${END}|manage[._:-]?(?:users?|staff|members?|roles?)`,
  'i',
);
const MONEY_OUT = new RegExp(
  `${WORD}(?:refunds?|reversals?|voids?|chargebacks?|write-?offs?|writeoffs?|payouts?|withdrawals?|disburse\\w*|transfers?)${END}`,
  'i',
);
// "users.view" lets someone read the user list, not change it.
const READ_ONLY = /[._:-](?:view|read|list|search|export)$/i;

function definition(system: System | undefined, name: string) {
  return system?.permissions.find((p) => p.name === name);
}

/** Can this permission add, change or remove logins or their rights? */
export function isUserManaging(name: string, system?: System): boolean {
  if (READ_ONLY.test(name)) return false;
  // The catalogue's label helps where names are codes: "perm_17" labelled "Manage staff logins".
  const label = definition(system, name)?.label ?? '';
  return USER_MANAGING.test(name) || /\bmanage\b.*\b(users?|staff|logins?|members?|roles?)\b/i.test(label);
}

/** Privileged: marked so in the system's catalogue, user-managing, or moving money out. */
export function isPrivileged(name: string, system?: System): boolean {
  const def = definition(system, name);
  if (def?.privileged !== undefined) return def.privileged;
  if (READ_ONLY.test(name)) return false;
  return USER_MANAGING.test(name) || MONEY_OUT.test(name);
}

/** A permission's label from the catalogue, with its name: `Process refunds (refunds.process)`. */
export function permissionLabel(name: string, system?: System): string {
  const label = definition(system, name)?.label;
  return label ? `${label} (${name})` : name;
}
