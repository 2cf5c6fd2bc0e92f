import type { OperationRef } from '../../../shared/contract/refs';
import { contract } from './contract';

/** The console's screens, in the order of its navigation, each with the operation that reads it. */
export const SCREENS = [
  { id: 'overview', label: 'Overview', reads: contract.findings.summary },
  { id: 'staff', label: 'Staff', reads: contract.people.list },
  { id: 'accounts', label: 'Accounts', reads: contract.accounts.list },
  { id: 'systems', label: 'Systems', reads: contract.systems.list },
  { id: 'roles', label: 'Job roles', reads: contract.roles.list },
  { id: 'findings', label: 'Findings', reads: contract.findings.list },
  { id: 'reviews', label: 'Access reviews', reads: contract.reviews.list },
  { id: 'members', label: 'Members', reads: contract.members.list },
  { id: 'api-keys', label: 'API keys', reads: contract.apiKeys.list },
  { id: 'enrolments', label: 'Staff browsers', reads: contract.observations.listDevices },
  { id: 'audit', label: 'Audit log', reads: contract.audit.list },
  { id: 'settings', label: 'Settings', reads: contract.organisation.get },
  { id: 'account', label: 'My account', reads: contract.me.get },
] as const satisfies readonly { id: string; label: string; reads: OperationRef }[];

export type ScreenId = (typeof SCREENS)[number]['id'];

/** Where the console is: a screen, and on some screens one thing of it (a person, a campaign…). */
export interface Route {
  /** `join`: accepting an invitation, the one route for someone not signed in yet. */
  screen: ScreenId | 'join';
  id: string | null;
  /** A second part, where a route has one: the server of an invitation. */
  extra: string | null;
}

const IDS = new Set<string>(SCREENS.map((s) => s.id));

/** `#/staff/p1` → { screen: 'staff', id: 'p1' }; anything unknown is the overview. */
export function parseRoute(hash: string): Route {
  const [screen = '', id, extra] = hash.replace(/^#\/?/, '').split('/');
  const read = (part: string | undefined) => (part ? decodeURIComponent(part) : null);
  if (screen === 'join') return { screen, id: read(id), extra: read(extra) };
  if (!IDS.has(screen)) return { screen: 'overview', id: null, extra: null };
  return { screen: screen as ScreenId, id: read(id), extra: null };
}

/** The link a new member opens to accept an invitation: this console, the token, the server. */
export function inviteLink(consoleUrl: string, setupToken: string, serverUrl: string): string {
  return `${consoleUrl}#/join/${encodeURIComponent(setupToken)}/${encodeURIComponent(serverUrl)}`;
}

/** The link to a screen, or to one thing of it. */
export function href(screen: ScreenId, id?: string | null): string {
  return id ? `#/${screen}/${encodeURIComponent(id)}` : `#/${screen}`;
}
