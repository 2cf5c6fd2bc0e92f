import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { OWNER, renderConsole } from './console-harness';
import { travelAgency } from './firm';

afterEach(() => cleanup());

const queued = (sent: { name: string; data: unknown }[]) =>
  sent.filter((s) => s.name === 'queueChange').map((s) => s.data);

describe('Accounts: the owner of a login, picked from its row', () => {
  it('links a login to a person with the keyboard alone, and Undo puts the owner back', async () => {
    const tables = travelAgency();
    const { sent } = await renderConsole('#/accounts/pay', {}, OWNER, tables);
    const table = await screen.findByRole('table', { name: 'Logins in PayDesk' });
    const row = within(table).getByRole('row', { name: /amy\.login/ });
    fireEvent.click(within(row).getByRole('button', { name: 'Change the owner of amy.login' }));
    const field = within(row).getByRole('combobox', { name: 'Owner of amy.login' });
    await waitFor(() => expect(document.activeElement).toBe(field));
    fireEvent.input(field, { target: { value: 'ben' } });
    const options = within(row).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Ben Ode']);
    fireEvent.keyDown(field, { key: 'Enter' });
    await screen.findByText('amy.login belongs to Ben Ode now.');
    expect(queued(sent)).toEqual([
      { op: 'upsert', entity: 'account', rowId: 'a1', data: { ownerPersonId: 'ben' } },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(queued(sent)).toHaveLength(2));
    expect(queued(sent)[1]).toEqual({
      op: 'upsert',
      entity: 'account',
      rowId: 'a1',
      data: { ownerPersonId: 'amy' },
    });
  });

  it('moves through people with the arrow keys, offers "No owner", and Escape changes nothing', async () => {
    const tables = travelAgency();
    const { sent } = await renderConsole('#/accounts/pay', {}, OWNER, tables);
    const table = await screen.findByRole('table', { name: 'Logins in PayDesk' });
    const row = within(table).getByRole('row', { name: /cat\.login/ });
    fireEvent.click(within(row).getByRole('button', { name: 'Change the owner of cat.login' }));
    const field = within(row).getByRole('combobox', { name: 'Owner of cat.login' });
    const selected = () => within(row).getByRole('option', { selected: true }).textContent;
    expect(selected()).toBe('No owner');
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    expect(selected()).toBe('Amy Ng');
    expect(field.getAttribute('aria-activedescendant')).toBe(
      within(row).getByRole('option', { selected: true }).id,
    );
    fireEvent.keyDown(field, { key: 'ArrowUp' });
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(within(row).queryByRole('combobox')).toBeNull();
    expect(queued(sent)).toEqual([]);
    fireEvent.click(within(row).getByRole('button', { name: 'Change the owner of cat.login' }));
    fireEvent.keyDown(within(row).getByRole('combobox'), { key: 'Enter' });
    await screen.findByText('cat.login has no owner now.');
    expect(queued(sent)).toEqual([
      { op: 'upsert', entity: 'account', rowId: 'c1', data: { ownerPersonId: null } },
    ]);
  });

  it('is not offered to an auditor, who reads only', async () => {
    await renderConsole(
      '#/accounts/pay',
      {},
      { ...OWNER, member: { ...OWNER.member, role: 'auditor' } },
      travelAgency(),
    );
    const table = await screen.findByRole('table', { name: 'Logins in PayDesk' });
    expect(within(table).queryByRole('button', { name: /owner of/ })).toBeNull();
  });
});
