import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Send } from '../../../extension/lib/messaging';
import { SendContext } from '../../../extension/lib/popup/popup-context';
import { StaffBrowser, serverAccess } from '../../../extension/lib/popup/staff-browser';
import { readStaffJoinLink, staffJoinLink } from '../../../extension/lib/sign-in/join-link';

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

  it('opens filled in at a join link, ready to continue', async () => {
    const link = staffJoinLink('chrome-extension://abc/popup.html', {
      code: 'ABCDE-FGHIJ-KLMNO-PQRST',
      serverUrl: 'https://rollcall.harbour.example',
    });
    location.href = link;
    try {
      renderJoin({ preview: { ok: true, value: PREVIEW } });
      const code = (await screen.findByLabelText('Enrolment code')) as HTMLInputElement;
      expect(code.value).toBe('ABCDE-FGHIJ-KLMNO-PQRST');
      expect((screen.getByLabelText('Your firm’s Rollcall address') as HTMLInputElement).value).toBe(
        'https://rollcall.harbour.example',
      );
      await waitFor(() =>
        expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Continue' })),
      );
    } finally {
      location.hash = '';
    }
  });

  it('takes a pasted join link for the code and the address', async () => {
    renderJoin({ preview: { ok: true, value: PREVIEW } });
    fireEvent.click(await screen.findByText('Join as staff'));
    const link = staffJoinLink('moz-extension://another-installation/popup.html', {
      code: 'ABCDE-FGHIJ-KLMNO-PQRST',
      serverUrl: 'https://rollcall.harbour.example',
    });
    fireEvent.input(screen.getByLabelText('Enrolment code'), { target: { value: link } });
    expect((screen.getByLabelText('Enrolment code') as HTMLInputElement).value).toBe(
      'ABCDE-FGHIJ-KLMNO-PQRST',
    );
    expect((screen.getByLabelText('Your firm’s Rollcall address') as HTMLInputElement).value).toBe(
      'https://rollcall.harbour.example',
    );
  });
});

describe('a popup closed before joining', () => {
  it('reopens with what was typed (Firefox closes it for its permission prompt), ready to go on', async () => {
    renderJoin({ preview: { ok: true, value: PREVIEW } });
    fireEvent.click(await screen.findByText('Join as staff'));
    fireEvent.input(screen.getByLabelText('Your firm’s Rollcall address'), {
      target: { value: 'https://rollcall.harbour.example' },
    });
    fireEvent.input(screen.getByLabelText('Enrolment code'), {
      target: { value: 'ABCDE-FGHIJ-KLMNO-PQRST' },
    });
    cleanup();

    const sent = renderJoin({ preview: { ok: true, value: PREVIEW } });
    const code = (await screen.findByLabelText('Enrolment code')) as HTMLInputElement;
    await waitFor(() => expect(code.value).toBe('ABCDE-FGHIJ-KLMNO-PQRST'));
    expect((screen.getByLabelText('Your firm’s Rollcall address') as HTMLInputElement).value).toBe(
      'https://rollcall.harbour.example',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText(/to Harbour & Vale as Rita Reception/)).toBeTruthy();
    expect(sent).toEqual(['previewEnrolment']);
  });
});

describe('reaching the firm’s Rollcall address from a staff browser', () => {
  it('asks for the address in Firefox, whose origin the server cannot know, and not in Chrome', () => {
    expect(serverAccess('https://rollcall.harbour.example/', true)).toEqual([
      'https://rollcall.harbour.example/*',
    ]);
    expect(serverAccess('https://rollcall.harbour.example/', false)).toEqual([]);
    expect(serverAccess('not an address', true)).toEqual([]);
  });
});

describe('a join link', () => {
  it('carries the code and the address, and nothing else reads as one', () => {
    const join = { code: 'AB/CD ÉF', serverUrl: 'http://127.0.0.1:8787' };
    expect(readStaffJoinLink(staffJoinLink('chrome-extension://abc/popup.html', join))).toEqual(join);
    expect(readStaffJoinLink('ABCDE-FGHIJ')).toBeNull();
    expect(readStaffJoinLink('chrome-extension://abc/popup.html#/join-staff/ABCDE/not%20a%20url')).toBeNull();
    expect(readStaffJoinLink('chrome-extension://abc/popup.html#/join-staff/%E0%A4%A/x')).toBeNull();
  });
});
