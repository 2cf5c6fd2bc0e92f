import { fireEvent, screen } from '@testing-library/preact';
import { startBackground } from './background-harness';

export const PASSWORD = 'correct horse battery';

/** The popup's `send`, wired to a real background that talks to a fake server. */
export function popupHarness() {
  const { server, background, service, send, sent } = startBackground();
  return { server, background, service, send, sent };
}

export async function signIn(password = PASSWORD) {
  fireEvent.input(await screen.findByLabelText('Email'), { target: { value: 'ann@firm.test' } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}
