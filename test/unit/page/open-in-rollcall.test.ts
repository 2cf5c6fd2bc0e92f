import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluateWithDirectory } from '../../../extension/lib/page/directory-verdicts';
import type { RowVerdict } from '../../../extension/lib/page/evaluate';
import { MARKS_TAG, markRow } from '../../../extension/lib/page/row-marks';
import { rowWarning } from '../../../extension/lib/page/row-warnings';

const sent = vi.hoisted(() => [] as { name: string; data: unknown }[]);
vi.mock(import('../../../extension/lib/messaging'), async (original) => ({
  ...(await original()),
  sendToBackground: (async (name: string, data: unknown) => {
    sent.push({ name, data });
    return { ok: true, value: undefined };
  }) as never,
}));

afterEach(() => {
  document.body.innerHTML = '';
  sent.length = 0;
});

const tip = { why: 'Nobody answers for it.', fix: 'Link it.' };

describe('"Open in Rollcall" on a badge', () => {
  it('opens a linked login at its owner, and any other at its system’s logins', () => {
    const evaluate = evaluateWithDirectory(
      {
        systemId: 'sys-ledger',
        accounts: [
          {
            id: 'a1',
            systemId: 'sys-ledger',
            username: 'dokafor',
            email: null,
            status: 'active',
            deleted: false,
            ownerPersonId: 'p-dan',
          },
          {
            id: 'a2',
            systemId: 'sys-ledger',
            username: 'reception',
            email: null,
            status: 'active',
            deleted: false,
            ownerPersonId: null,
          },
        ],
        findings: [
          {
            ruleId: 'leaver-still-active',
            title: 'Daniel left',
            evidence: 'left',
            tip,
            subject: { type: 'account', id: 'a1', label: 'dokafor' },
          },
          {
            ruleId: 'unowned-account',
            title: 'Nobody’s',
            evidence: 'no owner',
            tip,
            subject: { type: 'account', id: 'a2', label: 'reception' },
          },
        ],
      },
      (rows) => rows.map(() => ({ findings: [] })),
    );
    const login = (username: string) => ({ username, displayName: null, email: null, status: 'Active' });
    const [dan, reception, stranger] = evaluate([login('dokafor'), login('Reception'), login('kbrennan')]);
    expect(dan?.findings.map((f) => f.open)).toEqual([{ screen: 'staff', id: 'p-dan' }]);
    expect(reception?.findings.map((f) => f.open)).toEqual([{ screen: 'accounts', id: 'sys-ledger' }]);
    expect(stranger?.findings.map((f) => f.open)).toEqual([{ screen: 'accounts', id: 'sys-ledger' }]);
  });

  it('is a button in the badge’s tip that stays open while the keyboard moves into it, and asks for the console', () => {
    const verdict: RowVerdict = {
      findings: [
        rowWarning('leaver', {
          title: 'Daniel left',
          evidence: 'left on 1 Nov',
          tip,
          open: { screen: 'staff', id: 'p-dan' },
        }),
      ],
    };
    document.body.innerHTML = '<table><tr id="row"><td id="cell">dokafor</td></tr></table>';
    const cell = document.getElementById('cell') as HTMLElement;
    markRow(document.getElementById('row') as HTMLElement, cell, verdict);
    const shadow = cell.querySelector(MARKS_TAG)?.shadowRoot as ShadowRoot;
    const badge = shadow.querySelector('.badge') as HTMLButtonElement;
    const tipBox = shadow.getElementById(badge.getAttribute('aria-describedby') ?? '') as HTMLElement;
    badge.focus();
    expect(tipBox.hidden).toBe(false);
    const open = [...tipBox.querySelectorAll('button')].find((b) => b.textContent === 'Open in Rollcall');
    if (!open) throw new Error('no "Open in Rollcall" in the tip');
    open.focus();
    expect(tipBox.hidden).toBe(false);
    open.click();
    expect(sent).toEqual([{ name: 'openConsole', data: { screen: 'staff', id: 'p-dan' } }]);
    // Leaving the tip altogether hides it, as before.
    open.blur();
    expect(tipBox.hidden).toBe(true);
  });

  it('is not offered where the page alone judged (signed out: nothing to open)', () => {
    const verdict: RowVerdict = {
      findings: [rowWarning('generic', { title: 'A role login', evidence: 'role word', tip })],
    };
    document.body.innerHTML = '<table><tr id="row"><td id="cell">Reception</td></tr></table>';
    const cell = document.getElementById('cell') as HTMLElement;
    markRow(document.getElementById('row') as HTMLElement, cell, verdict);
    const shadow = cell.querySelector(MARKS_TAG)?.shadowRoot as ShadowRoot;
    expect(shadow.querySelector('.tip button')).toBeNull();
  });
});
