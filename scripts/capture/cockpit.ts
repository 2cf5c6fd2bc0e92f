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
 * Cockpit 287 (Debian bookworm's `cockpit-ws`, `cockpit-system`), its Accounts page in Swedish: a
 * single-page app that draws a PatternFly table with role="grid" after load, one row per account, its
 * groups as coloured labels ("admin (sudo)" in gold). A Nordic dental clinic's server; the accounts
 * are the system's own, made with `useradd` (what Cockpit's "Create new account" runs) and one
 * password set with `chpasswd`. How to set it up and run this: test/fixtures/pages/README.md.
 *
 *   node scripts/capture/cockpit.ts seed      # once, as root, on the machine Cockpit serves
 *   node scripts/capture/cockpit.ts capture   # saves the page and writes the labels
 */

const COCKPIT = process.env.COCKPIT_URL ?? 'http://127.0.0.1:9090';
const NAME = 'cockpit-accounts';
const SIGN_IN = { user: 'ekarlsson', password: 'Klinik-Capture-2026!' };

type Account = SeedUser & { groups?: string[] };

/** Accounts the machine had before any was seeded (the list shows root and every login account). */
const BUILT_IN: Account[] = [
  { login: 'root', displayName: 'root', signedOut: 'default' },
  { login: 'cloudsdk', displayName: '', signedOut: 'generic' },
];

const SEEDED: Account[] = [
  { login: 'ekarlsson', displayName: 'Erik Karlsson', signedOut: 'ok', groups: ['sudo', 'klinik'] },
  { login: 'alindstrom', displayName: 'Åsa Lindström', signedOut: 'ok', groups: ['klinik'] },
  { login: 'bjohansson', displayName: 'Björn Johansson', signedOut: 'ok', groups: ['sudo', 'klinik'] },
  { login: 'kolsen', displayName: 'Kari Olsen', signedOut: 'ok', groups: ['klinik'] },
  { login: 'mhansen', displayName: 'Mette Hansen', signedOut: 'ok', groups: ['klinik'] },
  { login: 'snielsen', displayName: 'Søren Nielsen', signedOut: 'ok', groups: ['klinik'] },
  { login: 'ipedersen', displayName: 'Ida Pedersen', signedOut: 'ok', groups: ['ekonomer'] },
  { login: 'mzielinska', displayName: 'Magdalena Zielińska', signedOut: 'ok', groups: ['klinik'] },
  { login: 'pdabrowski', displayName: 'Paweł Dąbrowski', signedOut: 'ok', groups: ['klinik'] },
  { login: 'avisser', displayName: 'Anouk Visser', signedOut: 'ok', groups: ['klinik'] },
  { login: 'lvirtanen', displayName: 'Liisa Virtanen', signedOut: 'ok', groups: ['klinik'] },
  { login: 'hberg', displayName: 'Henrik Berg', signedOut: 'ok', groups: ['ekonomer'] },
  { login: 'tlarsen', displayName: 'Trine Larsen', signedOut: 'ok', groups: ['klinik'] },
  { login: 'oeriksson', displayName: 'Oskar Eriksson', signedOut: 'ok', groups: ['klinik'] },
  // Desks and functions: Swedish, Norwegian, Danish, Polish.
  { login: 'receptionen', displayName: 'Receptionen', signedOut: 'generic', groups: ['reception'] },
  { login: 'expedition', displayName: 'Expeditionen', signedOut: 'generic', groups: ['reception'] },
  { login: 'kassa', displayName: 'Kassa', signedOut: 'generic', groups: ['reception'] },
  { login: 'ekonomi', displayName: 'Ekonomi', signedOut: 'generic', groups: ['ekonomer'] },
  { login: 'kontor', displayName: 'Kontoret', signedOut: 'generic', groups: ['ekonomer'] },
  { login: 'resepsjon', displayName: 'Resepsjon', signedOut: 'generic', groups: ['reception'] },
  { login: 'regnskap', displayName: 'Regnskap', signedOut: 'generic', groups: ['ekonomer'] },
  { login: 'bogholderi', displayName: 'Bogholderi', signedOut: 'generic', groups: ['ekonomer'] },
  { login: 'rejestracja', displayName: 'Rejestracja', signedOut: 'generic', groups: ['reception'] },
  { login: 'tandlakare1', displayName: 'Tandläkare 1', signedOut: 'generic', groups: ['klinik'] },
  { login: 'hygienist', displayName: 'Tandhygienist', signedOut: 'generic', groups: ['klinik'] },
  { login: 'nattjour', displayName: 'Nattjour', signedOut: 'generic', groups: ['klinik'] },
  // Rooms and devices.
  { login: 'sterilen', displayName: 'Sterilen', signedOut: 'generic', groups: ['klinik'] },
  { login: 'rontgen', displayName: 'Röntgen', signedOut: 'generic', groups: ['klinik'] },
  { login: 'behandling2', displayName: 'Behandlingsrum 2', signedOut: 'generic', groups: ['klinik'] },
  { login: 'vantrum', displayName: 'Väntrum kiosk', signedOut: 'generic', groups: ['reception'] },
  { login: 'skrivare', displayName: 'Skrivare', signedOut: 'generic' },
  // Logins two people share.
  { login: 'familjenberg', displayName: 'Familjen Berg', signedOut: 'shared', groups: ['klinik'] },
  { login: 'annaochper', displayName: 'Anna och Per', signedOut: 'shared', groups: ['ekonomer'] },
  { login: 'kariogola', displayName: 'Kari og Ola', signedOut: 'shared', groups: ['klinik'] },
  { login: 'martaipiotr', displayName: 'Marta i Piotr', signedOut: 'shared', groups: ['klinik'] },
  { login: 'lisbethjens', displayName: 'Lisbeth + Jens', signedOut: 'shared', groups: ['reception'] },
  // Test and guest logins.
  { login: 'test', displayName: 'Test', signedOut: 'default' },
  { login: 'testbruker', displayName: 'Testbruker', signedOut: 'default' },
  { login: 'gaest', displayName: 'Gæst', signedOut: 'default' },
  { login: 'demo', displayName: 'Demo', signedOut: 'default' },
];

