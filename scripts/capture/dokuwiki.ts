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
 * DokuWiki 2022-07-31b "Igor" (Debian bookworm's `dokuwiki` package), its user manager in German:
 * a table whose header holds a second row of filter inputs, a checkbox per user, groups, 20 users a
 * page. A tax office's wiki; users are made with the user manager's own command line
 * (`bin/plugin.php usermanager add`). How to set it up and run this: test/fixtures/pages/README.md.
 *
 *   node scripts/capture/dokuwiki.ts seed      # once, on a fresh install
 *   node scripts/capture/dokuwiki.ts capture   # saves every page and writes the labels
 */

const WIKI = process.env.DOKUWIKI_URL ?? 'http://127.0.0.1:8932';
const DOKUWIKI = '/usr/share/dokuwiki';
const NAME = 'dokuwiki-user-manager';
const SIGN_IN = { user: 'kwagner', password: 'Kanzlei-Capture-2026!' };
const DOMAIN = 'kanzlei-hartmann.example';

type WikiUser = SeedUser & { groups: string; mail?: string };

/** Made by Debian's package when it was installed, not seeded. */
const BUILT_IN: WikiUser[] = [
  { login: 'admin', displayName: 'DokuWiki Administrator', signedOut: 'default', groups: 'admin,user' },
];

const SEEDED: WikiUser[] = [
  { login: 'kwagner', displayName: 'Katrin Wagner', signedOut: 'ok', groups: 'admin,user' },
  { login: 'jmueller', displayName: 'Jörg Müller', signedOut: 'ok', groups: 'user,steuer' },
  { login: 'hschmidt', displayName: 'Hannah Schmidt', signedOut: 'ok', groups: 'user,steuer' },
  { login: 'kbauer', displayName: 'Klaus Bauer', signedOut: 'ok', groups: 'user,steuer' },
  { login: 'lweber', displayName: 'Lena Weber', signedOut: 'ok', groups: 'user,lohn' },
  { login: 'mfischer', displayName: 'Maximilian Fischer', signedOut: 'ok', groups: 'user,steuer' },
  { login: 'sbecker', displayName: 'Sabine Becker', signedOut: 'ok', groups: 'user,lohn' },
  { login: 'tkoch', displayName: 'Tobias Koch', signedOut: 'ok', groups: 'user' },
  { login: 'ahoffmann', displayName: 'Anja Hoffmann', signedOut: 'ok', groups: 'user,fibu' },
  { login: 'nschulz', displayName: 'Niklas Schulz', signedOut: 'ok', groups: 'user,fibu' },
  { login: 'fschaefer', displayName: 'Felix Schäfer', signedOut: 'ok', groups: 'user,steuer' },
  { login: 'dneumann', displayName: 'Doris Neumann', signedOut: 'ok', groups: 'user' },
  { login: 'lhartmann', displayName: 'Dr. Ludwig Hartmann', signedOut: 'ok', groups: 'admin,user,partner' },
  { login: 'mzimmermann', displayName: 'Monika Zimmermann', signedOut: 'ok', groups: 'user,partner' },
  { login: 'ewolf', displayName: 'Emil Wolf', signedOut: 'ok', groups: 'user' },
  { login: 'aoezdemir', displayName: 'Ayşe Özdemir', signedOut: 'ok', groups: 'user,lohn' },
  { login: 'claire.dubois', displayName: 'Claire Dubois', signedOut: 'ok', groups: 'user,international' },
  { login: 'agarcia', displayName: 'Ana García', signedOut: 'ok', groups: 'user,international' },
  { login: 'knowak', displayName: 'Katarzyna Nowak', signedOut: 'ok', groups: 'user,fibu' },
  { login: 'zvandenberg', displayName: 'Zoë van den Berg', signedOut: 'ok', groups: 'user,international' },
  { login: 'g.rossi', displayName: 'Giulia Rossi', signedOut: 'ok', groups: 'user' },
  { login: 'msantos', displayName: 'Mariana Santos', signedOut: 'ok', groups: 'user' },
  { login: 'ljohansson', displayName: 'Lars Johansson', signedOut: 'ok', groups: 'user' },
  { login: 'ehansen', displayName: 'Erik Hansen', signedOut: 'ok', groups: 'user' },
  { login: 'amelia.clarke', displayName: 'Amelia Clarke', signedOut: 'ok', groups: 'user,international' },
  { login: 'pwojcik', displayName: 'Paweł Wójcik', signedOut: 'ok', groups: 'user' },
  { login: 'sjanssens', displayName: 'Stijn Janssens', signedOut: 'ok', groups: 'user' },
  { login: 'bmoreau', displayName: 'Bénédicte Moreau', signedOut: 'ok', groups: 'user' },
  // Functions and desks, German first (compounds too), then the firm's other offices' languages.
  { login: 'empfang', displayName: 'Empfang', signedOut: 'generic', groups: 'user' },
  { login: 'buchhaltung', displayName: 'Buchhaltung', signedOut: 'generic', groups: 'user,fibu' },
  { login: 'lohnbuchhaltung', displayName: 'Lohnbuchhaltung', signedOut: 'generic', groups: 'user,lohn' },
  { login: 'finanzbuchhaltung', displayName: 'Finanzbuchhaltung', signedOut: 'generic', groups: 'user,fibu' },
  { login: 'sekretariat', displayName: 'Sekretariat', signedOut: 'generic', groups: 'user' },
  { login: 'poststelle', displayName: 'Poststelle', signedOut: 'generic', groups: 'user' },
  { login: 'telefonzentrale', displayName: 'Telefonzentrale', signedOut: 'generic', groups: 'user' },
  { login: 'personalabteilung', displayName: 'Personalabteilung', signedOut: 'generic', groups: 'user,lohn' },
  { login: 'kanzlei', displayName: 'Kanzlei Hartmann', signedOut: 'generic', groups: 'user' },
  { login: 'azubi', displayName: 'Azubi', signedOut: 'generic', groups: 'user' },
  { login: 'empfang2', displayName: 'Empfang 2. OG', signedOut: 'generic', groups: 'user' },
  { login: 'accueil', displayName: 'Accueil', signedOut: 'generic', groups: 'user,international' },
  { login: 'comptabilite', displayName: 'Comptabilité', signedOut: 'generic', groups: 'user,international' },
  { login: 'contabilidad', displayName: 'Contabilidad', signedOut: 'generic', groups: 'user,international' },
  { login: 'boekhouding', displayName: 'Boekhouding', signedOut: 'generic', groups: 'user,international' },
  { login: 'segreteria', displayName: 'Segreteria', signedOut: 'generic', groups: 'user,international' },
  {
    login: 'contabilidade',
    displayName: 'Contabilidade',
    signedOut: 'generic',
    groups: 'user,international',
  },
  { login: 'biuro', displayName: 'Biuro', signedOut: 'generic', groups: 'user' },
  { login: 'regnskab', displayName: 'Regnskab', signedOut: 'generic', groups: 'user' },
  // Devices and rooms.
  { login: 'scanner', displayName: 'Scanner Poststelle', signedOut: 'generic', groups: 'user' },
  { login: 'kopierer-eg', displayName: 'Kopierer EG', signedOut: 'generic', groups: 'user' },
  { login: 'besprechungsraum', displayName: 'Besprechungsraum', signedOut: 'generic', groups: 'user' },
  { login: 'konferenzraum2', displayName: 'Konferenzraum 2', signedOut: 'generic', groups: 'user' },
  // Logins two or more people share.
  { login: 'schmidt', displayName: 'Familie Schmidt', signedOut: 'shared', groups: 'user' },
  { login: 'koch.anna', displayName: 'Herbert und Anna Koch', signedOut: 'shared', groups: 'user' },
  { login: 'marie.paul', displayName: 'Marie et Paul', signedOut: 'shared', groups: 'user,international' },
  { login: 'janenpiet', displayName: 'Jan en Piet', signedOut: 'shared', groups: 'user,international' },
  { login: 'duo.fibu', displayName: 'Petra + Uwe', signedOut: 'shared', groups: 'user,fibu' },
  // Guest, test and training logins.
  { login: 'gast', displayName: 'Gast', signedOut: 'default', groups: 'user' },
  { login: 'test', displayName: 'Test', signedOut: 'default', groups: 'user' },
  { login: 'test2', displayName: 'Testbenutzer', signedOut: 'default', groups: 'user' },
  { login: 'schulung', displayName: 'Schulung', signedOut: 'default', groups: 'user' },
  { login: 'reception', displayName: 'Reception', signedOut: 'generic', groups: 'user' },
  { login: 'accounts', displayName: 'Accounts', signedOut: 'generic', groups: 'user,fibu' },
];

function seed(): void {
  SEEDED.forEach((user, i) => {
    const password = user.login === SIGN_IN.user ? SIGN_IN.password : `Kanzlei-${i}-Passwort!`;
    run('php', [
      `${DOKUWIKI}/bin/plugin.php`,
      'usermanager',
      'add',
      user.login,
      user.mail ?? `${user.login}@${DOMAIN}`,
      user.displayName ?? user.login,
      user.groups,
      password,
    ]);
  });
}

async function capture(): Promise<void> {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  await page.goto(`${WIKI}/doku.php?id=start&do=login`);
  await page.fill('input[name=u]', SIGN_IN.user);
  await page.fill('input[name=p]', SIGN_IN.password);
  await Promise.all([page.waitForNavigation(), page.click('#dw__login button[type=submit]')]);
  await page.goto(`${WIKI}/doku.php?id=start&do=admin&page=usermanager`);

  const rowSelector = '#user__manager tr.user_info';
  const pageFiles: { file: string; url: string }[] = [];
  const shown: { login: string; displayName: string; role: string }[] = [];
  for (;;) {
    const rows = await page.$$eval(rowSelector, (trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
        return { login: cells[1] ?? '', displayName: cells[2] ?? '', role: cells[4] ?? '' };
      }),
    );
    const name = pageFiles.length === 0 ? NAME : `${NAME}.page-${pageFiles.length + 1}`;
    await saveFixture(page, name);
    const start = await page.$eval(
      '#user__manager input[name=start]',
      (input) => (input as HTMLInputElement).value,
    );
    // The pager is a form posted with fn[next]; each page is the list from `start`.
    pageFiles.push({
      file: `${name}.html`,
      url: `/doku.php?id=start&do=admin&page=usermanager&start=${start}`,
    });
    shown.push(...rows);
    const next = page.locator('#user__manager button[name="fn[next]"]');
    if ((await next.count()) === 0 || (await next.isDisabled())) break;
    await Promise.all([page.waitForNavigation(), next.click()]);
  }
  await browser.close();

  const byLogin = labelsFor(
    [...BUILT_IN, ...SEEDED],
    shown.map((row) => row.login),
  );
  const pageSize = 20;
  writeJson(`${FIXTURE_FOLDER}/${NAME}.labels.json`, {
    page: `${NAME}.html`,
    description:
      "User manager of a tax office's DokuWiki 2022-07-31b 'Igor' (Debian bookworm's package, German interface, signed in as a superuser), 20 users a page over every page, saved as drawn with scripts left out and stylesheets inline: a table whose <thead> holds the headers (Benutzer, Voller Name, E-Mail, Gruppen) and then a row of filter inputs with a Filter button, a checkbox per user row to delete it, the login as a link to edit the user, comma-separated groups; the pager is a row of buttons in the table's foot. Logins and names in German, French, Spanish, Dutch, Italian, Portuguese, Polish, Danish/Swedish and English. The add-user and import forms, the wiki's menus and footer as negatives.",
    userList: {
      layout: 'table',
      columns: ['username', 'displayName', 'email', 'role'],
      rowCount: shown.length,
      rowSelector,
      loginSelector: 'td:nth-child(2)',
    },
    pageSize,
    pageFiles,
    rows: shown.map((row, i) => ({
      username: row.login,
      displayName: row.displayName,
      signedOut: byLogin.get(row.login)?.signedOut,
      role: row.role,
      page: Math.floor(i / pageSize) + 1,
    })),
  });
  console.log(`${shown.length} users on ${pageFiles.length} pages`);
}

await runStep('dokuwiki', { seed, capture });
