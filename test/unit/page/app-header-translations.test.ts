import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fieldForHeader, isNameAlone } from '../../../extension/lib/page/header-fields';
import type { Language } from '../../../extension/lib/page/page-words';
import { readRow } from '../../../extension/lib/page/read-row';
import { findUserLists } from '../../../extension/lib/page/user-lists';
import { readShownTime } from '../../../shared/directory/read-shown-time';
import { readShownStatus } from '../../../shared/directory/read-shown-values';

/**
 * The headers real apps give their user lists in every language they ship, from their Debian
 * packages' translations (scripts/capture/header-translations.ts): DokuWiki's user manager,
 * WordPress's users screen, phpMyAdmin's user accounts, Redmine's users, the Django admin's users.
 */
const { apps, statuses, times } = JSON.parse(
  readFileSync('test/fixtures/app-header-translations.json', 'utf8'),
) as {
  times: Record<string, Record<string, { never?: string }>>;
  statuses: Record<string, Record<string, Partial<Record<'active' | 'disabled' | 'blocked', string>>>>;
  apps: Record<
    string,
    Record<
      string,
      Partial<
        Record<
          'username' | 'displayName' | 'firstName' | 'lastName' | 'email' | 'role' | 'lastSignIn',
          string
        >
      >
    >
  >;
};

/** The languages the detector reads (page-words.ts), by the code the apps name them with. */
const READ: readonly Language[] = [
  'en',
  'de',
  'fr',
  'es',
  'pt',
  'it',
  'nl',
  'da',
  'no',
  'sv',
  'pl',
  'cs',
  'sk',
  'sl',
  'hr',
  'fi',
  'et',
  'lv',
  'lt',
  'hu',
  'ro',
  'tr',
  'el',
  'ru',
  'uk',
  'bg',
  'ca',
  'ja',
  'zh',
  'ko',
  'id',
  'vi',
  'th',
  'he',
  'ar',
  'fa',
  'sr',
  'mk',
  'sq',
  'eu',
  'gl',
  'is',
  'cy',
  'af',
];
const languageOf = (code: string) => {
  const base = code.split(/[-_]/)[0] ?? code;
  return base === 'nb' ? 'no' : base;
};
const translations = Object.entries(apps).flatMap(([app, byCode]) =>
  Object.entries(byCode)
    .filter(([code]) => (READ as readonly string[]).includes(languageOf(code)))
    .map(([code, headers]) => [`${app} (${code})`, headers] as const),
);

/**
 * Headers left unread on purpose: words that head other lists as often as they head logins. A
 * ledger's or a bank's accounts are "accounts" too, so such a word alone does not make a list of
 * users (the apps' other columns do).
 */
