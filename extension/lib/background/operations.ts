import type { PageSnapshot } from '../../../shared/schemas/page-row';
import { openConsole } from '../console/open-console';
import { href } from '../console/routes';
import type { ConsolePlace } from '../page/evaluate';
import { createPageJudge, type PageJudge } from '../page/page-judge';
import { done, refused } from '../result';
import { serialise } from '../serialise';
import { fetchServerStatus } from '../server-status';
import { serverUrlItem } from '../storage';
import type { ApiClient } from '../sync/api-client';
import { createPageLink } from '../sync/page-link';
import { systemDirectory } from '../sync/system-directory';
import { createApiCalls } from './api-calls';
import { createAuditWitness } from './audit-witness';
import { createBadge } from './badge';
import { createChanges } from './changes';
import { checkPage } from './check-page';
import { createFindings } from './findings';
import { createReviews } from './reviews';
import { createSession } from './session';
import { createSettings } from './settings';
import { createStaff } from './staff';
import { createSyncLoop } from './sync-loop';

export interface BackgroundDeps {
  api: ApiClient;
  /** How the server's health is asked (the API client has its own). */
  fetchFn?: typeof fetch;
  now?: () => number;
  makeId?: () => string;
  /** Shows urgent findings plus unread notifications on the toolbar button ('' hides it). */
  setBadge?: (text: string) => Promise<void>;
  /**
   * The in-page warnings' judge. The entrypoint makes it before the rest of the background, which
   * it does not need (see entrypoints/background); a list synced from a page makes it forget.
   */
  pageJudge?: PageJudge;
}

/**
 * The background: its concerns (session, sync loop, findings, settings, badge, directory changes,
 * reviews, the audit trail's witness) wired to each other, and `operations`, the one list of what the popup, the options page
 * and content scripts may ask of it. Each operation takes at most one argument and answers plain
 * data; messaging.ts derives the messages from this list, and the entrypoint serves it as is.
 */
