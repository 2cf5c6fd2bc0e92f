import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ScreenHeading } from '../../../../extension/lib/console/ui';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

/** A screen's heading drawn after its data arrived, with the focus where `before` left it. */
async function openScreen(hash: string, before: () => void): Promise<HTMLElement> {
  location.hash = hash;
  before();
  render(<ScreenHeading>Members</ScreenHeading>);
  const heading = screen.getByRole('heading', { name: 'Members' });
  // Effects run after the screen is drawn.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return heading;
}

describe('a console screen’s heading', () => {
  it('takes the focus when the screen opens from its link, for a keyboard or screen reader to start there', async () => {
    const heading = await openScreen('#/members', () => {
      const link = document.body.appendChild(document.createElement('a'));
      link.href = '#/members';
      link.setAttribute('aria-current', 'page');
      link.focus();
    });
    expect(document.activeElement).toBe(heading);
  });

  it('leaves the focus where the member moved it while the screen was loading', async () => {
    let next: HTMLElement | null = null;
    await openScreen('#/members-again', () => {
      next = document.body.appendChild(document.createElement('a'));
      (next as HTMLAnchorElement).href = '#/api-keys';
      next.focus();
    });
    expect(document.activeElement).toBe(next);
  });
});
