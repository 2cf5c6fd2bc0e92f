import { type StorageItemKey, storage, type WxtStorageItem } from 'wxt/utils/storage';
import type { AuditSigningKey, SignedCheckpoint } from '../../shared/audit/checkpoint';
import type { contract } from '../../shared/contract';
import type { BodyOf } from '../../shared/contract/operation';
import type { TokenPair } from '../../shared/schemas/auth';
import type { SignInObservation } from '../../shared/schemas/directory';
import type { Finding, FindingsSummary } from '../../shared/schemas/findings';
import type { OrganisationSettingsInput } from '../../shared/settings';
import type { PageAdapter } from './page/adapter-schema';
import type { Gathered } from './page/paging';
import type { StaffIndex } from './staff-index';
import type { StoredAccess } from './sync/api-client';
import { emptyCopy, type LocalCopy } from './sync/local-copy';
import { emptyOutbox, type Outbox } from './sync/outbox';

/**
 * Every item the extension keeps in extension storage, declared here and nowhere else: its key,
 * its fallback and its version (with the migrations to it). The background is the only writer of
 * the directory, the findings and the session; pages read and watch.
 *
 * Each item is defined on first use: WXT's defineItem reads an item with migrations as soon as it
 * is defined, and a page (or an admin page's content script) would otherwise read items it never
 * shows, megabytes for a big firm's directory.
 */

/** What the registry says of each item; test/unit/extension/storage.test.ts checks keys are unique. */
export interface StorageDeclaration {
  key: StorageItemKey;
  fallback: unknown;
  version: number;
}

const declarations: StorageDeclaration[] = [];
export const storageDeclarations: readonly StorageDeclaration[] = declarations;

function declare<T>(
  key: StorageItemKey,
  options: { fallback: T; version: number; migrations?: Record<number, (old: unknown) => T> },
): WxtStorageItem<T, Record<string, unknown>> {
  declarations.push({ key, fallback: options.fallback, version: options.version });
  let item: WxtStorageItem<T, Record<string, unknown>> | undefined;
  const defined = () => {
    item ??= storage.defineItem<T>(key, options);
    return item;
  };
  // The item's methods are closures, so forwarding each read of a property is enough.
  return new Proxy({} as WxtStorageItem<T, Record<string, unknown>>, {
    get: (_, property) => Reflect.get(defined(), property),
  });
}

// Settings ----------------------------------------------------------------------------------------

/**
 * Where the Rollcall worker answers until the admin types another. Fixed at build time:
 * `npm start` builds in the worker it starts (WXT_ROLLCALL_SERVER_URL), else the local default.
 */
export const DEFAULT_SERVER_URL: string = import.meta.env.WXT_ROLLCALL_SERVER_URL || 'http://127.0.0.1:8787';

export const serverUrlItem = declare<string>('local:serverUrl', { fallback: DEFAULT_SERVER_URL, version: 1 });

/**
 * How to read each configured system's admin pages (URL patterns, optional selectors and column
 * mapping), set in the options page. Pages no adapter covers are read by the detector alone.
 */
export const pageAdaptersItem = declare<PageAdapter[]>('local:pageAdapters', { fallback: [], version: 1 });

/**
 * The firm's rule thresholds as this browser last had them from the server (read with
 * `readRuleSettings` from shared/settings: a stored field that no longer validates falls back to
 * its default). Signed out, the options page sets them for this browser alone.
 */
export const ruleSettingsItem = declare<OrganisationSettingsInput>('local:ruleSettings', {
  fallback: {},
  version: 1,
});

// Session -----------------------------------------------------------------------------------------

/**
 * Who is signed in, as every page of the extension may know it: no tokens here. `expired` means
 * the server stopped accepting the session; the popup asks to sign in again and the local copy and
 * the queued changes stay, so nothing is lost.
 */
export interface SignedInAs {
  state: 'signed-in' | 'expired';
  serverUrl: string;
  member: {
    id: string;
    name: string;
    email: string;
    role: TokenPair['member']['role'];
    /** Whether they sign in with a second factor (absent in what older versions stored). */
    secondFactor?: boolean;
  };
  organisation: { id: string; name: string };
}

export const signedInAsItem = declare<SignedInAs | null>('local:signedInAs', { fallback: null, version: 1 });

// Tokens: read and written by the background only (session-store.ts). Session storage is not
// exposed to content scripts and is cleared when the browser closes; the refresh token survives a
// restart.
export const accessTokenItem = declare<StoredAccess | null>('session:accessToken', {
  fallback: null,
  version: 1,
});
export const refreshTokenItem = declare<string | null>('local:refreshToken', { fallback: null, version: 1 });