const LEFT_OUT: Record<string, string> = {
  'Tài khoản': 'Vietnamese "account", a bank account as often (phpMyAdmin’s "User name")',
  Van: 'Afrikaans "surname" (the Django admin’s "Last name"), but Dutch "from": a mail list’s sender',
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('user lists headed as real apps head them, in every language the detector reads', () => {
  it('takes most of the apps’ translations', () => {
    expect(translations.length).toBeGreaterThan(100);
  });

  it.each(translations)('reads each header of %s as its column', (_, headers) => {
    for (const [field, text] of Object.entries(headers)) {
      const read = fieldForHeader(text);
      if (LEFT_OUT[text]) {
        expect(read, `"${text}": ${LEFT_OUT[text]}`).toBeNull();
        continue;
      }
      // "User" is the login where no other column is, and otherwise the person's name. A name alone
      // ("Nombre", "Nom") is read as a part of the name beside the other part, and as the login beside
      // a full name (Request Tracker's "Name" and "Real Name"): see user-lists.ts.
      const nameAlone = isNameAlone(text) ? ['displayName'] : [];
      const accepted =
        field === 'username'
          ? [field, 'user', ...nameAlone]
          : field === 'displayName'
            ? [field, 'user']
            : field === 'firstName' || field === 'lastName'
              ? [field, ...nameAlone]
              : [field];
      expect(accepted, `"${text}"`).toContain(read);
    }
  });

  /** Translations whose lists cannot be told from their headers, and why. */
  const UNTOLD: Record<string, string> = {
    'rt (pt)': 'Request Tracker’s Portuguese heads both the login and the full name "Nome"',
  };

  it.each(translations.filter(([app, headers]) => headers.username && headers.email && !UNTOLD[app]))(
    'finds a list headed as %s and reads its logins',
    (_, headers) => {
      const columns = (
        ['username', 'displayName', 'firstName', 'lastName', 'email', 'role', 'lastSignIn'] as const
      ).filter((field) => headers[field]);
      const cell = {
        username: 'recepce',
        displayName: 'Recepce',
        firstName: 'Recepce',
        lastName: '',
        email: 'recepce@firma.example',
        role: 'user',
        lastSignIn: '2026-11-30',
      };
      const person = {
        username: 'jnovak',
        displayName: 'Jan Novák',
        firstName: 'Jan',
        lastName: 'Novák',
        email: 'jan.novak@firma.example',
        role: 'admin',
        lastSignIn: '2026-12-01',
      };
      document.body.innerHTML = `<table><thead><tr>${columns.map((field) => `<th>${headers[field]}</th>`).join('')}</tr></thead><tbody>${[
        cell,
        person,
      ]
        .map((row) => `<tr>${columns.map((field) => `<td>${row[field]}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
      const [list] = findUserLists(document);
      expect(list?.rows().map((row) => list && readRow(list, row)?.username)).toEqual(['recepce', 'jnovak']);
    },
  );
});

describe('statuses shown as real apps show them, in every language the detector reads', () => {
  const shown = Object.entries(statuses).flatMap(([app, byCode]) =>
    Object.entries(byCode)
      .filter(([code]) => (READ as readonly string[]).includes(languageOf(code)))
      .map(([code, words]) => [`${app} (${code})`, words] as const),
  );

  /** Words an app's translation misspells, and how they are written. */
  const MISSPELT: Record<string, string> = {
    Išjuntgta: 'Išjungta', // Request Tracker's Lithuanian "Disabled"
    Povelené: 'Povolené', // Request Tracker's Slovak "Enabled"
  };

  it.each(shown)('reads each status of %s as switched on or off', (_, words) => {
    const expected = { active: 'active', disabled: 'disabled', blocked: 'disabled' } as const;
    for (const [meaning, written] of Object.entries(words) as [keyof typeof expected, string][]) {
      const text = MISSPELT[written] ?? written;
      expect(readShownStatus(text), `"${text}" (${meaning})`).toEqual({
        status: expected[meaning],
        understood: true,
      });
    }
  });
});

describe('a login never used, as real apps say it, in every language the detector reads', () => {
  /** Translations that say something else than "never", and what they say. */
  const NOT_NEVER: Record<string, string> = {
    しない: 'Japanese "do not" (Cockpit’s "Never" as in "never do this")',
    '하지 않기': 'Korean "not doing" (the same)',
    Yok: 'Turkish "none", which a last sign-in column shows of anything empty',
  };
  const said = Object.entries(times).flatMap(([app, byCode]) =>
    Object.entries(byCode)
      .filter(([code, words]) => (READ as readonly string[]).includes(languageOf(code)) && words.never)
      .map(([code, words]) => [`${app} (${code})`, words.never ?? ''] as const),
  );

  it.each(said)('reads the last sign-in %s shows for a login never used, "%s", as never', (_, never) => {
    const read = readShownTime(never, Date.UTC(2026, 11, 6), 'dmy');
    if (NOT_NEVER[never]) expect(read, NOT_NEVER[never]).toEqual({ kind: 'unknown' });
    else expect(read).toEqual({ kind: 'never' });
  });
});
