import { type Send, seedFirm } from '../lib/seed-firm.ts';
import { demoAccounts, demoFirm, demoPeople, demoRoles, demoSystems } from './demo-firm.ts';

/** The demo firm's owner: the practice manager signs in to Rollcall as herself. */
export const DEMO_OWNER = {
  name: 'Grace Mensah',
  email: 'grace.mensah@harbourvale.example',
  password: 'tidal compass ledger 58',
};

/** Creates the demo firm through the worker's own API (see seedFirm). */
export function seedDemoFirm(send: Send, baseUrl: string, now = Date.now()) {
  return seedFirm(
    send,
    baseUrl,
    {
      name: demoFirm.name,
      owner: DEMO_OWNER,
      systems: demoSystems,
      roles: demoRoles,
      people: demoPeople,
      accounts: demoAccounts,
    },
    now,
  );
}
