import {
  FIXTURE_FOLDER,
  labelsFor,
  launch,
  loginsOnPage,
  run,
  runStep,
  type SeedUser,
  saveFixture,
  writeJson,
} from './capture-page.ts';

/**
 * MediaWiki 1.39 (Debian bookworm's `mediawiki` package), Special:ListUsers 20 at a time: a `<ul>`
 * list of users, paged. A multilingual clinic group's wiki; its users are made with the wiki's own
 * maintenance/createAndPromote.php and one is blocked with maintenance/blockUsers.php.
 * How to set the wiki up and run this: test/fixtures/pages/README.md, "MediaWiki".
 *
 *   node scripts/capture/mediawiki.ts seed      # once, on a freshly installed wiki
 *   node scripts/capture/mediawiki.ts capture   # saves every page and writes the labels
 */

const WIKI = process.env.WIKI_URL ?? 'http://127.0.0.1:8931';
const MEDIAWIKI = '/var/lib/mediawiki';
const NAME = 'mediawiki-list-users';
const SIGN_IN = { user: 'Sanne de Vries', password: 'Praktijk-Capture-2026!' };

type WikiUser = SeedUser & { groups?: string[]; blocked?: boolean };

/** Made by the installer, not seeded: the first administrator and the wiki's own system account. */
const BUILT_IN: WikiUser[] = [
  { login: 'Admin', signedOut: 'default' },
  { login: 'MediaWiki default', signedOut: 'generic' },
];

const SEEDED: WikiUser[] = [
  // People, as a wiki names them: "First Last" or a login, the first letter made upper-case.
  { login: 'Sanne de Vries', signedOut: 'ok', groups: ['bureaucrat', 'sysop'] },
  { login: 'Ana García', signedOut: 'ok' },
  { login: 'Claire.dubois', signedOut: 'ok' },
  { login: 'Jmüller', signedOut: 'ok' },
  { login: 'Pieter Bakker', signedOut: 'ok', groups: ['sysop'] },
  { login: 'Lars Johansson', signedOut: 'ok' },
  { login: 'Ingrid Haugen', signedOut: 'ok' },
  { login: 'Mette Kristensen', signedOut: 'ok' },
  { login: 'Agnieszka Wiśniewska', signedOut: 'ok' },
  { login: 'Piotr Kowalski', signedOut: 'ok' },
  { login: 'Giulia Romano', signedOut: 'ok' },
  { login: 'Marco Bianchi', signedOut: 'ok', blocked: true },
  { login: 'João Silva', signedOut: 'ok' },
  { login: 'Inês Ferreira', signedOut: 'ok' },
  { login: 'Élodie Martin', signedOut: 'ok' },
  { login: 'Björn Lindqvist', signedOut: 'ok' },
  { login: 'Søren Nielsen', signedOut: 'ok' },
  { login: 'Zoë van den Berg', signedOut: 'ok' },
  { login: 'Amelia Clarke', signedOut: 'ok' },
  { login: 'Thabo Nkosi', signedOut: 'ok' },
  { login: 'Mei Lin', signedOut: 'ok' },
  { login: 'Hannah Schmidt', signedOut: 'ok' },
  { login: 'Lucía Fernández', signedOut: 'ok' },
  { login: 'Javier Morales', signedOut: 'ok' },
  { login: 'François Lefèvre', signedOut: 'ok' },
  { login: 'Katarzyna Nowak', signedOut: 'ok' },
  { login: 'Matteo Ricci', signedOut: 'ok' },
  { login: 'Rui Costa', signedOut: 'ok' },
  { login: 'Emma Jansen', signedOut: 'ok' },
  { login: 'Noah Peeters', signedOut: 'ok' },
  { login: 'Kbecker', signedOut: 'ok' },
  { login: 'Mvisser', signedOut: 'ok' },
  { login: 'Sfernandes', signedOut: 'ok' },
  { login: 'Astrid Berg', signedOut: 'ok' },
  { login: 'Oskar Andersson', signedOut: 'ok' },
  // Front desks, offices and bookkeeping, in the firm's languages.
  { login: 'Empfang', signedOut: 'generic' },
  { login: 'Buchhaltung', signedOut: 'generic' },
  { login: 'Praxisempfang', signedOut: 'generic' },
  { login: 'Sekretariat', signedOut: 'generic' },
  { login: 'Accueil', signedOut: 'generic' },
  { login: 'Comptabilite', signedOut: 'generic' },
  { login: 'Réception Lyon', signedOut: 'generic' },
  { login: 'Recepcion', signedOut: 'generic' },
  { login: 'Secretaria', signedOut: 'generic' },
  { login: 'Balie', signedOut: 'generic' },
  { login: 'Secretariaat', signedOut: 'generic' },
  { login: 'Facturatie', signedOut: 'generic' },
  { login: 'Contabilita', signedOut: 'generic' },
  { login: 'Segreteria', signedOut: 'generic' },
  { login: 'Recepcao', signedOut: 'generic' },
  { login: 'Recepcja', signedOut: 'generic' },
  { login: 'Ksiegowosc', signedOut: 'generic' },
  { login: 'Kontor', signedOut: 'generic' },
  { login: 'Bogholderi', signedOut: 'generic' },
  { login: 'Receptionen', signedOut: 'generic' },
  { login: 'Reception', signedOut: 'generic' },
  { login: 'Front Desk', signedOut: 'generic' },
  { login: 'Night Shift', signedOut: 'generic' },
  // Rooms and devices.
  { login: 'Behandelkamer2', signedOut: 'generic' },
  { login: 'Behandlungsraum 3', signedOut: 'generic' },
  { login: 'Wachtkamer', signedOut: 'generic' },
  { login: 'Ultrasound', signedOut: 'generic' },
  { login: 'Labo', signedOut: 'generic' },
  { login: 'Röntgen', signedOut: 'generic' },
  { login: 'Sala Ecografia', signedOut: 'generic' },
  { login: 'Scanner bot', signedOut: 'generic', groups: ['bot'] },
  // Logins two or more people share.
  { login: 'Familie Schmidt', signedOut: 'shared' },
  { login: 'Jan en Piet', signedOut: 'shared' },
  { login: 'Marie et Paul', signedOut: 'shared' },
  { login: 'Carlos y Ana', signedOut: 'shared' },
  { login: 'Anna und Tom', signedOut: 'shared' },
  { login: 'Luca e Sara', signedOut: 'shared' },
  { login: 'Ola + Kari', signedOut: 'shared' },
  // Test, training and guest logins.
  { login: 'Gast', signedOut: 'default' },
  { login: 'Test', signedOut: 'default' },
  { login: 'Training', signedOut: 'default' },
  { login: 'Prueba', signedOut: 'default' },
  { login: 'Beheerder', signedOut: 'default', groups: ['sysop'] },
];

