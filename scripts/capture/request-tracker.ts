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
 * Request Tracker 5.0.3 (Debian bookworm's `request-tracker5`), its user list in German: a
 * "collection" table whose "Name" column is the login, beside "Vollständiger Name", the e-mail
 * address and the status, every row a link to the user. A law firm's ticket desk; users are made
 * with RT's own Perl API. How to set it up and run this: test/fixtures/pages/README.md.
 *
 *   node scripts/capture/request-tracker.ts seed      # once, on a fresh install
 *   node scripts/capture/request-tracker.ts capture   # saves the page and writes the labels
 */

const RT = process.env.RT_URL ?? 'http://127.0.0.1:8937';
const RT_LIB = '/usr/share/request-tracker5/lib';
const NAME = 'request-tracker-users';
const SIGN_IN = { user: 'root', password: 'password' };
const DOMAIN = 'kanzlei-brandt.example';

type TrackerUser = SeedUser & { disabled?: boolean };

/** Made by RT's installer, not seeded (its password is the installer's default). */
const BUILT_IN: TrackerUser[] = [{ login: 'root', displayName: 'Enoch Root', signedOut: 'default' }];

const SEEDED: TrackerUser[] = [
  { login: 'abrandt', displayName: 'Dr. Andreas Brandt', signedOut: 'ok' },
  { login: 'svogel', displayName: 'Susanne Vogel', signedOut: 'ok' },
  { login: 'mkrueger', displayName: 'Martin Krüger', signedOut: 'ok' },
  { login: 'jwerner', displayName: 'Julia Werner', signedOut: 'ok' },
  { login: 'tlange', displayName: 'Thomas Lange', signedOut: 'ok' },
  { login: 'pschwarz', displayName: 'Petra Schwarz', signedOut: 'ok' },
  { login: 'fbraun', displayName: 'Florian Braun', signedOut: 'ok' },
  { login: 'czimmer', displayName: 'Carina Zimmer', signedOut: 'ok' },
  { login: 'rhofmann', displayName: 'Ralf Hofmann', signedOut: 'ok' },
  { login: 'kschmitt', displayName: 'Kerstin Schmitt', signedOut: 'ok' },
  { login: 'dyilmaz', displayName: 'Deniz Yılmaz', signedOut: 'ok' },
  { login: 'nkowalski', displayName: 'Natalia Kowalski', signedOut: 'ok' },
  { login: 'lpetrovic', displayName: 'Luka Petrović', signedOut: 'ok' },
  { login: 'ajansen', displayName: 'Anke Jansen', signedOut: 'ok' },
  { login: 'bwinter', displayName: 'Benedikt Winter', signedOut: 'ok' },
  { login: 'ehuber', displayName: 'Eva Huber', signedOut: 'ok' },
  { login: 'mmaier', displayName: 'Markus Maier', signedOut: 'ok' },
  { login: 'sfuchs', displayName: 'Sophie Fuchs', signedOut: 'ok' },
  { login: 'olenz', displayName: 'Oliver Lenz', signedOut: 'ok', disabled: true },
  { login: 'ifranke', displayName: 'Ingrid Franke', signedOut: 'ok' },
  // Desks and functions.
  { login: 'empfang', displayName: 'Empfang Kanzlei', signedOut: 'generic' },
  { login: 'sekretariat', displayName: 'Sekretariat', signedOut: 'generic' },
  { login: 'buchhaltung', displayName: 'Buchhaltung', signedOut: 'generic' },
  { login: 'it-support', displayName: 'IT-Support', signedOut: 'generic' },
  { login: 'helpdesk', displayName: 'Helpdesk', signedOut: 'generic' },
  { login: 'mandantenservice', displayName: 'Mandantenservice', signedOut: 'generic' },
  { login: 'fristenkontrolle', displayName: 'Fristenkontrolle', signedOut: 'generic' },
  { login: 'posteingang', displayName: 'Posteingang', signedOut: 'generic' },
  { login: 'zentrale', displayName: 'Telefonzentrale', signedOut: 'generic' },
  { login: 'datenschutz', displayName: 'Datenschutzbeauftragte', signedOut: 'generic' },
  { login: 'rechnungen', displayName: 'Rechnungseingang', signedOut: 'generic' },
  { login: 'backoffice', displayName: 'Backoffice', signedOut: 'generic' },
  // Devices and services.
  { login: 'scanner-2og', displayName: 'Scanner 2. OG', signedOut: 'generic' },
  { login: 'monitoring', displayName: 'Monitoring', signedOut: 'generic' },
  // Logins two people share.
  { login: 'vogel.lange', displayName: 'Susanne Vogel / Thomas Lange', signedOut: 'shared' },
  { login: 'azubis', displayName: 'Lea und Tim (Azubis)', signedOut: 'shared generic' },
  // Guest, test and training logins.
  { login: 'gast', displayName: 'Gast', signedOut: 'default' },
  { login: 'test', displayName: 'Test', signedOut: 'default' },
  { login: 'schulung', displayName: 'Schulung', signedOut: 'default' },
];

/** Made with RT's own Perl API (RT::User->Create), as its command-line tools do. */
function seed(): void {
  const users = SEEDED.map((user, i) => ({
    Name: user.login,
    RealName: user.displayName ?? '',
    EmailAddress: `${user.login}@${DOMAIN}`,
    Privileged: 1,
    Disabled: user.disabled ? 1 : 0,
    Password: `Kanzlei-${i}-Passwort!`,
  }));
  const script = `use lib '${RT_LIB}';
use RT; use JSON::PP;
RT::LoadConfig(); RT::Init();
my $users = JSON::PP->new->utf8->decode(scalar <STDIN>);
for my $fields (@$users) {
  my $user = RT::User->new(RT->SystemUser);
  my ($ok, $message) = $user->Create(%$fields);
  die "$fields->{Name}: $message\\n" unless $ok;
}
`;
  run('perl', ['-e', script], `${JSON.stringify(users)}\n`);
}

async function capture(): Promise<void> {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  await page.goto(`${RT}/`);
  await page.fill('input[name=user]', SIGN_IN.user);
  await page.fill('input[name=pass]', SIGN_IN.password);
  await Promise.all([page.waitForNavigation(), page.click('input[type=submit], button[type=submit]')]);
  // Reached from RT's own admin menu: RT refuses an admin page opened with no referrer.
  await page.goto(`${RT}/Admin/Users/`, { referer: `${RT}/Admin/` });
  const rowSelector = 'table.collection-as-table tbody.list-item > tr';
  await page.waitForSelector(rowSelector);
  const shown = await page.$$eval(rowSelector, (rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
      return { login: cells[1] ?? '', displayName: cells[2] ?? '', status: cells[5] ?? '' };
    }),
  );
  await saveFixture(page, NAME);
  await browser.close();

  const byLogin = labelsFor(
    [...BUILT_IN, ...SEEDED],
    shown.map((row) => row.login),
  );
  writeJson(`${FIXTURE_FOLDER}/${NAME}.labels.json`, {
    page: `${NAME}.html`,
    description:
      "'Benutzer auswählen' of a law firm's Request Tracker 5.0.3 (Debian bookworm's request-tracker5, German interface, signed in as root), disabled users included, saved as drawn with scripts left out and stylesheets inline: a collection table (a <tbody> per user, holding its row) whose columns are #, Name (the login), Vollständiger Name, E-Mail-Adresse and Status, each cell a link to the user; the search form above it and RT's menus as negatives. German people, desks, devices, shared logins named in the full name, guest, test and training logins.",
    userList: {
      layout: 'table',
      columns: ['username', 'displayName', 'email', 'status'],
      rowCount: shown.length,
      rowSelector,
      loginSelector: 'td:nth-child(2)',
    },
    rows: shown.map((row) => ({
      username: row.login,
      displayName: row.displayName,
      signedOut: byLogin.get(row.login)?.signedOut,
      status: row.status,
    })),
  });
  console.log(`${shown.length} users`);
}

await runStep('request-tracker', { seed, capture });