export function createBackground({
  api,
  fetchFn = fetch,
  now = Date.now,
  makeId = () => crypto.randomUUID(),
  setBadge = async () => undefined,
  pageJudge = createPageJudge({ directoryFor: systemDirectory }),
}: BackgroundDeps) {
  const shared = { now, makeId, exclusive: serialise() };
  const syncSoon = () => void sync.syncNow();
  const badge = createBadge({ setBadge, recompute: () => findings.recompute() });
  const findings = createFindings({ ...shared, api, showBadge: badge.show, syncSoon });
  const settings = createSettings({ api, recompute: findings.recompute });
  const auditWitness = createAuditWitness({ api, now });
  const sync = createSyncLoop({
    ...shared,
    api,
    recompute: findings.recompute,
    sendDismissals: findings.sendDismissals,
    pullRuleSettings: settings.pullRuleSettings,
    pullObservations: findings.pullObservations,
    checkAuditHead: auditWitness.checkAuditHead,
  });
  const session = createSession({
    ...shared,
    api,
    recompute: findings.recompute,
    syncSoon,
    showBadge: badge.show,
  });
  const changes = createChanges({ ...shared, recompute: findings.recompute, syncSoon });
  const reviews = createReviews({ api, onUnreadChanged: badge.restore });
  const staff = createStaff({ ...shared, api });
  const pageLink = createPageLink({ api, syncNow: sync.syncNow });
  const apiCalls = createApiCalls({ api });

  const operations = {
    /** Popup: whether the server in serverUrlItem answers. */
    getServerStatus: async () => fetchServerStatus(await serverUrlItem.getValue(), fetchFn),
    /** Popup: sign in; the tokens stay in the background. */
    signIn: session.signIn,
    /** Popup: make a new organisation with its first member, and sign in as them. */
    signUp: session.signUp,
    /** Popup: the second step of a sign-in, a code or a recovery code. */
    giveSecondFactor: session.giveSecondFactor,
    /** Popup: set up a second factor (during a sign-in that requires one, or when signed in). */
    startSecondFactor: session.startSecondFactor,
    confirmSecondFactor: session.confirmSecondFactor,
    /** Popup: the sign-in step is over (recovery codes shown) or given up. */
    endSignInStep: session.endSignInStep,
    signOut: session.signOut,
    /** Console: a new member accepts their invitation from the link they were given, and signs in. */
    acceptInvite: session.acceptInvite,
    /** Popup and options: push queued changes, pull the server's; answers how it went. */
    syncNow: sync.syncNow,
    /** Popup and options: change the staff directory; queued, then synced when the server answers. */
    queueChange: changes.queueChange,
    resolveConflict: changes.resolveConflict,
    /** Popup: send a refused change again, as it was (`data: null`) or with these fields corrected. */
    retryRejection: changes.retryRejection,
    discardRejection: changes.discardRejection,
    dismissFinding: findings.dismissFinding,
    /** Popup: take back a dismissal made here; the finding shows again at once. */
    undismissFinding: findings.undismissFinding,
    /** Options: new rule thresholds, the firm's when signed in (owners only); findings follow. */
    saveRuleSettings: settings.saveRuleSettings,
    /** Options: whether the firm asks owners and admins for a second factor; owners change it. */
    getSecondFactorRequirement: settings.getSecondFactorRequirement,
    setSecondFactorRequirement: settings.setSecondFactorRequirement,
    /** From the in-page warnings: send the user list read off an admin page to Rollcall. */
    async syncPageSnapshot(snapshot: PageSnapshot) {
      const result = await pageLink.syncPageSnapshot(snapshot);
      pageJudge.forget();
      return result;
    },
    /** From the popup's "Check this page": run the in-page warnings once on this tab. */
    checkPage,
    /** From a badge's "Open in Rollcall": the console in a new tab, at the login's owner or system. */
    async openConsole(place: ConsolePlace) {
      if ((place?.screen !== 'staff' && place?.screen !== 'accounts') || typeof place.id !== 'string')
        return refused('invalid', 'Nothing to open.');
      openConsole(href(place.screen, place.id));
      return done();
    },

    // Access reviews, follow-up to-dos and notifications: straight to the server, never queued.
    /** Popup: the firm's review campaigns, open and closed. */
    listReviews: reviews.listReviews,
    /** Popup: every item of one campaign, to walk one at a time. */
    listReviewItems: reviews.listReviewItems,
    /** Popup: keep, revoke or change one account; answers the item as decided, or the refusal. */
    decideReviewItem: reviews.decideReviewItem,
    /** Popup: open leavers' checklists and the open to-dos closed reviews left. */
    listFollowUps: reviews.listFollowUps,
    /** Popup: an owner or admin confirms a to-do done by hand, saying how. */
    confirmTodo: reviews.confirmTodo,
    /** Popup: the latest notifications and how many are unread (also updates the badge). */
    listNotifications: reviews.listNotifications,
    /** Popup: mark these notifications (or, without ids, all) read; answers the list as it now is. */
    markNotificationsRead: reviews.markNotificationsRead,

    /**
     * Console: one operation of the API as the signed-in member, straight to the server (members,
     * reviews, the audit trail, imports, settings); directory edits still go through queueChange.
     */
    callApi: apiCalls.callApi,

    // Sign-in observations: a staff browser's side, then the admin's.
    /** Popup: join as staff with an enrolment code; the device credential stays in the background. */
    joinAsStaff: staff.joinAsStaff,
    /** Popup: for whom and on which sign-in pages a code enrols this browser, asked before joining. */
    previewEnrolment: staff.previewEnrolment,
    /** Popup: what this browser records, on which systems, and the staff member's own sign-ins. */
    ownObservations: staff.ownObservations,
    /** Sign-in content script: a form submitted with this login; noted once its tab left the page. */
    signInSubmitted: staff.signInSubmitted,
    /** Popup: send queued sign-ins now. */
    reportSignIns: staff.reportPending,
    leaveStaff: staff.leaveStaff,
    /** Options or console: a one-time enrolment code for a person. */
    createEnrolment: staff.createEnrolment,
    /** Options or console: enrolled staff browsers, per person; and revoking one. */
    listStaffBrowsers: staff.listDevices,
    revokeStaffBrowser: staff.revokeDevice,
    observationSettings: staff.observationSettings,
    saveObservationSettings: staff.saveObservationSettings,
  };

  return {
    operations,
    /** The in-page warnings' judge, served on its own port (page/judge-port.ts). */
    pageJudge,
    /** After any change of the data or the thresholds: the findings and the badge. */
    recompute: findings.recompute,
    /** The alarm's sync; the same as the operation. */
    syncNow: sync.syncNow,
    restoreBadge: badge.restore,
    /** Quietly refreshes the badge's unread count (after a sync); offline keeps the last one. */
    refreshUnread: reviews.refreshUnread,
  };
}

export type Background = ReturnType<typeof createBackground>;
/** What the popup, the options page and content scripts may ask of the background. */
export type BackgroundOperations = Background['operations'];