/**
 * A sign-in half done: the password was right and the server asks for a second factor's code, or
 * for one to be set up (`enrolled`: set up, its recovery codes shown). Pages read it to show the
 * step; the challenge token itself is in `signInChallengeItem`, for the background alone.
 */
export interface SignInStep {
  step: 'code' | 'enrol' | 'enrolled';
  email: string;
  /** Milliseconds since the epoch: the server's challenge runs out then. */
  expiresAt: number;
}
export const signInStepItem = declare<SignInStep | null>('session:signInStep', {
  fallback: null,
  version: 1,
});
export const signInChallengeItem = declare<string | null>('session:signInChallenge', {
  fallback: null,
  version: 1,
});

/**
 * The known-browser tokens the server gave this browser, by server and member email (OWASP's
 * device cookie): a stranger's failures on the email do not lock this browser out. Background only.
 */
export const knownBrowsersItem = declare<Record<string, string>>('local:knownBrowsers', {
  fallback: {},
  version: 1,
});

// The directory and the sync -----------------------------------------------------------------------

/** The server's rows as last pulled; the popup draws the directory from it with no network. */
export const localCopyItem = declare<LocalCopy>('local:directoryCopy', { fallback: emptyCopy(), version: 1 });

/**
 * The firm's sign-in observations as last pulled (each person's latest sign-in per login): the
 * findings here read them as the server's rules do, also offline.
 */
export const signInObservationsItem = declare<SignInObservation[]>('local:signInObservations', {
  fallback: [],
  version: 1,
});

/**
 * The copy's pull cursor on its own: a sync that finds nothing new then reads a number, not the
 * whole directory (big reads hold up every other storage read of the extension).
 */
export const syncCursorItem = declare<number>('local:syncCursor', { fallback: 0, version: 1 });

/** Changes made here, waiting for the server (and the ones it refused or found in conflict). */
export const outboxItem = declare<Outbox>('local:outbox', { fallback: emptyOutbox(), version: 1 });

export type SyncState =
  /** Nothing has been tried yet in this session. */
  | 'idle'
  | 'syncing'
  | 'synced'
  /** The server did not answer: changes wait in the outbox. */
  | 'offline'
  /** The session ended: changes wait until the admin signs in again. */
  | 'signed-out'
  | 'error';

export interface SyncStatus {
  state: SyncState;
  /** When the last sync that reached the server ended. */
  lastSyncedAt: number | null;
  /** For `error` (and `offline`): what went wrong, in words. */
  message: string | null;
}

export const syncStatusItem = declare<SyncStatus>('local:syncStatus', {
  fallback: { state: 'idle', lastSyncedAt: null, message: null },
  version: 1,
});

/** A user list read off an admin page while the server could not be reached, as it will be sent. */
export interface QueuedSnapshot {
  systemId: string;
  pageUrl: string;
  body: BodyOf<typeof contract.systems.sendSnapshot>;
  queuedAt: number;
}

export const queuedSnapshotsItem = declare<QueuedSnapshot[]>('local:queuedPageSnapshots', {
  fallback: [],
  version: 1,
});

/**
 * The pages of paged user lists seen so far, by list (`gatheringKey`), so that "Sync this list" can
 * send every page the admin paged through, across page loads. Kept for an hour at most.
 */
export const listGatheringsItem = declare<Record<string, Gathered>>('local:listGatherings', {
  fallback: {},
  version: 1,
});

// Findings ------------------------------------------------------------------------------------------

/**
 * The findings of the directory as it stands here (server rows plus queued changes), computed by
 * the background with the shared rules after every change, so the popup's home view needs no work.
 */
export interface ComputedFindings {
  computedAt: number;
  /** The open findings (dismissed ones left out), worst first. */
  findings: Finding[];
}

export const findingsItem = declare<ComputedFindings>('local:findings', {
  fallback: { computedAt: 0, findings: [] },
  version: 1,
});

/**
 * What the popup's home view draws, kept small and apart from the findings and the directory, so
 * the popup shows it within a frame or two whatever the size of the firm.
 */
export interface HomeSummary {
  computedAt: number;
  /** Counts by severity and the health score of the open findings. */
  summary: FindingsSummary;
  /** The first three open findings: what to fix first. */
  top: Finding[];
  /** No people and no logins yet: the home view invites the admin to start. */
  directoryEmpty: boolean;
}

