import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { done, refused } from '../../../../extension/lib/result';
import { CodeStep } from '../../../../extension/lib/ui/two-factor/code-step';
import { EnrolmentSteps } from '../../../../extension/lib/ui/two-factor/enrolment';

afterEach(() => cleanup());

const ENROLMENT = {
  otpauthUri:
    'otpauth://totp/Rollcall:ann%40firm.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Rollcall',
  manualKey: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
};
const CODES = Array.from({ length: 10 }, (_, i) => `aaaa-bbbb-cccc-dddd-eeee-fff${i}`);

describe('the code step of a sign-in', () => {
  it('sends six digits, and says what is wrong without asking the server for fewer', async () => {
    const submit = vi.fn(async () => refused('wrong-credentials', 'That code is wrong or was already used.'));
    render(<CodeStep email="ann@firm.test" submit={submit} onCancel={() => undefined} />);
    fireEvent.input(screen.getByLabelText('Six-digit code'), { target: { value: '12345' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter the six digits your authenticator app shows.');
    expect(submit).not.toHaveBeenCalled();

    fireEvent.input(screen.getByLabelText('Six-digit code'), { target: { value: '123 456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('That code is wrong or was already used.'),
    );
    expect(submit).toHaveBeenCalledWith({ code: '123456' });
  });

  it('takes a recovery code instead, when asked', async () => {
    const submit = vi.fn(async () => done());
    render(<CodeStep email="ann@firm.test" submit={submit} onCancel={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    fireEvent.input(screen.getByLabelText('Recovery code'), { target: { value: 'abcd-efgh' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(submit).toHaveBeenCalledWith({ recoveryCode: 'abcd-efgh' }));
  });
});

describe('setting up a second factor', () => {
  it('shows the QR code and the key, confirms the first code, then shows the recovery codes once', async () => {
    const confirm = vi.fn(async (code: string) =>
      code === '654321'
        ? done({ recoveryCodes: CODES })
        : refused('wrong-credentials', 'That code is wrong.'),
    );
    const onDone = vi.fn();
    render(
      <EnrolmentSteps
        intro="Set it up."
        start={async () => done(ENROLMENT)}
        confirm={confirm}
        onDone={onDone}
      />,
    );
    const qr = await screen.findByRole('img', { name: 'QR code for your authenticator app' });
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(screen.getByTestId('manual-key').textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');

    fireEvent.input(screen.getByLabelText('Six-digit code'), { target: { value: '111111' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn on two-step sign-in' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('That code is wrong.'));

    fireEvent.input(screen.getByLabelText('Six-digit code'), { target: { value: '654321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn on two-step sign-in' }));
    const list = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(list.querySelectorAll('li')).toHaveLength(10);
    expect(list.textContent).toContain(CODES[0]);
    fireEvent.click(screen.getByRole('button', { name: 'I have saved them — continue' }));
    expect(onDone).toHaveBeenCalledOnce();
  });

  it('says why when the server will not start it', async () => {
    render(
      <EnrolmentSteps
        intro="Set it up."
        start={async () => refused('signed-out', 'This sign-in has expired. Start again.')}
        confirm={async () => done({ recoveryCodes: [] })}
        onDone={() => undefined}
      />,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('This sign-in has expired. Start again.');
  });
});
