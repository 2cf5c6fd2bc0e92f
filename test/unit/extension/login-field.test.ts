import { describe, expect, it } from 'vitest';
import { loginTypedInto } from '../../../extension/lib/sign-in/login-field';

/** A form from markup, with every password field's value behind a trap that fails the test if read. */
function form(markup: string): { form: HTMLFormElement; passwordReads: () => number } {
  document.body.innerHTML = `<form>${markup}</form>`;
  let reads = 0;
  for (const input of document.querySelectorAll<HTMLInputElement>('input[type=password]')) {
    input.value = 'hunter2';
    Object.defineProperty(input, 'value', {
      get() {
        reads += 1;
        return 'hunter2';
      },
    });
  }
  return { form: document.querySelector('form') as HTMLFormElement, passwordReads: () => reads };
}

function type(name: string, value: string) {
  (document.querySelector(`[name=${name}]`) as HTMLInputElement).value = value;
}

describe('the login field of a sign-in form', () => {
  it('is the field marked autocomplete="username", wherever it is', () => {
    const { form: f, passwordReads } = form(
      '<input name="password" type="password"><input name="firm" type="text"><input name="user" autocomplete="username">',
    );
    type('firm', 'Harbour & Vale');
    type('user', '  reception ');
    expect(loginTypedInto(f)).toBe('reception');
    expect(passwordReads()).toBe(0);
  });

  it('is otherwise the text or e-mail field just before the password field', () => {
    const { form: f, passwordReads } = form(
      '<input name="search" type="text"><input name="email" type="email"><input type="checkbox" name="remember"><input name="password" type="password">',
    );
    type('search', 'not this');
    type('email', 'rita@example.com');
    expect(loginTypedInto(f)).toBe('rita@example.com');
    expect(passwordReads()).toBe(0);
  });

  it('notes nothing on a form without a password field, or with the login left empty', () => {
    expect(loginTypedInto(form('<input name="q" type="text">').form)).toBeNull();
    const { form: f, passwordReads } = form(
      '<input name="user" type="text"><input name="pw" type="password">',
    );
    expect(loginTypedInto(f)).toBeNull();
    expect(passwordReads()).toBe(0);
  });
});
