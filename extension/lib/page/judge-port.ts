import { type Browser, browser } from 'wxt/browser';
import type { JudgePageLogins, JudgePageLoginsMessage } from '../../../shared/schemas/page-row';
import type { FlaggedLogins } from './evaluate';

/**
 * The in-page warnings send a page's logins to the background to be judged a few hundred at a time,
 * while the page reads on. A one-off message (`sendMessage`) makes the browser open and close a
 * channel each time: on a 5,000-row list its ten batches reached the background 6–10 ms apart while
 * the background sat idle between them. One port for the page's life carries them all.
 */
export const JUDGE_PORT = 'rollcall-judge';

interface JudgeRequest {
  id: number;
  request: JudgePageLoginsMessage;
}

type JudgeAnswer = { id: number; verdicts: FlaggedLogins } | { id: number; error: string };

/**
 * What goes through the port, each way: one string, the message as JSON. Chromium copies a message
 * value by value into its own form and back; a string it copies whole. Sent as objects, a 5,000-row
 * list's batches took the page's thread about twice as long to send and their answers to take in (a
 * CPU profile of the release build left unminified: 28 ms against 13 ms, and 29 ms against 12 ms).
 */
const onPort = (message: JudgeRequest | JudgeAnswer): string => JSON.stringify(message);

/** A message off the port, or null where it is not one of the judge's (not a string, not JSON). */
function offPort<T extends JudgeRequest | JudgeAnswer>(sent: unknown): Partial<T> | null {
  if (typeof sent !== 'string') return null;
  try {
    const message: unknown = JSON.parse(sent);
    return message && typeof message === 'object' ? (message as Partial<T>) : null;
  } catch {
    return null;
  }
}

/**
 * A batch as it goes through the port: a column per field (see `judgePageLoginsSchema`), as JSON
 * (see `onPort`).
 */
export function judgeMessage({ pageUrl, logins }: JudgePageLogins): JudgePageLoginsMessage {
  return {
    pageUrl,
    usernames: logins.map((login) => login.username),
    displayNames: logins.map((login) => login.displayName),
    emails: logins.map((login) => login.email),
    statuses: logins.map((login) => login.status),
  };
}

/**
 * The content script's side: judges a batch through the port. The port opens at once, while the page
 * still loads, so the background can get its word lists ready before the first rows come; it opens
 * again after the background went away (an idle service worker is stopped). Batches waiting when it
 * goes away are refused, as a one-off message would be.
 */
export function connectPageJudge(
  connect: () => Browser.runtime.Port = () => browser.runtime.connect({ name: JUDGE_PORT }),
): (request: JudgePageLogins) => Promise<FlaggedLogins> {
  let port: Browser.runtime.Port | null = null;
  let nextId = 0;
  const waiting = new Map<number, { resolve(verdicts: FlaggedLogins): void; reject(error: Error): void }>();

  const open = () => {
    const opened = connect();
    opened.onMessage.addListener((sent: unknown) => {
      const answer = offPort<JudgeAnswer>(sent);
      const id = typeof answer?.id === 'number' ? answer.id : -1;
      const asked = waiting.get(id);
      if (!answer || !asked) return;
      waiting.delete(id);
      if ('error' in answer) asked.reject(new Error(String(answer.error)));
      else if ('verdicts' in answer && answer.verdicts) asked.resolve(answer.verdicts);
      else asked.reject(new Error('the extension answered with no verdicts'));
    });
    opened.onDisconnect.addListener(() => {
      port = null;
      for (const asked of waiting.values()) asked.reject(new Error('the extension stopped answering'));
      waiting.clear();
    });
    return opened;
  };
  try {
    port = open();
  } catch {
    // The extension was reloaded or removed: the first batch says so.
  }

  return (request) =>
    new Promise<FlaggedLogins>((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { resolve, reject });
      try {
        port ??= open();
        port.postMessage(onPort({ id, request: judgeMessage(request) }));
      } catch (error) {
        // The extension was reloaded or removed: this script's connection to it is gone.
        waiting.delete(id);
        reject(error instanceof Error ? error : new Error('the extension stopped answering'));
      }
    });
}

export interface PageJudgeService {
  /** Checks the request itself (it comes from a page's content script) and judges its logins. */
  judge(request: JudgePageLoginsMessage): Promise<FlaggedLogins>;
  /** A page that may hold a user list is loading: get ready to judge it. */
  prepare(): void;
}

/**
 * The background's side: answers every batch on its port, from this extension's own scripts only;
 * a refusal goes back as an error for that batch alone.
 */
export function servePageJudge(
  service: PageJudgeService,
  onConnect: typeof browser.runtime.onConnect = browser.runtime.onConnect,
): void {
  onConnect.addListener((port) => {
    if (port.name !== JUDGE_PORT || port.sender?.id !== browser.runtime.id) return;
    service.prepare();
    port.onMessage.addListener((sent: unknown) => {
      const message = offPort<JudgeRequest>(sent);
      const id = typeof message?.id === 'number' ? message.id : -1;
      service.judge(message?.request as JudgePageLoginsMessage).then(
        (verdicts) => answer(port, { id, verdicts }),
        (error: unknown) =>
          answer(port, {
            id,
            error: error instanceof Error ? error.message : 'the logins could not be judged',
          }),
      );
    });
  });
}

function answer(port: Browser.runtime.Port, message: JudgeAnswer): void {
  try {
    port.postMessage(onPort(message));
  } catch {
    // The page was closed or navigated away while its logins were judged: nobody to tell.
  }
}
