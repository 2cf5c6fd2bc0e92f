import { fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Banner } from '../../../extension/entrypoints/admin-page.content/banner';
import type { KindCount, RowVerdict } from '../../../extension/lib/page/evaluate';
import { startInPageWarnings } from '../../../extension/lib/page/in-page-warnings';
import { MARKS_TAG, markRow } from '../../../extension/lib/page/row-marks';
import { rowWarning } from '../../../extension/lib/page/row-warnings';

afterEach(() => {
  document.body.innerHTML = '';
});

const verdict: RowVerdict = {
  findings: [
    rowWarning('generic', {
      title: '"Reception" is named after a role, not a person',
      evidence: 'role word "reception"',
      tip: {
        why: 'Nobody answers for what a role login does.',
        fix: 'Give each receptionist their own login.',
      },
    }),
    rowWarning('shared', {
      title: '"Reception" looks shared by more than one person',
      evidence: 'the display name names two people',
      tip: { why: 'A shared login hides who did what.', fix: 'One login per person.' },
    }),
  ],
};

function markedRow() {
  document.body.innerHTML =
    '<table><tr id="row"><td id="cell">Reception</td><td>Front desk</td></tr></table>';
  const row = document.getElementById('row') as HTMLTableRowElement;
  const cell = document.getElementById('cell') as HTMLTableCellElement;
  markRow(row, cell, verdict);
  const shadow = cell.querySelector(MARKS_TAG)?.shadowRoot;
  if (!shadow) throw new Error('no marks');
  return { row, cell, shadow };
}

