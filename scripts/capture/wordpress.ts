import type { Page } from 'playwright-core';
import {
  FIXTURE_FOLDER,
  labelsFor,
  launch,
  runStep,
  type SeedUser,
  saveFixture,
  writeJson,
} from './capture-page.ts';

/**
 * WordPress 6.1 (Debian bookworm's `wordpress` and `wordpress-l10n`) in French: Utilisateurs, a
 * table with a checkbox per user, the login with its avatar and row actions, name, e-mail, role and
 * post count, 20 a page, role filter links above. A Lyon and Brussels communication agency's site;
 * the site is installed with its own install form and each user is added with its own "Ajouter"
 * form (wp-admin/user-new.php). How to set it up and run this: test/fixtures/pages/README.md.
 *
 *   node scripts/capture/wordpress.ts seed      # once, on an empty database
 *   node scripts/capture/wordpress.ts capture   # saves every page and writes the labels
 */

const WP = process.env.WORDPRESS_URL ?? 'http://127.0.0.1:8934';
const NAME = 'wordpress-users';
const SIGN_IN = { user: 'cdubois', password: 'Agence-Capture-2026!' };
const DOMAIN = 'agence-rhone.example';

type WpRole = 'administrator' | 'editor' | 'author' | 'contributor' | 'subscriber';
type WpUser = SeedUser & { first?: string; last?: string; role: WpRole };

