import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PeopleView } from '../../../extension/lib/popup/people-view';
import { ROW_HEIGHT, StaffList } from '../../../extension/lib/popup/staff-list';
import { buildStaffIndex, searchStaff } from '../../../extension/lib/staff-index';
import { emptyTables, type Tables } from '../../../extension/lib/sync/local-copy';
import type { Finding } from '../../../shared/schemas/findings';
import { accountRow, personRow } from './sync/fake-server';

const person = personRow;
const login = (id: string, username: string, owner: string | null, users: string[] = []) =>
  accountRow(id, 'sys', username, { ownerPersonId: owner, userPersonIds: users });

function firm(): Tables {
  const tables = emptyTables();
  tables.jobRole.books = { id: 'books', name: 'Bookkeeper', permissions: {}, version: 1, deleted: false };
  tables.person.maria = person('maria', 'María García', { email: 'mgarcia@firm.test', jobRoleId: 'books' });
  tables.person.rose = person('rose', 'Rose Baker', { status: 'leaver', endDate: '2026-01-05' });
  tables.person.zoe = person('zoe', 'Zoë Ng');
  tables.account.rbaker = login('rbaker', 'rbaker', 'rose');
  tables.account.front = login('front', 'frontdesk', 'zoe', ['rose']);
  return tables;
}

/** A firm of `count` people, "Person 0000" to "Person 1999". */
function bigFirm(count: number): Tables {
  const tables = emptyTables();
  for (let i = 0; i < count; i++) {
    const id = `p${i}`;
    tables.person[id] = person(id, `Person ${String(i).padStart(4, '0')}`, { email: `staff${i}@firm.test` });
  }
  return tables;
}

const finding = (personIds: string[]) => ({ personIds }) as unknown as Finding;

afterEach(() => cleanup());

describe('the staff index', () => {
  it('lists people by name, with their job role, whether they left, and how many findings name them', () => {
    const index = buildStaffIndex(firm(), [finding(['rose']), finding(['rose', 'zoe'])]);
    expect(index.rows.map(({ name, detail, findings }) => [name, detail, findings])).toEqual([
      ['María García', 'Bookkeeper', 0],
      ['Rose Baker', ' · Leaver', 2],
      ['Zoë Ng', '', 1],
    ]);
  });

  it('finds people by any word of name, email, job role or a login they own or use, accents or not', () => {
    const index = buildStaffIndex(firm(), []);
    const names = (query: string) => searchStaff(index, query).map((row) => row.name);
    expect(names('garcia')).toEqual(['María García']);
    expect(names('ZOE')).toEqual(['Zoë Ng']);
    expect(names('mgarcia@firm')).toEqual(['María García']);
    expect(names('bookkeep')).toEqual(['María García']);
    expect(names('frontdesk')).toEqual(['Rose Baker', 'Zoë Ng']);
    expect(names('rose  bak')).toEqual(['Rose Baker']);
    expect(names('  ')).toEqual(['María García', 'Rose Baker', 'Zoë Ng']);
    // Words match within one part each, never across the end of one and the start of the next.
    expect(names('garciamgarcia')).toEqual([]);
    expect(names('nobody')).toEqual([]);
  });
});

describe('the staff list of a big firm', () => {
  const index = buildStaffIndex(bigFirm(2000), []);
  const drawn = () => screen.getAllByRole('listitem');
  const positions = () => drawn().map((item) => Number(item.getAttribute('aria-posinset')));

  it('draws only the rows in view, each saying where it stands among all 2,000', () => {
    render(<StaffList rows={index.rows} label="Staff" onSelect={() => {}} />);
    const list = screen.getByRole('list', { name: 'Staff' });
    expect(drawn().length).toBeGreaterThan(5);
    expect(drawn().length).toBeLessThan(30);
    expect(drawn().every((item) => item.getAttribute('aria-setsize') === '2000')).toBe(true);
    expect(positions()[0]).toBe(1);
    expect(within(list).getAllByRole('button')[0]?.textContent).toBe('Person 0000');
    // The list is as tall as every row, so the scroll bar tells how long it is.
    expect(list.style.height).toBe(`${2000 * ROW_HEIGHT}px`);
  });

  it('draws the rows scrolled to', () => {
    const { container } = render(<StaffList rows={index.rows} label="Staff" onSelect={() => {}} />);
    const box = container.querySelector('.staff-scroll') as HTMLElement;
    box.scrollTop = 1000 * ROW_HEIGHT;
    fireEvent.scroll(box);
    expect(positions()).toContain(1001);
    expect(screen.getByRole('button', { name: 'Person 1000' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Person 0100' })).toBeNull();
  });

  it('is one tab stop, and the arrow keys, Home and End move between people, drawing the one reached', () => {
    render(<StaffList rows={index.rows} label="Staff" onSelect={() => {}} />);
    const tabStops = () => screen.getAllByRole('button').filter((button) => button.tabIndex === 0);
    expect(tabStops().map((b) => b.textContent)).toEqual(['Person 0000']);
    const first = screen.getByRole('button', { name: 'Person 0000' });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Person 0001');
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    expect(document.activeElement?.textContent).toBe('Person 1999');
    expect(document.activeElement?.closest('li')?.getAttribute('aria-posinset')).toBe('2000');
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toBe('Person 1998');
    expect(tabStops().map((b) => b.textContent)).toEqual(['Person 1998']);
    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
    expect(document.activeElement?.textContent).toBe('Person 0000');
  });

  it('opens the person whose row is pressed', () => {
    const opened: string[] = [];
    render(<StaffList rows={index.rows} label="Staff" onSelect={(id) => opened.push(id)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Person 0003' }));
    expect(opened).toEqual(['p3']);
  });

  it('filters 2,000 people as the admin types, before the directory itself has loaded', () => {
    render(<PeopleView staff={index} tables={null} findings={[]} selectedId={null} onSelect={() => {}} />);
    expect(screen.getByRole('status').textContent).toBe('2,000 people');
    fireEvent.input(screen.getByLabelText('Search staff'), { target: { value: 'staff1999@' } });
    expect(screen.getAllByRole('button', { name: /^Person/ }).map((b) => b.textContent)).toEqual([
      'Person 1999',
    ]);
    expect(screen.getByRole('status').textContent).toBe('1 of 2,000 match');
    // staff19@, staff190@ to staff199@, staff1900@ to staff1999@.
    fireEvent.input(screen.getByLabelText('Search staff'), { target: { value: 'staff19' } });
    expect(screen.getByRole('status').textContent).toBe('111 of 2,000 match');
    expect(positions()[0]).toBe(1);
    expect(drawn()[0]?.getAttribute('aria-setsize')).toBe('111');
    expect(drawn()[0]?.textContent).toBe('Person 0019');
  });
});
