import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Home } from '../../../extension/lib/popup/home';
import { summarise } from '../../../shared/rules/health';
import type { CheckedCounts, Severity } from '../../../shared/schemas/findings';

afterEach(() => cleanup());

const firmOf30: CheckedCounts = { people: 30, systems: 3, logins: 85 };
const open = (severity: Severity, n: number) => Array.from({ length: n }, () => ({ severity }));

function home(findings: { severity: Severity }[], checked: CheckedCounts = firmOf30) {
  const handlers = {
    onOpenFinding: vi.fn(),
    onOpenFindings: vi.fn(),
    onAddPerson: vi.fn(),
    onOpenOptions: vi.fn(),
  };
  render(<Home top={[]} summary={summarise(findings, checked)} {...handlers} />);
  return handlers;
}

describe('the home view’s health score', () => {
  it('reads 20 findings apart from 200 in a firm of 30 people', () => {
    home(open('medium', 20));
    expect(screen.getByTestId('health-score').textContent).toBe('60/100');
    expect(screen.getByTestId('score-next').textContent).toBe(
      'Fix the first finding below to raise it to 61.',
    );
    cleanup();
    home(open('medium', 200));
    expect(screen.getByTestId('health-score').textContent).toBe('13/100');
    expect(screen.getByTestId('score-next').textContent).toBe('Fix the 16 worst findings to raise it to 14.');
  });

  it('explains what it counts and how to raise it, when asked', () => {
    home([...open('critical', 1), ...open('low', 2)]);
    const disclosure = screen.getByText('How is this worked out?').closest('details') as HTMLDetailsElement;
    expect(disclosure.open).toBe(false);
    fireEvent.click(screen.getByText('How is this worked out?'));
    expect(disclosure.textContent).toContain('Rollcall checked 30 people and 85 logins in 3 systems');
    expect(disclosure.textContent).toContain('critical 4, high 2, medium 1, low ¼');
    expect(disclosure.textContent).toContain('score = 100 × people ÷ (people + weighted findings)');
    expect(disclosure.textContent).toContain('A dismissed finding no longer counts.');
  });

  it('with nothing open reads 100 and offers no step', () => {
    home([]);
    expect(screen.getByTestId('health-score').textContent).toBe('100/100');
    expect(screen.queryByTestId('score-next')).toBeNull();
    expect(screen.getByText('Nothing to fix. Every login checks out.')).toBeTruthy();
  });

  it('is not checked yet without staff, systems or logins, and leads to what is missing', () => {
    const noSystem = home([], { people: 4, systems: 0, logins: 0 });
    expect(screen.getByTestId('health-score').textContent).toBe('Not checked yet');
    expect(screen.getByText('Add the systems your staff sign in to, in the options page.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add a person' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add a system' }));
    expect(noSystem.onOpenOptions).toHaveBeenCalledOnce();
    expect(screen.queryByText('How is this worked out?')).toBeNull();
    cleanup();

    home([], { people: 4, systems: 1, logins: 0 });
    expect(screen.getByTestId('health-score').textContent).toBe('Not checked yet');
    expect(screen.getByText(/press “Sync this list to Rollcall”, or add its logins/)).toBeTruthy();
    cleanup();

    // Logins read off a page before any staff were added: their findings show, the score waits.
    const noStaff = home(open('medium', 3), { people: 0, systems: 1, logins: 3 });
    expect(screen.getByTestId('health-score').textContent).toBe('Not checked yet');
    expect(screen.getByText('Add your staff, so Rollcall can tell whose each login is.')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Open findings by severity' }).textContent).toContain('3 Medium');
    fireEvent.click(screen.getByRole('button', { name: 'Add a person' }));
    expect(noStaff.onAddPerson).toHaveBeenCalledOnce();
  });
});
