import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { Banner } from '../../../extension/entrypoints/admin-page.content/banner';

describe('the banner when a whole list would remove most logins', () => {
  it('puts the server’s question to the admin and sends the list again, confirmed, on yes', () => {
    const onSync = vi.fn();
    render(
      <Banner
        checked={0}
        counts={[]}
        sync={{
          state: 'confirm-removals',
          question:
            'This list would mark all 12 logins of this system removed; nothing is changed until you confirm.',
        }}
        onSync={onSync}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('would mark all 12 logins of this system removed');
    expect(alert.textContent).toContain('Is this page really the whole list?');
    fireEvent.click(screen.getByRole('button', { name: 'Yes, mark them removed' }));
    expect(onSync).toHaveBeenLastCalledWith(true, true);
  });
});