const NOTHING_CHECKED: HomeSummary = {
  computedAt: 0,
  summary: {
    counts: { critical: 0, high: 0, medium: 0, low: 0 },
    total: 0,
    healthScore: null,
    notChecked: 'no-people',
    checked: { people: 0, systems: 0, logins: 0 },
  },
  top: [],
  directoryEmpty: true,
};

export const homeSummaryItem = declare<HomeSummary>('local:homeSummary', {
  fallback: NOTHING_CHECKED,
  // Version 1 scored without knowing what was checked; its summary waits for the next computation.
  version: 2,
  migrations: { 2: () => NOTHING_CHECKED },
});

/**
 * The popup's staff list, searchable, built with the findings after every change (see
 * staff-index.ts); null until the first computation, when the popup builds it from the directory.
 */
export const staffIndexItem = declare<StaffIndex | null>('local:staffIndex', { fallback: null, version: 1 });

/**
 * A dismissal of the firm's: one made here applies locally at once and waits with `sent: false`
 * until the findings API (`contract.findings.dismiss`) has it; the others come from the server's
 * list (`contract.findings.dismissed`) at each sync. One taken back (`takenBack`) no longer
 * applies, and waits until the server has let it go too (`contract.findings.undismiss`).
 */
export interface LocalDismissal {
  findingId: string;
  fingerprint: string;
  reason: string;
  expiresAt: number;
  dismissedAt: number;
  dismissedBy: string;
  /** Who dismissed it and the finding's line, as the server's list names them. */
  dismissedByName?: string;
  title?: string;
  sent: boolean;
  takenBack?: boolean;
}

export const dismissalsItem = declare<LocalDismissal[]>('local:findingDismissals', {
  fallback: [],
  version: 1,
});

/** Unread notifications the server last counted, added to the toolbar badge. */
export const unreadNotificationsItem = declare<number>('local:unreadNotifications', {
  fallback: 0,
  version: 1,
});

// The audit trail's witness -----------------------------------------------------------------------

/**
 * The newest signed checkpoint of the firm's audit trail this browser has seen (owners, admins and
 * auditors), with the key that verified it, and what the last checks found wrong (see
 * background/audit-witness.ts). The warning stays until another firm or server is signed in to.
 */
export interface AuditWitness {
  serverUrl: string;
  organisationId: string;
  checkpoint: SignedCheckpoint | null;
  key: AuditSigningKey | null;
  checkedAt: number;
  warning: {
    /** The head went back (events cut, or the trail emptied); the same point reads differently;
     * a checkpoint that does not verify; the signing key is not the one seen before. */
    kind: 'went-back' | 'rewritten' | 'signature-bad' | 'key-changed';
    seenAt: number;
    /** The sequence number the server showed then (0: none). */
    shownSeq: number;
    /** The checkpoint this browser had seen before, when it had one: number and when it was signed. */
    knownSeq: number | null;
    knownAt: string | null;
  } | null;
}

export const auditWitnessItem = declare<AuditWitness | null>('local:auditWitness', {
  fallback: null,
  version: 1,
});

// Staff browser (sign-in observations) ------------------------------------------------------------

/**
 * This browser joined as staff: whose sign-ins it reports, to which server, on which systems' sign-in
 * pages. The credential is read by the background only (staff.ts).
 */
export interface StaffEnrolment {
  serverUrl: string;
  credential: string;
  deviceId: string;
  personName: string;
  organisationName: string;
  observationsEnabled: boolean;
  systems: { id: string; name: string; signInUrlPatterns: string[] }[];
  joinedAt: number;
  /** When the credential was last replaced (or first given). */
  credentialSince: number;
}

export const staffEnrolmentItem = declare<StaffEnrolment | null>('local:staffEnrolment', {
  fallback: null,
  version: 1,
});

/**
 * What a staff member typed into Join as staff, kept while the popup is closed (Firefox's
 * permission prompt can close it) until the browser joins; cleared with the browser's session.
 */
export interface StaffJoinDraft {
  serverUrl: string | null;
  code: string;
}
export const staffJoinDraftItem = declare<StaffJoinDraft | null>('session:staffJoinDraft', {
  fallback: null,
  version: 1,
});

/** One sign-in as noted on a sign-in page: the system, the login typed, when. Nothing else. */
export interface NotedSignIn {
  systemId: string;
  login: string;
  observedAt: number;
}

/**
 * Sign-ins waiting to be reported (offline, or batched), and the person/login/day keys already
 * reported, so a login used ten times a day is sent once.
 */
export interface ObservationQueue {
  pending: NotedSignIn[];
  reported: string[];
}

export const observationQueueItem = declare<ObservationQueue>('local:observationQueue', {
  fallback: { pending: [], reported: [] },
  version: 1,
});