function accountExists(login: string): boolean {
  try {
    run('getent', ['passwd', login]);
    return true;
  } catch {
    return false;
  }
}

function seed(): void {
  for (const group of ['klinik', 'ekonomer', 'reception']) run('groupadd', ['-f', group]);
  for (const user of SEEDED) {
    if (accountExists(user.login)) continue;
    const groups = user.groups?.length ? ['-G', user.groups.join(',')] : [];
    run('useradd', ['-M', '-s', '/bin/bash', '-c', user.displayName ?? '', ...groups, user.login]);
  }
  run('chpasswd', [], `${SIGN_IN.user}:${SIGN_IN.password}\n`);
}

async function capture(): Promise<void> {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
  await page.goto(`${COCKPIT}/`);
  await page.fill('#login-user-input', SIGN_IN.user);
  await page.fill('#login-password-input', SIGN_IN.password);
  await page.click('#login-button');
  // The shell shows each page in its own frame; the Accounts page is that frame's document.
  await page.waitForSelector('iframe');
  await page.goto(`${COCKPIT}/users`);
  const frame = await (await page.waitForSelector('iframe[name$="/users"]')).contentFrame();
  if (!frame) throw new Error('no Accounts frame');
  const rowSelector = '#accounts-list tbody tr';
  await frame.waitForSelector(rowSelector);
  await frame.waitForTimeout(1500);
  const rows = await frame.$$eval(rowSelector, (trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')];
      const login = cells[0]?.querySelector('a')?.textContent?.trim() ?? '';
      return { login, displayName: cells[1]?.textContent?.trim() ?? '' };
    }),
  );
  await saveFixture(frame, NAME);
  await page.screenshot({ path: `test-results/${NAME}.png` });
  await browser.close();

  const byLogin = labelsFor(
    [...BUILT_IN, ...SEEDED],
    rows.map((row) => row.login),
  );
  writeJson(`${FIXTURE_FOLDER}/${NAME}.labels.json`, {
    page: `${NAME}.html`,
    description:
      "Accounts page ('Konton') of Cockpit 287 (Debian bookworm's package, Swedish interface, signed in as an administrator), the document of the shell's frame that shows it, saved as the single-page app drew it with scripts left out and stylesheets inline: a PatternFly table with role=grid in a card, one row per account with the username as a link, full name, user ID, last active, and the account's groups as coloured labels ('admin (sudo)' in gold). Logins and names in Swedish, Norwegian, Danish, Polish, Dutch and Finnish. The card header's buttons and the groups list as negatives.",
    rendersAfterLoad: false,
    userList: {
      layout: 'aria',
      columns: ['username', 'displayName'],
      rowCount: rows.length,
      rowSelector,
      loginSelector: 'td:first-child a',
    },
    rows: rows.map((row) => ({
      username: row.login,
      displayName: row.displayName,
      signedOut: byLogin.get(row.login)?.signedOut,
    })),
  });
  console.log(`${rows.length} accounts`);
}

await runStep('cockpit', { seed, capture });
