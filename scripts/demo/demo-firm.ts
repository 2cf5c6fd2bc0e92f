/**
 * The demo firm `npm start` seeds: Harbour & Vale, a small law practice with 15 staff and three
 * back-office systems. Several of its logins break the advice Rollcall checks on purpose: a
 * "Reception" login, a leaver whose login is still active, "smith.j" used by John & Jane, a
 * receptionist who can process refunds, an enabled "admin" account, a dormant login and one never
 * used. CaseLedger's admin pages are the demo "Current Staff List" `npm start` serves, which also
 * shows a login nobody has told Rollcall about yet.
 *
 * Dates are relative to the day of seeding, so the demo shows the same warnings whenever it runs.
 */

import type { SeedAccount, SeedPerson, SeedSystem } from '../lib/seed-firm.ts';

const DAY = 86_400_000;

export const demoFirm = { name: 'Harbour & Vale Solicitors' };

/** Where `npm start` serves the demo CaseLedger unless DEMO_PORT says otherwise. */
export const DEFAULT_DEMO_PAGE_ORIGIN = 'http://127.0.0.1:8788';

/** CaseLedger's admin pages, wherever the demo serves them: the staff list is one of them. */
export const demoAdminPattern = (pageOrigin: string) => `${pageOrigin}/caseledger/admin/*`;

/** The demo systems, CaseLedger's pages served from `pageOrigin`. */
export const demoSystems = (pageOrigin: string = DEFAULT_DEMO_PAGE_ORIGIN): SeedSystem[] => [
  {
    key: 'caseledger',
    name: 'CaseLedger',
    adminUrlPatterns: [demoAdminPattern(pageOrigin)],
    signInUrlPatterns: [`${pageOrigin}/caseledger/login*`],
    permissions: [
      { name: 'matters.view', label: 'View matters' },
      { name: 'matters.edit', label: 'Open and edit matters' },
      { name: 'time.record', label: 'Record time' },
      { name: 'billing.view', label: 'View bills' },
      { name: 'trust.post', label: 'Post to the trust ledger', privileged: true },
      { name: 'reports.export', label: 'Export reports', privileged: true },
      { name: 'users.manage', label: 'Manage users', privileged: true },
    ],
  },
  {
    key: 'paydesk',
    name: 'PayDesk',
    adminUrlPatterns: ['https://portal.paydesk.example/merchant/users*'],
    signInUrlPatterns: ['https://portal.paydesk.example/signin*'],
    permissions: [
      { name: 'payments.add', label: 'Take payments' },
      { name: 'transactions.search', label: 'Search transactions' },
      { name: 'refunds.process', label: 'Process refunds', privileged: true },
      { name: 'reports.export', label: 'Export statements', privileged: true },
      { name: 'users.manage', label: 'Manage users', privileged: true },
    ],
  },
  {
    key: 'docvault',
    name: 'DocVault',
    adminUrlPatterns: ['https://app.docvault.example/settings/users*'],
    signInUrlPatterns: ['https://app.docvault.example/login*'],
    permissions: [
      { name: 'docs.view', label: 'View documents' },
      { name: 'docs.edit', label: 'Edit documents' },
      { name: 'docs.delete', label: 'Delete documents', privileged: true },
      { name: 'shares.external', label: 'Share outside the firm', privileged: true },
      { name: 'users.manage', label: 'Manage users', privileged: true },
    ],
  },
];

/** Least-privilege templates: for each system, what the role needs. */
export const demoRoles: Record<string, Record<string, string[]>> = {
  Partner: {
    caseledger: ['matters.view', 'matters.edit', 'time.record', 'billing.view', 'reports.export'],
    paydesk: ['transactions.search'],
    docvault: ['docs.view', 'docs.edit', 'shares.external'],
  },
  Solicitor: {
    caseledger: ['matters.view', 'matters.edit', 'time.record', 'billing.view'],
    docvault: ['docs.view', 'docs.edit'],
  },
  Paralegal: {
    caseledger: ['matters.view', 'time.record'],
    docvault: ['docs.view', 'docs.edit'],
  },
  Receptionist: {
    caseledger: ['matters.view'],
    paydesk: ['payments.add', 'transactions.search'],
  },
  'Accounts Clerk': {
    caseledger: ['matters.view', 'billing.view', 'trust.post'],
    paydesk: ['payments.add', 'transactions.search', 'refunds.process'],
  },
  'Practice Manager': {
    caseledger: ['matters.view', 'billing.view', 'reports.export', 'users.manage'],
    paydesk: ['transactions.search', 'reports.export', 'users.manage'],
    docvault: ['docs.view', 'users.manage'],
  },
};

