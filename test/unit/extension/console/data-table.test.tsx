import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DataTable } from '../../../../extension/lib/console/data-table';

afterEach(() => cleanup());

describe('a console table', () => {
  it('is named, heads each column, and names the buttons’ column for screen readers only', () => {
    render(
      <DataTable label="Members" columns={['Name', 'Role']} actions>
        <tr>
          <th scope="row">Olive Owner</th>
          <td>owner</td>
          <td>
            <button type="button">Remove…</button>
          </td>
        </tr>
      </DataTable>,
    );
    const table = screen.getByRole('table', { name: 'Members' });
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((header) => header.textContent)).toEqual(['Name', 'Role', 'Actions']);
    expect(headers[2]?.firstElementChild?.classList.contains('visually-hidden')).toBe(true);
    const [, row] = within(table).getAllByRole('row');
    expect(within(row as HTMLElement).getByRole('rowheader').textContent).toBe('Olive Owner');
    expect(within(row as HTMLElement).getByRole('button', { name: 'Remove…' })).toBeTruthy();
  });

  it('has no buttons’ column unless asked', () => {
    render(
      <DataTable label="Keys" columns={['Name']}>
        <tr>
          <td>Payroll import</td>
        </tr>
      </DataTable>,
    );
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['Name']);
  });
});
