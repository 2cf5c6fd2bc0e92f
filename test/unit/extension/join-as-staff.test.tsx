import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Send } from '../../../extension/lib/messaging';
import { SendContext } from '../../../extension/lib/popup/popup-context';
import { StaffBrowser } from '../../../extension/lib/popup/staff-browser';

const PREVIEW = {
  personName: 'Rita Reception',
  organisationName: 'Harbour & Vale',
  observationsEnabled: true,
  systems: [{ id: 's1', name: 'CaseLedger', signInUrlPatterns: ['https://caseledger.example/login*'] }],
};

function renderJoin(answers: { preview: unknown }) {
  const sent: string[] = [];
  const send = (async (type: string) => {
    sent.push(type);
    if (type === 'previewEnrolment') return answers.preview;
    if (type === 'joinAsStaff') return { ok: true, value: {} };
    throw new Error(`unexpected ${type}`);
  }) as unknown as Send;
  render(
    <SendContext.Provider value={send}>
      <StaffBrowser />
    </SendContext.Provider>,
  );
  return sent;
}

async function typeCode() {
  fireEvent.click(await screen.findByText('Join as staff'));
  fireEvent.input(screen.getByLabelText('Your firm’s Rollcall address'), {
    target: { value: 'https://rollcall.harbour.example' },
  });
  fireEvent.input(screen.getByLabelText('Enrolment code'), { target: { value: 'ABCDE-FGHIJ-KLMNO-PQRST' } });
  fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('joining as staff in the popup', () => {
  it('says for whom and where before joining, and asks for those sign-in pages in the click that joins', async () => {
    const request = vi
      .spyOn(fakeBrowser.permissions, 'request')
      .mockImplementation((async () => true) as never);
    const sent = renderJoin({ preview: { ok: true, value: PREVIEW } });
    await typeCode();
    expect((await screen.findByRole('list', { name: 'Sign-in pages to observe' })).textContent).toBe(
      'CaseLedger: https://caseledger.example/login*',
    );
    expect(screen.getByText(/to Harbour & Vale as Rita Reception/)).toBeTruthy();
    expect(request).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Join as staff' }));
    // Nothing awaited yet: the prompt was asked for while the click was still being handled.
    expect(request).toHaveBeenCalledExactlyOnceWith({ origins: ['https://caseledger.example/*'] });
    expect(sent).toContain('joinAsStaff');
  });

  it('says why a code does not work, and asks for no permission', async () => {
    const request = vi
      .spyOn(fakeBrowser.permissions, 'request')
      .mockImplementation((async () => true) as never);
    const sent = renderJoin({
      preview: { ok: false, message: 'This enrolment code is unknown, already used or expired.' },
    });
    await typeCode();
    expect((await screen.findByRole('alert')).textContent).toContain('already used or expired');
    expect(sent).not.toContain('joinAsStaff');
    expect(request).not.toHaveBeenCalled();
  });
});