export const demoPeople: SeedPerson[] = [
  {
    key: 'helen',
    name: 'Helen Vale',
    email: 'helen.vale@harbourvale.example',
    role: 'Partner',
    startedDaysAgo: 5200,
  },
  {
    key: 'rajesh',
    name: 'Rajesh Iyer',
    email: 'rajesh.iyer@harbourvale.example',
    role: 'Partner',
    startedDaysAgo: 3100,
  },
  {
    key: 'mark',
    name: 'Mark Sales',
    email: 'mark.sales@harbourvale.example',
    role: 'Solicitor',
    startedDaysAgo: 1400,
  },
  {
    key: 'siobhan',
    name: "Siobhan O'Neill",
    email: 'siobhan.oneill@harbourvale.example',
    role: 'Solicitor',
    startedDaysAgo: 900,
  },
  {
    key: 'wei',
    name: 'Wei Zhang',
    email: 'wei.zhang@harbourvale.example',
    role: 'Solicitor',
    startedDaysAgo: 640,
  },
  {
    key: 'john',
    name: 'John Smith',
    email: 'john.smith@harbourvale.example',
    role: 'Paralegal',
    startedDaysAgo: 800,
  },
  {
    key: 'jane',
    name: 'Jane Smith',
    email: 'jane.smith@harbourvale.example',
    role: 'Paralegal',
    startedDaysAgo: 500,
  },
  {
    key: 'amy',
    name: 'Amy Chen',
    email: 'amy.chen@harbourvale.example',
    role: 'Receptionist',
    startedDaysAgo: 300,
  },
  {
    key: 'tomasz',
    name: 'Tomasz Nowak',
    email: 'tomasz.nowak@harbourvale.example',
    role: 'Receptionist',
    startedDaysAgo: 120,
  },
  {
    key: 'fatima',
    name: 'Fatima Al-Sayed',
    email: 'fatima.alsayed@harbourvale.example',
    role: 'Accounts Clerk',
    startedDaysAgo: 1100,
  },
  {
    key: 'grace',
    name: 'Grace Mensah',
    email: 'grace.mensah@harbourvale.example',
    role: 'Practice Manager',
    startedDaysAgo: 2400,
  },
  {
    key: 'liam',
    name: 'Liam Murphy',
    email: 'liam.murphy@harbourvale.example',
    role: 'Paralegal',
    startedDaysAgo: 60,
  },
  {
    key: 'priya',
    name: 'Priya Patel',
    email: 'priya.patel@harbourvale.example',
    role: 'Solicitor',
    startedDaysAgo: 30,
  },
  {
    key: 'daniel',
    name: 'Daniel Okafor',
    email: 'daniel.okafor@harbourvale.example',
    role: 'Solicitor',
    startedDaysAgo: 1800,
    leftDaysAgo: 23,
    leaveReason: 'Moved to another firm',
  },
  {
    key: 'sofia',
    name: 'Sofia Rossi',
    email: 'sofia.rossi@harbourvale.example',
    role: 'Paralegal',
    startedDaysAgo: 410,
  },
];

