/**
 * Finds the login field of a sign-in form and reads that one field's value: the field marked
 * `autocomplete="username"` (https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#attr-fe-autocomplete-username),
 * else the text or e-mail field just before the password field. No other field is read, and a
 * password field's value never is: only its position in the form is looked at.
 */

const TEXT_TYPES = new Set(['text', 'email', '']);

function isTextField(element: Element): element is HTMLInputElement {
  return (
    element instanceof HTMLInputElement && TEXT_TYPES.has(element.getAttribute('type')?.toLowerCase() ?? '')
  );
}

/** The login input of `form`, or null when the form has no password field (not a sign-in form). */
export function loginFieldOf(form: HTMLFormElement): HTMLInputElement | null {
  const inputs = [...form.querySelectorAll('input')];
  const passwordIndex = inputs.findIndex((input) => input.getAttribute('type')?.toLowerCase() === 'password');
  if (passwordIndex < 0) return null;
  const marked = inputs.find(
    (input) =>
      isTextField(input) &&
      (input.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/).includes('username'),
  );
  if (marked) return marked;
  for (let i = passwordIndex - 1; i >= 0; i -= 1) {
    const input = inputs[i];
    if (input && isTextField(input)) return input;
  }
  return null;
}

/** The login typed into the form, trimmed, or null when there is none to note. */
export function loginTypedInto(form: HTMLFormElement): string | null {
  const login = loginFieldOf(form)?.value.trim() ?? '';
  return login === '' || login.length > 200 ? null : login;
}
