import type { Account, JobRole, Person, System } from '../schemas/directory';

export type SyncRowDefaults = {
  person: Pick<Person, 'email' | 'jobRoleId' | 'startDate' | 'endDate' | 'leaveReason' | 'status'>;
  system: Pick<System, 'adminUrlPatterns' | 'signInUrlPatterns' | 'userPageUrl' | 'permissions'>;
  jobRole: Pick<JobRole, 'permissions'>;
  account: Pick<
    Account,
    | 'displayName'
    | 'email'
    | 'status'
    | 'permissions'
    | 'ownerPersonId'
    | 'userPersonIds'
    | 'lastSignInAt'
    | 'systemCreatedAt'
    | 'firstSeenAt'
    | 'lastSeenAt'
  >;
};

/**
 * The fields a row created through sync takes when the mutation leaves them out. The server
 * applies them; the extension shows a row made offline with the same values, so the two agree.
 * A fresh object each call: callers may change what they get.
 */
export function syncRowDefaults(): SyncRowDefaults {
  return {
    person: {
      email: null,
      jobRoleId: null,
      startDate: null,
      endDate: null,
      leaveReason: null,
      status: 'active',
    },
    system: { adminUrlPatterns: [], signInUrlPatterns: [], userPageUrl: null, permissions: [] },
    jobRole: { permissions: {} },
    account: {
      displayName: null,
      email: null,
      status: 'active',
      permissions: [],
      ownerPersonId: null,
      userPersonIds: [],
      lastSignInAt: null,
      systemCreatedAt: null,
      firstSeenAt: null,
      lastSeenAt: null,
    },
  };
}
