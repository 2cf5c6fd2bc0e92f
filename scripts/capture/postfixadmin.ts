import {
  FIXTURE_FOLDER,
  labelsFor,
  launch,
  run,
  runStep,
  type SeedUser,
  saveFixture,
  writeJson,
} from './capture-page.ts';

/**
 * Postfix Admin 3.3.13 (Debian bookworm's `postfixadmin`), its list of mailboxes in Polish: the
 * mailbox address is the login, beside the person's name, the last change and whether it is
 * active. An accounting office's mail, where every desk has its own mailbox. Mailboxes are made
 * with Postfix Admin's own command-line tool. How to set it up and run this:
 * test/fixtures/pages/README.md.
 *
 *   node scripts/capture/postfixadmin.ts seed      # once, on a fresh install
 *   node scripts/capture/postfixadmin.ts capture   # saves the page and writes the labels
 */

const POSTFIXADMIN = process.env.POSTFIXADMIN_URL ?? 'http://127.0.0.1:8941';
const CLI = '/usr/share/postfixadmin/scripts/postfixadmin-cli.php';
const NAME = 'postfixadmin-mailboxes';
const DOMAIN = 'biuro-nowak.example';
const SIGN_IN = { user: `admin@${DOMAIN}`, password: 'Admin-Haslo-2026!' };

type Mailbox = SeedUser & { inactive?: boolean };

const SEEDED: Mailbox[] = [
  { login: 'anna.kowalska', displayName: 'Anna Kowalska', signedOut: 'ok' },
  { login: 'piotr.nowak', displayName: 'Piotr Nowak', signedOut: 'ok' },
  { login: 'k.wisniewska', displayName: 'Katarzyna Wiśniewska', signedOut: 'ok' },
  { login: 'tomasz.wojcik', displayName: 'Tomasz Wójcik', signedOut: 'ok' },
  { login: 'magdalena.kaminska', displayName: 'Magdalena Kamińska', signedOut: 'ok' },
  { login: 'michal.lewandowski', displayName: 'Michał Lewandowski', signedOut: 'ok' },
  { login: 'azielinska', displayName: 'Agnieszka Zielińska', signedOut: 'ok' },
  { login: 'krzysztof.szymanski', displayName: 'Krzysztof Szymański', signedOut: 'ok' },
  { login: 'joanna.wozniak', displayName: 'Joanna Woźniak', signedOut: 'ok' },
  { login: 'pawel.dabrowski', displayName: 'Paweł Dąbrowski', signedOut: 'ok' },
  { login: 'ewa.kozlowska', displayName: 'Ewa Kozłowska', signedOut: 'ok' },
  { login: 'marcin.jankowski', displayName: 'Marcin Jankowski', signedOut: 'ok' },
  { login: 'monika.mazur', displayName: 'Monika Mazur', signedOut: 'ok' },
  { login: 'lukasz.krawczyk', displayName: 'Łukasz Krawczyk', signedOut: 'ok' },
  { login: 'grzegorz.piotrowski', displayName: 'Grzegorz Piotrowski', signedOut: 'ok', inactive: true },
  { login: 'zofia.grabowska', displayName: 'Zofia Grabowska', signedOut: 'ok' },
  { login: 'jan.pawlak', displayName: 'Jan Pawlak', signedOut: 'ok' },
  { login: 'dorota.michalska', displayName: 'Dorota Michalska', signedOut: 'ok' },
  // Desks and functions.
  { login: 'biuro', displayName: 'Biuro', signedOut: 'generic' },
  { login: 'sekretariat', displayName: 'Sekretariat', signedOut: 'generic' },
  { login: 'ksiegowosc', displayName: 'Księgowość', signedOut: 'generic' },
  { login: 'kadry', displayName: 'Kadry i płace', signedOut: 'generic' },
  { login: 'faktury', displayName: 'Faktury', signedOut: 'generic' },
  { login: 'recepcja', displayName: 'Recepcja', signedOut: 'generic' },
  { login: 'kontakt', displayName: 'Kontakt', signedOut: 'generic' },
  { login: 'info', displayName: 'Informacja', signedOut: 'generic' },
  { login: 'oferty', displayName: 'Oferty', signedOut: 'generic' },
  { login: 'reklamacje', displayName: 'Reklamacje', signedOut: 'generic' },
  { login: 'zamowienia', displayName: 'Zamówienia', signedOut: 'generic' },
  { login: 'rozliczenia', displayName: 'Dział rozliczeń', signedOut: 'generic' },
  { login: 'zarzad', displayName: 'Zarząd', signedOut: 'generic' },
  // Devices and services.
  { login: 'skaner', displayName: 'Skaner 1 piętro', signedOut: 'generic' },
  { login: 'drukarka', displayName: 'Drukarka sekretariat', signedOut: 'generic' },
  { login: 'noreply', displayName: 'Powiadomienia', signedOut: 'generic' },
  // Mailboxes two people share.
  { login: 'anna.piotr', displayName: 'Anna i Piotr', signedOut: 'shared' },
  { login: 'kasia.ola', displayName: 'Kasia / Ola', signedOut: 'shared' },
  // Guest, test and training mailboxes.
  { login: 'administrator', displayName: 'Administrator', signedOut: 'default' },
  { login: 'gosc', displayName: 'Gość', signedOut: 'default' },
  { login: 'test', displayName: 'Test', signedOut: 'default' },
  { login: 'szkolenie', displayName: 'Szkolenie', signedOut: 'default' },
  // A closed mailbox ("Aktywny: Nie") cannot be signed in to: nothing to mark, whatever its name.
  { login: 'praktykant', displayName: 'Praktykant', signedOut: 'ok', inactive: true },
];