const SEEDED: WpUser[] = [
  { login: 'jmartin', first: 'Julien', last: 'Martin', signedOut: 'ok', role: 'editor' },
  { login: 's.bernard', first: 'Sophie', last: 'Bernard', signedOut: 'ok', role: 'editor' },
  { login: 'tpetit', first: 'Thomas', last: 'Petit', signedOut: 'ok', role: 'author' },
  { login: 'lrobert', first: 'Léa', last: 'Robert', signedOut: 'ok', role: 'author' },
  { login: 'nrichard', first: 'Nicolas', last: 'Richard', signedOut: 'ok', role: 'administrator' },
  { login: 'cdurand', first: 'Camille', last: 'Durand', signedOut: 'ok', role: 'author' },
  { login: 'elefebvre', first: 'Émilie', last: 'Lefèvre', signedOut: 'ok', role: 'contributor' },
  { login: 'fmoreau', first: 'François', last: 'Moreau', signedOut: 'ok', role: 'editor' },
  { login: 'mgirard', first: 'Manon', last: 'Girard', signedOut: 'ok', role: 'author' },
  { login: 'bfournier', first: 'Baptiste', last: 'Fournier', signedOut: 'ok', role: 'subscriber' },
  { login: 'hlambert', first: 'Hélène', last: 'Lambert', signedOut: 'ok', role: 'author' },
  { login: 'gfaure', first: 'Gaëlle', last: 'Faure', signedOut: 'ok', role: 'contributor' },
  { login: 'lmarino', first: 'Luca', last: 'Marino', signedOut: 'ok', role: 'author' },
  { login: 'fgreco', first: 'Francesca', last: 'Greco', signedOut: 'ok', role: 'author' },
  { login: 'asousa', first: 'Ana', last: 'Sousa', signedOut: 'ok', role: 'contributor' },
  { login: 'pmartins', first: 'Pedro', last: 'Martins', signedOut: 'ok', role: 'author' },
  { login: 'wpeeters', first: 'Wouter', last: 'Peeters', signedOut: 'ok', role: 'editor' },
  { login: 'ljacobs', first: 'Lotte', last: 'Jacobs', signedOut: 'ok', role: 'author' },
  { login: 'jmueller', first: 'Jörg', last: 'Müller', signedOut: 'ok', role: 'subscriber' },
  { login: 'amelia.clarke', first: 'Amelia', last: 'Clarke', signedOut: 'ok', role: 'author' },
  { login: 'kowalska.m', first: 'Marta', last: 'Kowalska', signedOut: 'ok', role: 'contributor' },
  { login: 'yboukhris', first: 'Yasmine', last: 'Boukhris', signedOut: 'ok', role: 'author' },
  // Desks and teams: French first, then Italian, Portuguese and Dutch (Flemish).
  { login: 'accueil', first: 'Accueil', signedOut: 'generic', role: 'subscriber' },
  { login: 'comptabilite', first: 'Comptabilité', signedOut: 'generic', role: 'subscriber' },
  { login: 'secretariat', first: 'Secrétariat', signedOut: 'generic', role: 'editor' },
  { login: 'standard', first: 'Standard', last: 'téléphonique', signedOut: 'generic', role: 'subscriber' },
  { login: 'redaction', first: 'Rédaction', signedOut: 'generic', role: 'editor' },
  { login: 'communication', first: 'Service', last: 'Communication', signedOut: 'generic', role: 'editor' },
  { login: 'rh', first: 'Ressources', last: 'humaines', signedOut: 'generic', role: 'author' },
  { login: 'direction', first: 'Direction', signedOut: 'generic', role: 'administrator' },
  { login: 'facturation', first: 'Facturation', signedOut: 'generic', role: 'subscriber' },
  { login: 'stagiaire', first: 'Stagiaire', signedOut: 'generic', role: 'contributor' },
  { login: 'service.client', first: 'Service', last: 'client', signedOut: 'generic', role: 'author' },
  { login: 'segreteria', first: 'Segreteria', signedOut: 'generic', role: 'author' },
  { login: 'amministrazione', first: 'Amministrazione', signedOut: 'generic', role: 'editor' },
  { login: 'redazione', first: 'Redazione', signedOut: 'generic', role: 'editor' },
  { login: 'redacao', first: 'Redação', signedOut: 'generic', role: 'editor' },
  { login: 'secretaria', first: 'Secretaria', signedOut: 'generic', role: 'author' },
  { login: 'redactie', first: 'Redactie', signedOut: 'generic', role: 'editor' },
  { login: 'onthaal', first: 'Onthaal', signedOut: 'generic', role: 'subscriber' },
  { login: 'boekhouding', first: 'Boekhouding', signedOut: 'generic', role: 'subscriber' },
  // Devices and rooms.
  { login: 'borne-accueil', first: 'Borne', last: 'accueil', signedOut: 'generic', role: 'subscriber' },
  { login: 'imprimante2', first: 'Imprimante', last: '2e étage', signedOut: 'generic', role: 'subscriber' },
  { login: 'salle-reunion', first: 'Salle de réunion', signedOut: 'generic', role: 'subscriber' },
  // Logins two or more people share.
  { login: 'famille.dupont', first: 'Famille', last: 'Dupont', signedOut: 'shared', role: 'subscriber' },
  { login: 'marie.paul', first: 'Marie et Paul', signedOut: 'shared', role: 'author' },
  { login: 'luca.sara', first: 'Luca e Sara', signedOut: 'shared', role: 'author' },
  { login: 'jan.piet', first: 'Jan en Piet', signedOut: 'shared', role: 'author' },
  { login: 'ana.pedro', first: 'Ana', last: 'e Pedro Sousa', signedOut: 'shared', role: 'contributor' },
  // Guest, test, training and placeholder logins.
  { login: 'invite', first: 'Invité', signedOut: 'default', role: 'subscriber' },
  { login: 'test', signedOut: 'default', role: 'subscriber' },
  { login: 'essai', first: 'Essai', signedOut: 'default', role: 'author' },
  { login: 'formation', first: 'Formation', signedOut: 'default', role: 'author' },
  { login: 'demo', first: 'Démo', signedOut: 'default', role: 'subscriber' },
  { login: 'webmestre', first: 'Webmestre', signedOut: 'default', role: 'administrator' },
];

/** The first administrator, made by the install form. */
const INSTALLER: WpUser = {
  login: SIGN_IN.user,
  first: 'Claire',
  last: 'Dubois',
  signedOut: 'ok',
  role: 'administrator',
};

