import {
  type JudgePageLoginsMessage,
  judgePageLoginsSchema,
  type PageLogin,
} from '../../../shared/schemas/page-row';
import { evaluateWithDirectory, holdsSystemLogins, type SystemDirectory } from './directory-verdicts';
import { type EvaluatePageRows, type FlaggedLogins, flaggedOf } from './evaluate';
import { judgeMessage } from './judge-port';
import { evaluateFromPageAlone } from './row-warnings';

export interface PageJudgeDeps {
  /** The signed-in directory's view of a page's system, or null (signed out, or no known system). */
  directoryFor(pageUrl: string): Promise<SystemDirectory | null>;
  now?: () => number;
}

/**
 * How long one page's evaluator is kept: a list arrives in a few batches within a second or two, and
 * they share one read of the directory. A sync makes the next page load see the new directory.
 */
const EVALUATOR_TTL_MS = 3000;

/**
 * How many made-up logins a background that has just started judges while the page loads, a slice at
 * a time between other work, so that its judging code is compiled and optimised before the page's
 * rows come: just started, it judged its first 500-row batches in 20-50 ms each, against 2-5 ms once
 * warm. It stops as soon as a page's rows come.
 */
const WARM_UP_LOGINS = 3000;
const WARM_UP_SLICE = 100;
const WARM_UP_FIRST = ['amy', 'ben', 'chloe', 'dev', 'ewa', 'farid', 'grace', 'hugo', 'ines', 'jonas'];
const WARM_UP_LAST = ['nguyen', 'smith', 'kowalski', 'müller', 'dubois', 'garcia', 'rossi', 'jensen'];
const WARM_UP_ROLES = ['frontdesk', 'reception', 'admin', 'accounts', 'billing', 'nurse', 'temp', 'test'];

/** Made-up logins of the shapes lists show: people's, role words, numbered, with and without email. */
function madeUpLogins(from: number, count: number): PageLogin[] {
  return Array.from({ length: count }, (_, offset) => {
    const i = from + offset;
    const first = WARM_UP_FIRST[i % WARM_UP_FIRST.length] as string;
    const last = WARM_UP_LAST[(i >> 3) % WARM_UP_LAST.length] as string;
    const role = WARM_UP_ROLES[(i >> 2) % WARM_UP_ROLES.length] as string;
    const username = [`${first}.${last}${i}`, `${first[0]}${last}${i % 7 || ''}`, `${role}${i % 3 || ''}`][
      i % 3
    ] as string;
    return {
      username,
      displayName: [`${first} ${last}`, `${last}, ${first}`, `${role} desk`][i % 3] as string,
      email: i % 2 === 0 ? `${username}@firm.example` : null,
      status: ['Active', 'Disabled', null][i % 3] ?? null,
    };
  });
}

/** How one page's logins are judged, and whether its system's list was never synced (signed in). */
interface PageEvaluator {
  evaluate: EvaluatePageRows;
  unsynced: boolean;
}

/** Signed out, or a page of no system the directory knows: the page alone. */
const PAGE_ALONE: PageEvaluator = { evaluate: evaluateFromPageAlone, unsynced: false };

/**
 * The deciding side of the in-page warnings, in the background: the content script reads a page's
 * user rows and sends who they are; the background judges them with the classifier and the rules
 * (page alone when signed out, the directory's findings when signed in) and answers one verdict per
 * login. The background stays up between pages, so its word lists are built and its code is warm,
 * and the page's own thread only reads rows and draws marks. The directory never enters the page.
 */
export function createPageJudge({ directoryFor, now = Date.now }: PageJudgeDeps) {
  const recent = new Map<string, { at: number; evaluate: Promise<PageEvaluator> }>();
  let prepared = false;
  let asked = false;

  const evaluatorFor = (pageUrl: string): Promise<PageEvaluator> => {
    const at = now();
    for (const [url, entry] of recent) if (at - entry.at >= EVALUATOR_TTL_MS) recent.delete(url);
    const kept = recent.get(pageUrl);
    if (kept) return kept.evaluate;
    const evaluate = directoryFor(pageUrl).then(
      (directory): PageEvaluator =>
        directory
          ? {
              evaluate: evaluateWithDirectory(directory, evaluateFromPageAlone),
              unsynced: !holdsSystemLogins(directory),
            }
          : PAGE_ALONE,
      // No directory to be had: the page alone still tells generic, shared and default logins.
      () => PAGE_ALONE,
    );
    recent.set(pageUrl, { at, evaluate });
    return evaluate;
  };

  return {
    /** The logins with findings, by position; the request is checked first, as it comes from a page. */
    async judge(request: JudgePageLoginsMessage): Promise<FlaggedLogins> {
      asked = true;
      const { pageUrl, logins } = judgePageLoginsSchema.parse(request);
      const { evaluate, unsynced } = await evaluatorFor(pageUrl);
      const answer = flaggedOf(evaluate(logins));
      return unsynced ? { ...answer, unsynced } : answer;
    },
    /**
     * Gets the judging ready while a page loads, once per start of the background: the classifier
     * builds its word lists on its first lookup (15–20 ms), and the judging code is warmed on
     * made-up logins (see WARM_UP_LOGINS), better spent now than while the page's rows wait.
     */
    prepare(): void {
      if (prepared) return;
      prepared = true;
      let judged = 0;
      const slice = () => {
        if (asked || judged >= WARM_UP_LOGINS) return;
        const { logins } = judgePageLoginsSchema.parse(
          judgeMessage({ pageUrl: 'https://warm-up.invalid/', logins: madeUpLogins(judged, WARM_UP_SLICE) }),
        );
        flaggedOf(evaluateFromPageAlone(logins));
        judged += WARM_UP_SLICE;
        setTimeout(slice, 0);
      };
      slice();
    },
    /** Drops the kept evaluators, when the directory changed. */
    forget(): void {
      recent.clear();
    },
  };
}

/** The background's judge of the in-page warnings' logins. */
export type PageJudge = ReturnType<typeof createPageJudge>;
