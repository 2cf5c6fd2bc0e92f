/**
 * What the tests generated from the contract (cross-organisation.test.ts, malformed-input.test.ts)
 * need to know about each operation that its schemas cannot say. An operation added without its
 * entries here makes those tests fail, naming it, so none goes untested.
 */

/** Ids belonging to "the other organisation", made by the cross-organisation test's setup. */
export type ForeignIds = {
  organisationId: string;
  /** A live member of the other organisation (not its owner). */
  memberId: string;
  ownerId: string;
  /** An open invitation of the other organisation. */
  inviteId: string;
  /** A live session of the other organisation's member. */
  sessionId: string;
  /** Staff directory rows of the other organisation. */
  personId: string;
  systemId: string;
  jobRoleId: string;
  accountId: string;
  /** A finding of the other organisation, dismissed there. */
  findingId: string;
  /** A closed review campaign of the other organisation, one of its items, and the to-do it made. */
  campaignId: string;
  itemId: string;
  todoId: string;
  /** An API key of the other organisation. */
  apiKeyId: string;
};

/**
 * For each operation with path parameters: the parameters naming something of the other
 * organisation. Keyed by the operation's path.
 */
export const foreignPathParams: Record<string, (ids: ForeignIds) => Record<string, string>> = {
  '/api/v1/members/:id': (ids) => ({ id: ids.memberId }),
  '/api/v1/members/invites/:id': (ids) => ({ id: ids.inviteId }),
  '/api/v1/members/:id/second-factor': (ids) => ({ id: ids.memberId }),
  '/api/v1/sessions/:id': (ids) => ({ id: ids.sessionId }),
  '/api/v1/api-keys/:id': (ids) => ({ id: ids.apiKeyId }),
  '/api/v1/people/:id': (ids) => ({ id: ids.personId }),
  '/api/v1/people/:id/leave': (ids) => ({ id: ids.personId }),
  '/api/v1/systems/:id': (ids) => ({ id: ids.systemId }),
  '/api/v1/systems/:id/snapshots': (ids) => ({ id: ids.systemId }),
  '/api/v1/roles/:id': (ids) => ({ id: ids.jobRoleId }),
  '/api/v1/accounts/:id': (ids) => ({ id: ids.accountId }),
  '/api/v1/reviews/:id': (ids) => ({ id: ids.campaignId }),
  '/api/v1/reviews/:id/items': (ids) => ({ id: ids.campaignId }),
  '/api/v1/reviews/:id/items/:itemId/decision': (ids) => ({ id: ids.campaignId, itemId: ids.itemId }),
  '/api/v1/reviews/:id/close': (ids) => ({ id: ids.campaignId }),
  '/api/v1/reviews/:id/evidence': (ids) => ({ id: ids.campaignId }),
  '/api/v1/todos/:id/confirm': (ids) => ({ id: ids.todoId }),
  '/api/v1/findings/:id/dismiss': (ids) => ({ id: ids.findingId }),
  // No browser of theirs is made: any id is "not in your organisation".
  '/api/v1/devices/:id': (ids) => ({ id: ids.personId }),
};

/**
 * For each operation with a body, a valid body (so a refusal is about the organisation, not the
 * shape). Keyed `METHOD /path`.
 */
export const validBodies: Record<string, unknown> = {
  'POST /api/v1/auth/signup': {
    organisationName: 'Fixture Firm',
    name: 'Fixture Owner',
    email: 'fixture.owner@example.com',
    password: 'correct horse battery staple 42',
  },
  'POST /api/v1/auth/login': {
    email: 'fixture.owner@example.com',
    password: 'correct horse battery staple 42',
  },
  'POST /api/v1/auth/refresh': { refreshToken: 'x'.repeat(43) },
  'POST /api/v1/auth/second-factor': { challengeToken: 'x'.repeat(43), code: '123456' },
  'POST /api/v1/auth/second-factor/enrolment': { challengeToken: 'x'.repeat(43) },
  'POST /api/v1/auth/second-factor/enrolment/confirm': { challengeToken: 'x'.repeat(43), code: '123456' },
  'POST /api/v1/me/second-factor/confirm': { code: '123456' },
  'POST /api/v1/me/second-factor/recovery-codes': { code: '123456' },
  'POST /api/v1/me/second-factor/disable': { code: '123456' },
  'POST /api/v1/auth/accept-invite': {
    setupToken: 'x'.repeat(43),
    name: 'Fixture',
    password: 'correct horse battery staple 42',
  },
  'POST /api/v1/members/invites': { email: 'fixture.invitee@example.com', role: 'auditor' },
  'PATCH /api/v1/members/:id': { role: 'auditor' },
  'POST /api/v1/api-keys': { name: 'Fixture key', role: 'auditor' },
  'PATCH /api/v1/organisation': { name: 'Renamed' },
  'POST /api/v1/people': { name: 'Fixture Person' },
  'PATCH /api/v1/people/:id': { name: 'Renamed' },
  'POST /api/v1/people/:id/leave': { endDate: '2026-11-20', reason: 'Left the firm' },
  'POST /api/v1/people/import': { csv: 'name,email\nFixture Person,fixture.person@example.com\n' },
  'POST /api/v1/systems': { name: 'Fixture System' },
  'PATCH /api/v1/systems/:id': { name: 'Renamed' },
  'POST /api/v1/systems/:id/snapshots': { rows: [{ username: 'fixture.user' }] },
  'POST /api/v1/roles': { name: 'Fixture Role' },
  'PATCH /api/v1/roles/:id': { name: 'Renamed' },
  'POST /api/v1/accounts': { systemId: 'fixture-system', username: 'fixture.user' },
  'PATCH /api/v1/accounts/:id': { displayName: 'Renamed' },
  'POST /api/v1/accounts/import': { csv: 'system,username,permissions\n' },
  'POST /api/v1/sync': { mutations: [] },
  'POST /api/v1/reviews': {
    name: 'Fixture review',
    reviewerIds: ['fixture-member'],
    dueAt: Date.now() + 7 * 86_400_000,
  },
  'POST /api/v1/reviews/:id/items/:itemId/decision': { decision: 'keep', comment: 'Still needed' },
  'POST /api/v1/todos/:id/confirm': { comment: 'Removed in the system' },
  'POST /api/v1/notifications/read': { all: true },
  'PUT /api/v1/organisation/webhook': { url: 'https://hooks.example.com/rollcall' },
  'PUT /api/v1/observations/settings': { enabled: true },
  'POST /api/v1/enrolments': { personId: 'someone' },
  'POST /api/v1/devices/join': { code: 'AAAAA-BBBBB-CCCCC-DDDDD' },
  'POST /api/v1/findings/:id/dismiss': {
    reason: 'Accepted for the audit season',
    expiresAt: Date.now() + 86_400_000,
  },
  'POST /api/v1/me/password': {
    currentPassword: 'correct horse battery staple 42',
    newPassword: 'a different long passphrase 77',
  },
};
