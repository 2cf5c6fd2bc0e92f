import { type JudgePageLogins, judgePageLoginsSchema } from '../../../shared/schemas/page-row';
import { evaluateWithDirectory, type SystemDirectory } from './directory-verdicts';
import { type EvaluatePageRows, type FlaggedLogins, flaggedOf } from './evaluate';
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
 * The deciding side of the in-page warnings, in the background: the content script reads a page's
 * user rows and sends who they are; the background judges them with the classifier and the rules
 * (page alone when signed out, the directory's findings when signed in) and answers one verdict per
 * login. The background stays up between pages, so its word lists are built and its code is warm,
 * and the page's own thread only reads rows and draws marks. The directory never enters the page.
 */
export function createPageJudge({ directoryFor, now = Date.now }: PageJudgeDeps) {
  const recent = new Map<string, { at: number; evaluate: Promise<EvaluatePageRows> }>();
  let prepared = false;

  const evaluatorFor = (pageUrl: string): Promise<EvaluatePageRows> => {
    const at = now();
    for (const [url, entry] of recent) if (at - entry.at >= EVALUATOR_TTL_MS) recent.delete(url);
    const kept = recent.get(pageUrl);
    if (kept) return kept.evaluate;
    const evaluate = directoryFor(pageUrl).then(
      (directory) =>
        directory ? evaluateWithDirectory(directory, evaluateFromPageAlone) : evaluateFromPageAlone,
      // No directory to be had: the page alone still tells generic, shared and default logins.
      () => evaluateFromPageAlone,
    );
    recent.set(pageUrl, { at, evaluate });
    return evaluate;
  };

  return {
    /**
     * The logins with findings, by position; the request is checked first, as it comes from a page.
     * Only what the badges show goes back (not the classifier's workings).
     */
    async judge(request: JudgePageLogins): Promise<FlaggedLogins> {
      const { pageUrl, logins } = judgePageLoginsSchema.parse(request);
      const verdicts = (await evaluatorFor(pageUrl))(logins);
      return flaggedOf(
        verdicts.map(({ findings }) => ({
          findings: findings.map(({ kind, label, tone, rank, title, evidence, tip, open }) => ({
            kind,
            label,
            tone,
            rank,
            title,
            evidence,
            tip: { why: tip.why, fix: tip.fix },
            ...(open ? { open } : {}),
          })),
        })),
      );
    },
    /**
     * Judges one made-up login, once: the classifier builds its word lists on its first lookup
     * (15–20 ms), better spent while a page loads than while its rows wait.
     */
    prepare(): void {
      if (prepared) return;
      prepared = true;
      evaluateFromPageAlone([
        { username: 'frontdesk', displayName: 'Front Desk', email: null, status: null },
      ]);
    },
    /** Drops the kept evaluators, when the directory changed. */
    forget(): void {
      recent.clear();
    },
  };
}
