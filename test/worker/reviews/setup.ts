import { addMember, authed, type SignedIn, signUp } from '../helpers';

export const DAY = 86_400_000;

export async function post<T>(who: SignedIn, path: string, body?: unknown): Promise<T> {
  const response = await authed<T>(who, path, { method: 'POST', body });
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * A small firm: PayDesk and a CRM; Rose (to leave), Sam, and Rita who is both a reviewer in Rollcall
 * and a staff member with a PayDesk login of her own; a shared front-desk login Rose and Sam use.
 */
export async function smallFirm() {
  const owner = await signUp({ organisationName: 'Harbour Travel' });
  const rita = await addMember(owner, 'reviewer', 'Rita Reviewer');
  const ray = await addMember(owner, 'reviewer', 'Ray Reviewer');
  const auditor = await addMember(owner, 'auditor', 'Audrey Auditor');
  const paydesk = await post<{ id: string }>(owner, '/api/v1/systems', {
    name: 'PayDesk',
    permissions: [
      { name: 'payments.add' },
      { name: 'transactions.search' },
      { name: 'refunds.process', privileged: true },
    ],
  });
  const crm = await post<{ id: string }>(owner, '/api/v1/systems', {
    name: 'CRM',
    permissions: [{ name: 'contacts.edit' }],
  });
  const clerk = await post<{ id: string }>(owner, '/api/v1/roles', {
    name: 'Booking clerk',
    permissions: { [paydesk.id]: ['payments.add'], [crm.id]: ['contacts.edit'] },
  });
  const rose = await post<{ id: string }>(owner, '/api/v1/people', {
    name: 'Rose Baker',
    email: 'rose@harbour.example',
    jobRoleId: clerk.id,
  });
  const sam = await post<{ id: string }>(owner, '/api/v1/people', {
    name: 'Sam Jones',
    email: 'sam@harbour.example',
  });
  const ritaPerson = await post<{ id: string }>(owner, '/api/v1/people', {
    name: 'Rita Reviewer',
    email: rita.email,
  });
  const recent = Date.now() - DAY;
  const account = (systemId: string, username: string, extra: Record<string, unknown> = {}) =>
    post<{ id: string }>(owner, '/api/v1/accounts', { systemId, username, lastSignInAt: recent, ...extra });
  const accounts = {
    rbaker: await account(paydesk.id, 'rbaker', {
      displayName: 'Rose Baker',
      ownerPersonId: rose.id,
      permissions: ['payments.add', 'refunds.process'],
    }),
    sjones: await account(paydesk.id, 'sjones', {
      displayName: 'Sam Jones',
      ownerPersonId: sam.id,
      permissions: ['payments.add'],
    }),
    ritaOwn: await account(paydesk.id, 'rita.r', {
      displayName: 'Rita Reviewer',
      ownerPersonId: ritaPerson.id,
    }),
    frontdesk: await account(paydesk.id, 'frontdesk', {
      displayName: '<img src=x onerror=alert(1)>',
      userPersonIds: [rose.id, sam.id],
    }),
    roseCrm: await account(crm.id, 'rose', { displayName: 'Rose Baker', ownerPersonId: rose.id }),
  };
  return { owner, rita, ray, auditor, paydesk, crm, rose, sam, ritaPerson, accounts };
}