describe('row marks', () => {
  it('puts a badge per finding next to the login, and the verdict on the row', () => {
    const { row, cell, shadow } = markedRow();
    expect(row.getAttribute('data-rollcall')).toBe('shared generic');
    expect([...shadow.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Shared', 'Generic']);
    // The page's own text of the cell is untouched: the badges live in the shadow root.
    expect(cell.textContent).toBe('Reception');
  });

  it('shows the tip on keyboard focus and on hover, and hides it again', () => {
    const { shadow } = markedRow();
    const badge = shadow.querySelector('button') as HTMLButtonElement;
    const tip = shadow.getElementById(badge.getAttribute('aria-describedby') ?? '') as HTMLElement;
    expect(tip.getAttribute('role')).toBe('tooltip');
    expect(tip.hidden).toBe(true);
    badge.focus();
    expect(shadow.activeElement).toBe(badge);
    expect(tip.hidden).toBe(false);
    expect(tip.textContent).toContain('A shared login hides who did what.');
    expect(tip.textContent).toContain('Fix: One login per person.');
    fireEvent.keyDown(badge, { key: 'Escape' });
    expect(tip.hidden).toBe(true);
    badge.blur();
    fireEvent.mouseOver(badge);
    expect(tip.hidden).toBe(false);
    fireEvent.mouseOut(badge);
    expect(tip.hidden).toBe(true);
  });

  it('keeps a click on a badge away from the row’s own click handler', () => {
    const { row, shadow } = markedRow();
    const rowClicks = vi.fn();
    row.addEventListener('click', rowClicks);
    (shadow.querySelector('button') as HTMLButtonElement).click();
    expect(rowClicks).not.toHaveBeenCalled();
    row.querySelector('td')?.click();
    expect(rowClicks).toHaveBeenCalledTimes(1);
  });

  it('does not follow the link a card drawn as one link holds its badges in', () => {
    document.body.innerHTML =
      '<div><a id="card" href="/users/profile/12"><h4>Reception Desk</h4><p id="email">reception@firm.example</p></a></div>';
    const card = document.getElementById('card') as HTMLAnchorElement;
    markRow(card, document.getElementById('email') as HTMLElement, verdict);
    const badge = card.querySelector(MARKS_TAG)?.shadowRoot?.querySelector('button');
    if (!badge) throw new Error('no badge');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    badge.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
  });

  it('updates in place and takes the badges away when a row becomes fine', () => {
    const { row, cell } = markedRow();
    markRow(row, cell, { findings: verdict.findings.slice(1) });
    expect(cell.querySelectorAll(MARKS_TAG)).toHaveLength(1);
    markRow(row, cell, { findings: [] });
    expect(row.getAttribute('data-rollcall')).toBe('ok');
    expect(cell.querySelector(MARKS_TAG)).toBeNull();
  });

  it('renders a login made of markup as text, never as HTML', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const table = document.createElement('table');
    table.innerHTML =
      '<thead><tr><th>Username</th><th>Name</th></tr></thead><tbody><tr><td></td><td></td></tr></tbody>';
    const cells = table.querySelectorAll('tbody td');
    (cells[0] as HTMLElement).textContent = evil;
    (cells[1] as HTMLElement).textContent = `${evil} & <b>Jo</b>`;
    document.body.appendChild(table);
    const watcher = startInPageWarnings({
      evaluate: (rows) =>
        rows.map((row) => ({
          findings: [
            rowWarning('generic', {
              title: `"${row.username}" is named after a role`,
              evidence: `display name ${row.displayName}`,
              tip: { why: row.username, fix: row.displayName ?? '' },
            }),
          ],
        })),
    });
    await watcher.settled();
    const shadow = table.querySelector(MARKS_TAG)?.shadowRoot;
    expect(shadow?.querySelector('img, b')).toBeNull();
    expect(document.querySelectorAll('img, b')).toHaveLength(0);
    expect(shadow?.querySelector('[role=tooltip] strong')?.textContent).toBe(
      `"${evil}" is named after a role`,
    );
    watcher.stop();
  });
});

/** So many rows of one kind, as the banner is given them. */
function counted(kind: 'generic' | 'default' | 'shared', count: number): KindCount {
  const { label, tone, rank } = rowWarning(kind, { title: '', evidence: '', tip: { why: '', fix: '' } });
  return { kind, label, tone, rank, count };
}

describe('the summary banner', () => {
  it('counts the rows of each kind and offers to sync the list', () => {
    const onSync = vi.fn();
    render(
      <Banner
        checked={16}
        counts={[counted('generic', 3), counted('default', 2), counted('shared', 1)]}
        sync={{ state: 'idle' }}
        onSync={onSync}
      />,
    );
    const banner = screen.getByRole('complementary', { name: 'Rollcall' });
    expect(banner.textContent).toContain('checked 16 logins on this page');
    expect([...banner.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '1 shared',
      '3 generic',
      '2 default account',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Sync this list to Rollcall' }));
    expect(onSync).toHaveBeenLastCalledWith(false);
    // Only when the admin says the page shows every user may missing logins count as removed.
    fireEvent.click(screen.getByRole('checkbox', { name: /This page shows every user/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Sync this list to Rollcall' }));
    expect(onSync).toHaveBeenLastCalledWith(true);
  });

  it('says plainly when nobody is signed in, and shows what a sync changed', () => {
    const { rerender } = render(
      <Banner checked={2} counts={[]} sync={{ state: 'signed-out' }} onSync={() => {}} />,
    );
    expect(screen.getByRole('complementary').textContent).toContain('no warnings');
    expect(screen.getByRole('status').textContent).toContain('Not signed in');
    rerender(
      <Banner
        checked={2}
        counts={[]}
        sync={{ state: 'synced', added: 2, changed: 1, removed: 0, notes: [] }}
        onSync={() => {}}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('Synced: 2 new, 1 changed, 0 removed.');
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('lists what the server could not read or decide on the page, and counts what it does not list', () => {
    const notes = [
      'lee: last sign-in "Mañana" not understood',
      'kim: status "Paused" not understood: taken as active',
      'sam: 2 people are called Sam Lee: link the owner by hand',
      'jo: last sign-in "soon" not understood',
      'ana: last sign-in "later" not understood',
    ];
    render(
      <Banner
        checked={5}
        counts={[]}
        sync={{ state: 'synced', added: 5, changed: 0, removed: 0, notes }}
        onSync={() => {}}
      />,
    );
    const list = screen.getByRole('list', { name: '5 things on this page to check by hand:' });
    expect([...list.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      ...notes.slice(0, 3),
      'and 2 more',
    ]);
  });
});
