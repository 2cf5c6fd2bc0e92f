import type { Operation } from '../../../shared/contract/operation';
import type { MemberRole } from '../../../shared/schemas/members';

/**
 * What the signed-in member's role may do, read from the contract's own role lists: the console
 * shows a button only where the server would accept the operation behind it.
 */
export function allowed(role: MemberRole | null | undefined, op: Pick<Operation, 'roles'>): boolean {
  if (!role) return false;
  return op.roles === 'public' || op.roles.includes(role);
}

/**
 * The roles a member may give to others (invite or re-role): only an owner makes an owner, the
 * server refuses it from anyone else.
 */
export function grantableRoles(role: MemberRole | null | undefined): MemberRole[] {
  if (role === 'owner') return ['owner', 'admin', 'reviewer', 'auditor'];
  if (role === 'admin') return ['admin', 'reviewer', 'auditor'];
  return [];
}

/** Whether this member may change or remove that one: only an owner touches an owner. */
export function mayManageMember(role: MemberRole | null | undefined, target: MemberRole): boolean {
  return grantableRoles(role).length > 0 && (target !== 'owner' || role === 'owner');
}

/** Whether this member may see and end another member's sessions (owners only, as the server says). */
export function mayEndOthersSessions(role: MemberRole | null | undefined): boolean {
  return role === 'owner';
}