const address = (login: string) => `${login}@${DOMAIN}`;

/** Made with Postfix Admin's own command-line tool, as an administrator scripting it would. */
function seed(): void {
  const cli = (args: string[]) => run('php', [CLI, ...args]);
  cli([
    'domain',
    'add',
    DOMAIN,
    '--description',
    'Biuro Rachunkowe Nowak',
    '--aliases',
    '0',
    '--mailboxes',
    '0',
  ]);
  cli([
    'admin',
    'add',
    SIGN_IN.user,
    '--password',
    SIGN_IN.password,
    '--password2',
    SIGN_IN.password,
    '--superadmin',
    '1',
    '--active',
    '1',
  ]);
  SEEDED.forEach((user, i) => {
    const password = `Haslo-${i}-Biuro-${i + 10}!`;
    cli([
      'mailbox',
      'add',
      address(user.login),
      '--password',
      password,
      '--password2',
      password,
      '--name',
      user.displayName ?? '',
      '--active',
      user.inactive ? '0' : '1',
      '--welcome-mail',
      '0',
    ]);
  });
}

async function capture(): Promise<void> {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'pl-PL' });
  await page.goto(`${POSTFIXADMIN}/login.php`);
  await page.fill('input[name=fUsername]', SIGN_IN.user);
  await page.fill('input[name=fPassword]', SIGN_IN.password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit], input[type=submit]')]);
  await page.goto(`${POSTFIXADMIN}/list-virtual.php?domain=${DOMAIN}`);
  const rowSelector = '#mailbox_table tbody > tr';
  await page.waitForSelector(rowSelector);
  const shown = await page.$$eval(rowSelector, (rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll(':scope > td')].map((td) => td.textContent?.trim() ?? '');
      return { address: cells[1] ?? '', displayName: cells[3] ?? '', status: cells[5] ?? '' };
    }),
  );
  await saveFixture(page, NAME);
  await browser.close();

  const login = (shownAddress: string) => shownAddress.replace(`@${DOMAIN}`, '');
  const byLogin = labelsFor(
    SEEDED,
    shown.map((row) => login(row.address)),
  );
  writeJson(`${FIXTURE_FOLDER}/${NAME}.labels.json`, {
    page: `${NAME}.html`,
    description:
      "'Konta pocztowe' of an accounting office's Postfix Admin 3.3.13 (Debian bookworm's postfixadmin, Polish interface, signed in as a superadmin), closed mailboxes included, saved as drawn with scripts left out and stylesheets inline: a table with two <thead>s (a title row across the table, then the headers), whose columns are a colour bar, Email (the mailbox address, which is the login), Do (where mail goes), Nazwa (the name), Ostatnio zmodyfikowane, Aktywny (Tak or Nie, a link that switches it) and five columns of row actions under one header; the domain picker and the table of the domain's aliases (Alias, Do, Aktywny) above it as negatives. Polish people, desks, devices, shared mailboxes named in the name, guest, test and training mailboxes, and a closed trainee's mailbox.",
    userList: {
      layout: 'table',
      columns: ['username', 'displayName', 'status'],
      rowCount: shown.length,
      rowSelector,
      loginSelector: 'td:nth-child(2)',
    },
    rows: shown.map((row) => ({
      username: row.address,
      displayName: row.displayName,
      signedOut: byLogin.get(login(row.address))?.signedOut,
      status: row.status,
    })),
  });
  console.log(`${shown.length} mailboxes`);
}

await runStep('postfixadmin', { seed, capture });
