import { defineExtensionMessaging } from '@webext-core/messaging';
import type { browser as Browser } from 'wxt/browser';
import type { BackgroundOperations } from './background/operations';
import { refused } from './result';

/**
 * The one boundary between the background and the extension's pages and content scripts: each
 * operation of `createBackground(…).operations` (background/operations.ts) is one message of the
 * same name, its argument the message's data and its answer the reply. Pages call them through the
 * typed proxy `sendToBackground` (or `useSend()` in the popup and options page); the background
 * serves them all with `serveOperations`. Only the background talks to the worker. The in-page
 * warnings' batches of logins go through their own port (page/judge-port.ts).
 */

export type OperationName = keyof BackgroundOperations;
type Argument<K extends OperationName> = Parameters<BackgroundOperations[K]>;
type Reply<K extends OperationName> = Awaited<ReturnType<BackgroundOperations[K]>>;

/** The messages, derived from the operations. */
export type ProtocolMap = {
  [K in OperationName]: (...data: Argument<K>) => Reply<K>;
};

// The library logs every message with console.debug unless told otherwise: in the pages content
// scripts run on, that is noise in the site's own console and time on the page's thread.
// Pure: a script that only notes (the sign-in script) leaves the library out of its build.
const messaging = /* @__PURE__ */ defineExtensionMessaging<ProtocolMap>({
  logger: { debug: () => undefined, log: () => undefined, warn: console.warn, error: console.error },
});

/** Asks the background to run one operation and answers its result. */
export type Send = <K extends OperationName>(name: K, ...data: Argument<K>) => Promise<Reply<K>>;

/** The typed proxy to the background, for pages and content scripts. */
export const sendToBackground: Send = (name, ...data) =>
  (messaging.sendMessage as (name: string, data?: unknown) => Promise<never>)(name, data[0]);

/**
 * Tells the background of something and wants no answer: the library's message (its `type`,
 * `data` and `timestamp`, which `serveOperations` reads like any other), sent straight through the
 * browser's API. For the sign-in script, which runs on every sign-in page of the firm's systems:
 * the library's code cost that page's thread two milliseconds to compile, and the API is reached
 * only when a note is sent (reaching it sets up its bindings in the page).
 */
export function noteToBackground<K extends OperationName>(name: K, ...data: Argument<K>): void {
  const scope = globalThis as unknown as { browser?: typeof Browser; chrome: typeof Browser };
  const runtime = (scope.browser ?? scope.chrome).runtime;
  try {
    // Nothing is waited for: the note is lost only with the extension (reloaded, removed).
    runtime.sendMessage({ id: 0, type: name, data: data[0], timestamp: Date.now() }).catch(() => undefined);
  } catch {
    // The extension was reloaded under the page: its scripts there can no longer reach it.
  }
}

type AnyOperation = (data?: unknown) => Promise<unknown>;

/** Runs one operation by name, as a message asks: the one dispatch the background and tests share. */
export function dispatch(
  operations: BackgroundOperations,
  name: OperationName,
  data: unknown,
): Promise<unknown> {
  const operation = (operations as unknown as Record<string, AnyOperation>)[name];
  if (!operation) return Promise.reject(new Error(`No background operation "${name}".`));
  return operation(data);
}

/**
 * The operations a content script may ask for. A content script runs beside pages Rollcall does not
 * control, so it gets only what it needs; everything else (the console's calls to any API operation
 * among them) answers only the extension's own pages.
 */
export const CONTENT_SCRIPT_OPERATIONS: ReadonlySet<OperationName> = new Set<OperationName>([
  'syncPageSnapshot',
  'openConsole',
  // The sign-in script's one note: a sign-in form sent with a login.
  'signInSubmitted',
]);

/**
 * The operations whose argument also names the tab the message came from, as the browser tells it
 * (never as the page says): the background looks at where that tab goes next.
 */
const FROM_TAB_OPERATIONS: ReadonlySet<OperationName> = new Set<OperationName>(['signInSubmitted']);

/** Whether a message from `senderUrl` may run `name`: any operation from the extension's own pages. */
export function mayAsk(name: OperationName, senderUrl: string | undefined, extensionRoot: string): boolean {
  return CONTENT_SCRIPT_OPERATIONS.has(name) || (senderUrl?.startsWith(extensionRoot) ?? false);
}

/** What an operation runs with: the message's data, and the tab it came from where it needs that. */
export function argumentOf(name: OperationName, data: unknown, sender: { tab?: { id?: number } }): unknown {
  return FROM_TAB_OPERATIONS.has(name) ? { ...(data as object), tabId: sender.tab?.id } : data;
}

/**
 * Every operation's name. The background serves each message before it has built the operations
 * (a stopped background starts for a page's logins, which need none of them), so it needs the names
 * first; the type holds this list to `createBackground`'s operations, none missing and none more.
 */
export const OPERATION_NAMES = Object.keys({
  getServerStatus: true,
  signIn: true,
  signUp: true,
  giveSecondFactor: true,
  startSecondFactor: true,
  confirmSecondFactor: true,
  endSignInStep: true,
  signOut: true,
  acceptInvite: true,
  syncNow: true,
  queueChange: true,
  resolveConflict: true,
  retryRejection: true,
  discardRejection: true,
  dismissFinding: true,
  undismissFinding: true,
  saveRuleSettings: true,
  getSecondFactorRequirement: true,
  setSecondFactorRequirement: true,
  syncPageSnapshot: true,
  checkPage: true,
  openConsole: true,
  listReviews: true,
  listReviewItems: true,
  decideReviewItem: true,
  listFollowUps: true,
  confirmTodo: true,
  listNotifications: true,
  markNotificationsRead: true,
  callApi: true,
  joinAsStaff: true,
  previewEnrolment: true,
  ownObservations: true,
  signInSubmitted: true,
  reportSignIns: true,
  leaveStaff: true,
  createEnrolment: true,
  listStaffBrowsers: true,
  revokeStaffBrowser: true,
  observationSettings: true,
  saveObservationSettings: true,
} satisfies Record<OperationName, true>) as OperationName[];

/**
 * The background answers every operation's message, each from the senders that may ask for it, with
 * the operations `operations()` answers, asked once the first message comes. `extensionRoot` is
 * the extension's own address (`browser.runtime.getURL('/')`). Passed in rather than read here: this
 * module is also the sign-in script's, and reaching for the browser's API when it loads cost that
 * script a millisecond of the sign-in page's thread.
 */
export function serveOperations(
  operations: () => Promise<BackgroundOperations>,
  extensionRoot: string,
): void {
  const on = messaging.onMessage as (
    name: string,
    handler: (message: { data: unknown; sender: { url?: string; tab?: { id?: number } } }) => unknown,
  ) => void;
  for (const name of OPERATION_NAMES) {
    on(name, async ({ data, sender }) =>
      mayAsk(name, sender.url, extensionRoot)
        ? dispatch(await operations(), name, argumentOf(name, data, sender))
        : refused('forbidden', 'Only Rollcall’s own pages may ask for this.'),
    );
  }
}

/** The operations as methods: `backgroundProxy().signIn({ email, password })`. */
export type BackgroundProxy = {
  [K in OperationName]: (...data: Argument<K>) => Promise<Reply<K>>;
};

export function backgroundProxy(send: Send = sendToBackground): BackgroundProxy {
  return new Proxy({} as BackgroundProxy, {
    get:
      (_, name) =>
      (...data: unknown[]) =>
        (send as (name: string, ...data: unknown[]) => Promise<unknown>)(String(name), ...data),
  });
}