export const demoAccounts: SeedAccount[] = [
  // CaseLedger, the practice-management system whose "Current Staff List" the demo page shows.
  {
    system: 'caseledger',
    username: 'hvale',
    displayName: 'Helen Vale',
    owner: 'helen',
    permissions: demoRoles.Partner?.caseledger ?? [],
    lastSignInDaysAgo: 0,
    createdDaysAgo: 2000,
  },
  {
    system: 'caseledger',
    username: 'riyer',
    displayName: 'Rajesh Iyer',
    owner: 'rajesh',
    permissions: demoRoles.Partner?.caseledger ?? [],
    lastSignInDaysAgo: 1,
    createdDaysAgo: 2000,
  },
  {
    system: 'caseledger',
    username: 'mark.sales',
    displayName: 'Mark Sales',
    owner: 'mark',
    permissions: demoRoles.Solicitor?.caseledger ?? [],
    lastSignInDaysAgo: 2,
    createdDaysAgo: 1400,
  },
  {
    system: 'caseledger',
    username: 'soneill',
    displayName: "Siobhan O'Neill",
    owner: 'siobhan',
    permissions: demoRoles.Solicitor?.caseledger ?? [],
    lastSignInDaysAgo: 0,
    createdDaysAgo: 900,
  },
  {
    system: 'caseledger',
    username: 'wzhang',
    displayName: 'Wei Zhang',
    owner: 'wei',
    permissions: demoRoles.Solicitor?.caseledger ?? [],
    lastSignInDaysAgo: 3,
    createdDaysAgo: 640,
  },
  {
    system: 'caseledger',
    username: 'smith.j',
    displayName: 'John & Jane',
    owner: 'john',
    users: ['john', 'jane'],
    permissions: demoRoles.Paralegal?.caseledger ?? [],
    lastSignInDaysAgo: 0,
    createdDaysAgo: 800,
  },
  {
    system: 'caseledger',
    username: 'Reception',
    displayName: 'Reception',
    users: ['amy', 'tomasz'],
    permissions: ['matters.view'],
    lastSignInDaysAgo: 0,
    createdDaysAgo: 1500,
  },
  {
    system: 'caseledger',
    username: 'fal-sayed',
    displayName: 'Fatima Al-Sayed',
    owner: 'fatima',
    permissions: demoRoles['Accounts Clerk']?.caseledger ?? [],
    lastSignInDaysAgo: 1,
    createdDaysAgo: 1100,
  },
  {
    system: 'caseledger',
    username: 'gmensah',
    displayName: 'Grace Mensah',
    owner: 'grace',
    permissions: demoRoles['Practice Manager']?.caseledger ?? [],
    lastSignInDaysAgo: 0,
    createdDaysAgo: 2400,
  },
  {
    system: 'caseledger',
    username: 'dokafor',
    displayName: 'Daniel Okafor',
    owner: 'daniel',
    permissions: demoRoles.Solicitor?.caseledger ?? [],
    lastSignInDaysAgo: 24,
    createdDaysAgo: 1800,
  },
  {
    system: 'caseledger',
    username: 'srossi',
    displayName: 'Sofia Rossi',
    owner: 'sofia',
    permissions: demoRoles.Paralegal?.caseledger ?? [],
    lastSignInDaysAgo: 97,
    createdDaysAgo: 410,
  },
  {
    system: 'caseledger',
    username: 'lmurphy',
    displayName: 'Liam Murphy',
    owner: 'liam',
    permissions: demoRoles.Paralegal?.caseledger ?? [],
    lastSignInDaysAgo: 2,
    createdDaysAgo: 60,
  },
  {
    system: 'caseledger',
    username: 'ppatel',
    displayName: 'Priya Patel',
    owner: 'priya',
    permissions: demoRoles.Solicitor?.caseledger ?? [],
    createdDaysAgo: 29,
  },
  // PayDesk, the client-payments system.
  {
    system: 'paydesk',
    username: 'Reception',
    displayName: 'Front Desk',
    users: ['amy', 'tomasz'],
    permissions: ['payments.add', 'transactions.search'],
    lastSignInDaysAgo: 0,
    createdDaysAgo: 1500,
  },
  {
    system: 'paydesk',
    username: 'amy.chen',
    displayName: 'Amy Chen',
    owner: 'amy',
    permissions: ['payments.add', 'transactions.search', 'refunds.process'],
    lastSignInDaysAgo: 0,
    createdDaysAgo: 300,
  },
  {
    system: 'paydesk',
    username: 'fatima.a',
    displayName: 'Fatima Al-Sayed',
    owner: 'fatima',
    permissions: demoRoles['Accounts Clerk']?.paydesk ?? [],
    lastSignInDaysAgo: 1,
    createdDaysAgo: 1100,
  },
  {
    system: 'paydesk',
    username: 'grace.m',
    displayName: 'Grace Mensah',
    owner: 'grace',
    permissions: demoRoles['Practice Manager']?.paydesk ?? [],
    lastSignInDaysAgo: 4,
    createdDaysAgo: 2400,
  },
  {
    system: 'paydesk',
    username: 'helen.v',
    displayName: 'Helen Vale',
    owner: 'helen',
    permissions: ['transactions.search', 'users.manage'],
    lastSignInDaysAgo: 12,
    createdDaysAgo: 2000,
  },
  // DocVault, the document store.
  {
    system: 'docvault',
    username: 'admin',
    displayName: 'Administrator',
    permissions: ['docs.view', 'docs.edit', 'docs.delete', 'shares.external', 'users.manage'],
    lastSignInDaysAgo: 40,
    createdDaysAgo: 2500,
  },
  {
    system: 'docvault',
    username: 'helen.vale@harbourvale.example',
    displayName: 'Helen Vale',
    owner: 'helen',
    permissions: demoRoles.Partner?.docvault ?? [],
    lastSignInDaysAgo: 0,
    createdDaysAgo: 2000,
  },
  {
    system: 'docvault',
    username: 'mark.sales@harbourvale.example',
    displayName: 'Mark Sales',
    owner: 'mark',
    permissions: demoRoles.Solicitor?.docvault ?? [],
    lastSignInDaysAgo: 1,
    createdDaysAgo: 1400,
  },
  {
    system: 'docvault',
    username: 'daniel.okafor@harbourvale.example',
    displayName: 'Daniel Okafor',
    owner: 'daniel',
    permissions: demoRoles.Solicitor?.docvault ?? [],
    lastSignInDaysAgo: 25,
    createdDaysAgo: 1800,
  },
  {
    system: 'docvault',
    username: 'scanner',
    displayName: 'Scan Station',
    permissions: ['docs.edit'],
    lastSignInDaysAgo: 0,
    createdDaysAgo: 700,
  },
  {
    system: 'docvault',
    username: 'grace.mensah@harbourvale.example',
    displayName: 'Grace Mensah',
    owner: 'grace',
    permissions: demoRoles['Practice Manager']?.docvault ?? [],
    lastSignInDaysAgo: 6,
    createdDaysAgo: 2400,
  },
];

/**
 * Logins CaseLedger's staff list shows that nobody has told Rollcall about: a locum taken on for a
 * few weeks. The page marks it as belonging to nobody Rollcall knows until the list is synced.
 */
export const demoPageOnlyAccounts: SeedAccount[] = [
  {
    system: 'caseledger',
    username: 'kbrennan',
    displayName: 'Kate Brennan',
    permissions: ['matters.view', 'matters.edit', 'time.record'],
    lastSignInDaysAgo: 3,
    createdDaysAgo: 20,
  },
];

export const DEMO_DAY_MS = DAY;