const PAGE_SIZE = 20;

function seed(): void {
  const php = (script: string, args: string[], input?: string) =>
    run('php', [`${MEDIAWIKI}/maintenance/${script}`, ...args], input);
  SEEDED.forEach((user, i) => {
    const password = user.login === SIGN_IN.user ? SIGN_IN.password : `Praktijk-${i}-Wachtwoord!`;
    const flags = (user.groups ?? []).map((group) => `--${group}`);
    php('createAndPromote.php', [...flags, user.login, password]);
  });
  const blocked = SEEDED.filter((user) => user.blocked).map((user) => user.login);
  php(
    'blockUsers.php',
    ['--performer', SIGN_IN.user, '--reason', 'Left the practice'],
    `${blocked.join('\n')}\n`,
  );
}

async function capture(): Promise<void> {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  await page.goto(`${WIKI}/index.php?title=Special:UserLogin`);
  await page.fill('#wpName1', SIGN_IN.user);
  await page.fill('#wpPassword1', SIGN_IN.password);
  await Promise.all([page.waitForNavigation(), page.click('#wpLoginAttempt')]);

  const rowSelector = '#mw-content-text > ul > li';
  const loginSelector = 'a.mw-userlink';
  const pageFiles: { file: string; url: string }[] = [];
  const logins: string[] = [];
  const shown = new Map<string, { role?: string; status?: string }>();
  let url: string | null = `/index.php?title=Special:ListUsers&limit=${PAGE_SIZE}`;
  while (url) {
    await page.goto(`${WIKI}${url}`);
    const onPage = await loginsOnPage(page, rowSelector, loginSelector);
    const name = pageFiles.length === 0 ? NAME : `${NAME}.page-${pageFiles.length + 1}`;
    await saveFixture(page, name);
    pageFiles.push({ file: `${name}.html`, url });
    logins.push(...onPage);
    // The groups in parentheses after the tool links, and "(blocked)", as the list writes them.
    const details = await page.$$eval(rowSelector, (items) =>
      items.map((item) => {
        const copy = item.cloneNode(true) as Element;
        copy.querySelector('.mw-usertoollinks')?.remove();
        const parts = [...(copy.textContent ?? '').matchAll(/\(([^()]*)\)/g)].map((m) => m[1]?.trim() ?? '');
        const role = parts.find((part) => part && !part.startsWith('Created on') && part !== 'blocked');
        return { role, status: parts.includes('blocked') ? 'blocked' : undefined };
      }),
    );
    onPage.forEach((login, i) => {
      shown.set(login, details[i] ?? {});
    });
    url = await page.$eval('a.mw-nextlink', (a) => a.getAttribute('href')).catch(() => null);
  }
  await browser.close();

  const byLogin = labelsFor([...BUILT_IN, ...SEEDED], logins);
  writeJson(`${FIXTURE_FOLDER}/${NAME}.labels.json`, {
    page: `${NAME}.html`,
    description:
      "Special:ListUsers of a clinic group's MediaWiki 1.39 (Debian bookworm's package, Vector skin, en-GB, signed in as a bureaucrat), 20 users a page over every page, saved as drawn with scripts left out and stylesheets inline: a <ul> with one <li> per user, the user link (usernames are often 'First Last'), then talk/contribs links, the groups in parentheses, the creation date and '(blocked)' for a blocked user. Logins in German, French, Spanish, Dutch, Italian, Portuguese, Polish, Danish/Norwegian/Swedish and English. The menus, personal tools, footer and pager links as negatives.",
    userList: {
      layout: 'list',
      columns: ['username', 'displayName'],
      rowCount: logins.length,
      rowSelector,
      loginSelector,
    },
    pageSize: PAGE_SIZE,
    pageFiles,
    rows: logins.map((login, i) => ({
      username: login,
      displayName: login,
      signedOut: byLogin.get(login)?.signedOut,
      ...shown.get(login),
      page: Math.floor(i / PAGE_SIZE) + 1,
    })),
  });
  console.log(`${logins.length} users on ${pageFiles.length} pages`);
}

await runStep('mediawiki', { seed, capture });