async function signIn(page: Page): Promise<void> {
  await page.goto(`${WP}/wp-login.php`);
  await page.fill('#user_login', SIGN_IN.user);
  await page.fill('#user_pass', SIGN_IN.password);
  await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
}

async function seed(): Promise<void> {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  page.setDefaultTimeout(60_000);
  // The install form, in French.
  await page.goto(`${WP}/wp-admin/install.php?step=1&language=fr_FR`);
  await page.fill('#weblog_title', 'Agence Rhône Communication');
  await page.fill('#user_login', SIGN_IN.user);
  await page.fill('#pass1', SIGN_IN.password);
  await page.fill('#admin_email', `${SIGN_IN.user}@${DOMAIN}`);
  await Promise.all([page.waitForNavigation(), page.click('#submit')]);
  await signIn(page);
  await page.goto(`${WP}/wp-admin/profile.php`);
  await page.fill('#first_name', INSTALLER.first ?? '');
  await page.fill('#last_name', INSTALLER.last ?? '');
  await Promise.all([page.waitForNavigation(), page.click('#submit')]);
  for (const [i, user] of SEEDED.entries()) {
    await page.goto(`${WP}/wp-admin/user-new.php`);
    await page.fill('#user_login', user.login);
    await page.fill('#email', `${user.login}@${DOMAIN}`);
    if (user.first) await page.fill('#first_name', user.first);
    if (user.last) await page.fill('#last_name', user.last);
    await page.fill('#pass1', `Agence-${i}-MotDePasse!`);
    await page.uncheck('#send_user_notification');
    await page.selectOption('#role', user.role);
    await Promise.all([page.waitForNavigation(), page.click('#createusersub')]);
  }
  await browser.close();
}

async function capture(): Promise<void> {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  await signIn(page);
  const rowSelector = '#the-list tr';
  const pageFiles: { file: string; url: string }[] = [];
  const shown: { login: string; displayName: string; role: string }[] = [];
  let url: string | null = '/wp-admin/users.php';
  while (url) {
    await page.goto(new URL(url, WP).href);
    const rows = await page.$$eval(rowSelector, (trs) =>
      trs.map((tr) => ({
        login: tr.querySelector('td.username strong')?.textContent?.trim() ?? '',
        displayName: tr.querySelector('td.name')?.textContent?.trim() ?? '',
        role: tr.querySelector('td.role')?.textContent?.trim() ?? '',
      })),
    );
    const name = pageFiles.length === 0 ? NAME : `${NAME}.page-${pageFiles.length + 1}`;
    await saveFixture(page, name);
    const here = new URL(page.url());
    pageFiles.push({ file: `${name}.html`, url: `${here.pathname}${here.search}` });
    shown.push(...rows);
    url = await page.$eval('.tablenav.top a.next-page', (a) => a.getAttribute('href')).catch(() => null);
  }
  await browser.close();

  const byLogin = labelsFor(
    [INSTALLER, ...SEEDED],
    shown.map((row) => row.login),
  );
  const pageSize = 20;
  writeJson(`${FIXTURE_FOLDER}/${NAME}.labels.json`, {
    page: `${NAME}.html`,
    description:
      "Utilisateurs of a communication agency's WordPress 6.1 (Debian bookworm's package with wordpress-l10n, French interface, signed in as an administrator), 20 users a page over every page, saved as drawn with scripts left out and stylesheets inline: a WP_List_Table with a checkbox per user, the login with its avatar and row actions (Modifier, Supprimer, Voir), the name (empty where none was given, 'Famille Dupont' where a family shares the login), e-mail, role (Administrateur, Éditeur, Auteur, Contributeur, Abonné) and post count; role filter links, bulk actions, search and the pager above and below. Logins and names in French, Italian, Portuguese, Dutch (Flemish), German, Polish and English. The admin menu, toolbar and screen options as negatives.",
    userList: {
      layout: 'table',
      columns: ['username', 'displayName', 'email', 'role'],
      rowCount: shown.length,
      rowSelector,
      loginSelector: 'td.username strong',
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

await runStep('wordpress', { seed, capture });
