import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { SystemDirectory } from '../../../extension/lib/page/directory-verdicts';
import { verdictsOf } from '../../../extension/lib/page/evaluate';
import { judgeMessage } from '../../../extension/lib/page/judge-port';
import { createPageJudge } from '../../../extension/lib/page/page-judge';
import {
  type JudgePageLoginsMessage,
  judgePageLoginsSchema,
  type PageLogin,
} from '../../../shared/schemas/page-row';

const PAGE = 'http://127.0.0.1/lexoffice/staff';
const directory = JSON.parse(
  readFileSync('test/fixtures/pages/practice-staff-list.directory.json', 'utf8'),
) as SystemDirectory;

const login = (username: string, displayName: string | null = null): PageLogin => ({
  username,
  displayName,
  email: null,
  status: 'Active',
});

type Judge = ReturnType<typeof createPageJudge>;
/** One verdict per login, as the content script makes them from the judge's answer. */
const judged = async (judge: Judge, logins: PageLogin[]) =>
  verdictsOf(logins.length, await judge.judge(judgeMessage({ pageUrl: PAGE, logins })));

describe('the background page judge', () => {
  it('judges from the page alone when there is no directory, and answers only what badges show', async () => {
    const judge = createPageJudge({ directoryFor: async () => null });
    const logins = [
      login('Reception', 'Front Desk'),
      login('cokafor', 'Okafor, Chinedu'),
      login('jwhite', 'John & Jane White'),
    ];
    const answer = await judge.judge(judgeMessage({ pageUrl: PAGE, logins }));
    // Only the rows with findings travel back.
    expect(answer.flagged.map(([index]) => index)).toEqual([0, 2]);
    const verdicts = verdictsOf(logins.length, answer);
    expect(verdicts.map((verdict) => verdict.findings.map((finding) => finding.kind))).toEqual([
      ['generic'],
      [],
      ['shared'],
    ]);
    // With how the badge shows (label, colour, order), which the page script does not bundle.
    expect(verdicts[0]?.findings[0]).toEqual({
      kind: 'generic',
      label: 'Generic',
      tone: 'warning',
      rank: expect.any(Number),
      title: expect.any(String),
      evidence: expect.any(String),
      tip: { why: expect.any(String), fix: expect.any(String) },
    });
  });

  it('sends each tip once, however many rows carry it: a kind’s tip reads the same on every row', async () => {
    const judge = createPageJudge({ directoryFor: async () => null });
    const logins = [
      login('reception', 'Reception'),
      login('frontdesk2', 'Front Desk'),
      login('test', 'Test'),
    ];
    const answer = await judge.judge(judgeMessage({ pageUrl: PAGE, logins }));
    expect(answer.tips).toHaveLength(2);
    const verdicts = verdictsOf(logins.length, answer);
    const [reception, frontdesk] = verdicts.map((verdict) => verdict.findings[0]);
    expect(reception?.kind).toBe('generic');
    expect(frontdesk?.tip).toBe(reception?.tip);
    expect(reception?.tip.why).toContain('"reception"');
    expect(verdicts[2]?.findings[0]?.tip).toEqual(answer.tips[1]);
  });

  it('judges with the directory when signed in, reading it once for the batches of one page', async () => {
    let clock = 0;
    const directoryFor = vi.fn(async () => directory);
    const judge = createPageJudge({ directoryFor, now: () => clock });
    const [leaver] = await judged(judge, [login('mhwang', 'Hwang, Min-jun')]);
    expect(leaver?.findings[0]?.title).toBe('mhwang in LexOffice is still active after Min-jun Hwang left');
    const [unknown] = await judged(judge, [login('tnguyen', 'Nguyen, Tran')]);
    expect(unknown?.findings.map((finding) => finding.kind)).toEqual(['unowned']);
    expect(directoryFor).toHaveBeenCalledTimes(1);

    // A while later (or once the directory changed) it is read again.
    clock += 60_000;
    await judge.judge(judgeMessage({ pageUrl: PAGE, logins: [login('mhwang')] }));
    judge.forget();
    await judge.judge(judgeMessage({ pageUrl: PAGE, logins: [login('mhwang')] }));
    expect(directoryFor).toHaveBeenCalledTimes(3);
  });

  it('says a system whose list was never synced is so, rather than marking every login as nobody’s', async () => {
    // Signed in, the system added, its list not synced yet: the directory holds none of its logins
    // (a login of another system, or one removed, is not one of them).
    const other = directory.accounts[0];
    const neverSynced: SystemDirectory = {
      systemId: directory.systemId,
      accounts: other
        ? [
            { ...other, id: 'elsewhere', systemId: 'another-system' },
            { ...other, id: 'removed', deleted: true },
          ]
        : [],
      findings: [],
    };
    const judge = createPageJudge({ directoryFor: async () => neverSynced });
    const logins = [login('frontdesk2', 'Front Desk'), login('tnguyen', 'Nguyen, Tran')];
    const answer = await judge.judge(judgeMessage({ pageUrl: PAGE, logins }));
    expect(answer.unsynced).toBe(true);
    expect(verdictsOf(logins.length, answer).map((v) => v.findings.map((finding) => finding.kind))).toEqual([
      ['generic'],
      [],
    ]);

    // Once the directory holds the system's logins, a login it does not know is nobody's.
    const synced = await createPageJudge({ directoryFor: async () => directory }).judge(
      judgeMessage({ pageUrl: PAGE, logins }),
    );
    expect(synced.unsynced).toBeUndefined();
    expect(verdictsOf(logins.length, synced).map((v) => v.findings.map((finding) => finding.kind))).toEqual([
      ['generic', 'unowned'],
      ['unowned'],
    ]);
    // Signed out, nothing is said of syncing: the banner says so when a sync is tried.
    const signedOut = await createPageJudge({ directoryFor: async () => null }).judge(
      judgeMessage({ pageUrl: PAGE, logins }),
    );
    expect(signedOut.unsynced).toBeUndefined();
  });

  it('marks a login written to look like another with what its plain form gets, not only as unknown', async () => {
    const judge = createPageJudge({ directoryFor: async () => directory });
    // Cyrillic "а" (\u0430), and "recep" + soft hyphen + "tion".
    const [admin, reception, person] = await judged(judge, [
      login('\u0430dmin'),
      login('recep\u00adtion'),
      login('tnguyen', 'Nguyen, Tran'),
    ]);
    expect(admin?.findings.map((finding) => finding.kind)).toEqual(['default', 'lookalike', 'unowned']);
    expect(admin?.findings[1]?.title).toBe('"\u0430dmin" is written to look like "admin"');
    expect(reception?.findings.map((finding) => finding.kind)).toEqual(['generic', 'lookalike', 'unowned']);
    expect(person?.findings.map((finding) => finding.kind)).toEqual(['unowned']);
  });

  it('still judges from the page alone when the directory cannot be read', async () => {
    const judge = createPageJudge({ directoryFor: async () => Promise.reject(new Error('storage gone')) });
    const [verdict] = await judged(judge, [login('frontdesk2')]);
    expect(verdict?.findings.map((finding) => finding.kind)).toEqual(['generic']);
  });

  it('refuses a request that is not a list of logins, as a page could send anything', async () => {
    const judge = createPageJudge({ directoryFor: async () => null });
    const columns = judgeMessage({ pageUrl: PAGE, logins: [login('amy'), login('ben')] });
    await expect(judge.judge({ ...columns, pageUrl: 'not a url' })).rejects.toThrow();
    await expect(judge.judge(judgeMessage({ pageUrl: PAGE, logins: [login('')] }))).rejects.toThrow();
    // Logins by name, not as the port carries them.
    await expect(
      judge.judge({ pageUrl: PAGE, logins: [login('amy')] } as unknown as JudgePageLoginsMessage),
    ).rejects.toThrow();
    // A column short of the logins, or a value that is not a string.
    await expect(judge.judge({ ...columns, emails: [null] })).rejects.toThrow('one value per login');
    await expect(
      judge.judge({ ...columns, statuses: ['Active', 1] } as unknown as JudgePageLoginsMessage),
    ).rejects.toThrow();
    // The same columns whole are judged.
    expect((await judge.judge(columns)).flagged).toEqual([]);
  });

  it('warms its judging on made-up logins while a page loads, and stops as soon as the page’s rows come', async () => {
    vi.useFakeTimers();
    try {
      const parse = vi.spyOn(judgePageLoginsSchema, 'parse');
      const warmUps = () =>
        parse.mock.calls.filter(([request]) => (request as { pageUrl?: string }).pageUrl !== PAGE).length;
      const idle = createPageJudge({ directoryFor: async () => null });
      idle.prepare();
      idle.prepare();
      await vi.runAllTimersAsync();
      // Slices of made-up logins, one after another, once however often it is told a page is coming.
      const slices = warmUps();
      expect(slices).toBeGreaterThan(5);

      parse.mockClear();
      const busy = createPageJudge({ directoryFor: async () => null });
      busy.prepare();
      const answer = busy.judge(judgeMessage({ pageUrl: PAGE, logins: [login('frontdesk', 'Front Desk')] }));
      await vi.runAllTimersAsync();
      // The slice under way when the rows came, and none after.
      expect(warmUps()).toBe(1);
      expect(verdictsOf(1, await answer)[0]?.findings.map((finding) => finding.kind)).toEqual(['generic']);
    } finally {
      vi.restoreAllMocks();
      vi.useRealTimers();
    }
  });
});
