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
 * Directus 10 (npm package `directus`) on SQLite, its User Directory in Dutch: a single-page app that
 * draws the users as a grid of cards (avatar, name, e-mail, which is the login) after load. A
 * Rotterdam physiotherapy practice; roles and users are made with Directus's own REST API
 * (`POST /roles`, `POST /users`). How to set it up and run this: test/fixtures/pages/README.md.
 *
 *   node scripts/capture/directus.ts seed      # once, on a freshly bootstrapped project
 *   node scripts/capture/directus.ts capture   # saves the page and writes the labels
 */

const DIRECTUS = process.env.DIRECTUS_URL ?? 'http://127.0.0.1:8935';
const NAME = 'directus-user-directory';
const DOMAIN = 'fysiomaas.example.com';
const SIGN_IN = { email: `s.devries@${DOMAIN}`, password: 'Praktijk-Capture-2026!' };
/** The first administrator, made by `directus bootstrap` from ADMIN_EMAIL and ADMIN_PASSWORD. */
export const BOOTSTRAP_ADMIN = { email: `beheer@${DOMAIN}`, password: 'Bootstrap-Capture-2026!' };

type Role = 'Administrator' | 'Fysiotherapeut' | 'Balie' | 'Administratie';
type DirectusUser = SeedUser & { first: string; last?: string; role: Role };

const BUILT_IN: DirectusUser[] = [
  { login: BOOTSTRAP_ADMIN.email, first: 'Admin', last: 'User', signedOut: 'default', role: 'Administrator' },
];

const SEEDED: DirectusUser[] = [
  { login: SIGN_IN.email, first: 'Sanne', last: 'de Vries', signedOut: 'ok', role: 'Administrator' },
  { login: `p.bakker@${DOMAIN}`, first: 'Pieter', last: 'Bakker', signedOut: 'ok', role: 'Fysiotherapeut' },
  { login: `e.jansen@${DOMAIN}`, first: 'Emma', last: 'Jansen', signedOut: 'ok', role: 'Fysiotherapeut' },
  { login: `n.peeters@${DOMAIN}`, first: 'Noah', last: 'Peeters', signedOut: 'ok', role: 'Fysiotherapeut' },
  { login: `m.visser@${DOMAIN}`, first: 'Maartje', last: 'Visser', signedOut: 'ok', role: 'Fysiotherapeut' },
  {
    login: `zoe.vandenberg@${DOMAIN}`,
    first: 'Zoë',
    last: 'van den Berg',
    signedOut: 'ok',
    role: 'Fysiotherapeut',
  },
  { login: `d.smit@${DOMAIN}`, first: 'Daan', last: 'Smit', signedOut: 'ok', role: 'Fysiotherapeut' },
  { login: `l.mulder@${DOMAIN}`, first: 'Lieke', last: 'Mulder', signedOut: 'ok', role: 'Administratie' },
  { login: `b.dewit@${DOMAIN}`, first: 'Bram', last: 'de Wit', signedOut: 'ok', role: 'Fysiotherapeut' },
  {
    login: `f.elamrani@${DOMAIN}`,
    first: 'Fatima',
    last: 'El Amrani',
    signedOut: 'ok',
    role: 'Fysiotherapeut',
  },
  { login: `t.yilmaz@${DOMAIN}`, first: 'Tarık', last: 'Yılmaz', signedOut: 'ok', role: 'Fysiotherapeut' },
  { login: `jmueller@${DOMAIN}`, first: 'Jörg', last: 'Müller', signedOut: 'ok', role: 'Fysiotherapeut' },
  {
    login: `claire.dubois@${DOMAIN}`,
    first: 'Claire',
    last: 'Dubois',
    signedOut: 'ok',
    role: 'Fysiotherapeut',
  },
  { login: `agarcia@${DOMAIN}`, first: 'Ana', last: 'García', signedOut: 'ok', role: 'Administratie' },
  { login: `k.nowak@${DOMAIN}`, first: 'Katarzyna', last: 'Nowak', signedOut: 'ok', role: 'Balie' },
  { login: `i.ferreira@${DOMAIN}`, first: 'Inês', last: 'Ferreira', signedOut: 'ok', role: 'Balie' },
  {
    login: `w.vermeulen@${DOMAIN}`,
    first: 'Wim',
    last: 'Vermeulen',
    signedOut: 'ok',
    role: 'Fysiotherapeut',
  },
  // Desks and functions, Dutch first.
  { login: `balie@${DOMAIN}`, first: 'Balie', signedOut: 'generic', role: 'Balie' },
  { login: `receptie@${DOMAIN}`, first: 'Receptie', signedOut: 'generic', role: 'Balie' },
  { login: `administratie@${DOMAIN}`, first: 'Administratie', signedOut: 'generic', role: 'Administratie' },
  { login: `facturatie@${DOMAIN}`, first: 'Facturatie', signedOut: 'generic', role: 'Administratie' },
  { login: `planning@${DOMAIN}`, first: 'Planning', signedOut: 'generic', role: 'Balie' },
  {
    login: `praktijkmanagement@${DOMAIN}`,
    first: 'Praktijkmanagement',
    signedOut: 'generic',
    role: 'Administrator',
  },
  { login: `secretariaat@${DOMAIN}`, first: 'Secretariaat', signedOut: 'generic', role: 'Administratie' },
  { login: `info@${DOMAIN}`, first: 'Info', signedOut: 'generic', role: 'Balie' },
  { login: `empfang@${DOMAIN}`, first: 'Empfang', signedOut: 'generic', role: 'Balie' },
  { login: `accueil@${DOMAIN}`, first: 'Accueil', signedOut: 'generic', role: 'Balie' },
  // Rooms and devices.
  {
    login: `behandelkamer2@${DOMAIN}`,
    first: 'Behandelkamer',
    last: '2',
    signedOut: 'generic',
    role: 'Fysiotherapeut',
  },
  { login: `oefenzaal@${DOMAIN}`, first: 'Oefenzaal', signedOut: 'generic', role: 'Fysiotherapeut' },
  { login: `echo@${DOMAIN}`, first: 'Echo', last: 'apparaat', signedOut: 'generic', role: 'Fysiotherapeut' },
  { login: `ultrasound@${DOMAIN}`, first: 'Ultrasound', signedOut: 'generic', role: 'Fysiotherapeut' },
  { login: `labo@${DOMAIN}`, first: 'Labo', signedOut: 'generic', role: 'Fysiotherapeut' },
  { login: `wachtkamer@${DOMAIN}`, first: 'Wachtkamer', last: 'tablet', signedOut: 'generic', role: 'Balie' },
  // Logins two or more people share.
  { login: `janenpiet@${DOMAIN}`, first: 'Jan en Piet', signedOut: 'shared', role: 'Fysiotherapeut' },
  {
    login: `familie.schmidt@${DOMAIN}`,
    first: 'Familie',
    last: 'Schmidt',
    signedOut: 'shared',
    role: 'Balie',
  },
  { login: `anouk.lisa@${DOMAIN}`, first: 'Anouk & Lisa', signedOut: 'shared', role: 'Balie' },
  { login: `stagiairs@${DOMAIN}`, first: 'Stagiairs', signedOut: 'generic', role: 'Fysiotherapeut' },
  // Test and guest logins.
  { login: `test@${DOMAIN}`, first: 'Test', signedOut: 'default', role: 'Balie' },
  { login: `gast@${DOMAIN}`, first: 'Gast', signedOut: 'default', role: 'Balie' },
  { login: `proef@${DOMAIN}`, first: 'Proefaccount', signedOut: 'default', role: 'Balie' },
];

async function api<T>(path: string, token: string | null, body?: unknown, method = 'POST'): Promise<T> {
  const response = await fetch(`${DIRECTUS}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: T }).data;
}

async function seed(): Promise<void> {
  const { access_token: token } = await api<{ access_token: string }>('/auth/login', null, BOOTSTRAP_ADMIN);
  const existing = await api<{ id: string; name: string }[]>('/roles', token, undefined, 'GET');
  const roles = new Map(existing.map((role) => [role.name, role.id]));
  for (const name of ['Fysiotherapeut', 'Balie', 'Administratie'] as const)
    if (!roles.has(name))
      roles.set(name, (await api<{ id: string }>('/roles', token, { name, app_access: true })).id);
  for (const [i, user] of SEEDED.entries())
    await api('/users', token, {
      email: user.login,
      password: user.login === SIGN_IN.email ? SIGN_IN.password : `Praktijk-${i}-Wachtwoord!`,
      first_name: user.first,
      last_name: user.last ?? null,
      role: roles.get(user.role),
      language: 'nl-NL',
    });
}

async function capture(): Promise<void> {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  await page.goto(`${DIRECTUS}/admin/login`);
  await page.fill('input[type=email]', SIGN_IN.email);
  await page.fill('input[type=password]', SIGN_IN.password);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/admin\/(?!login)/);
  await page.goto(`${DIRECTUS}/admin/users`);
  const rowSelector = '.layout-cards .card';
  await page.waitForSelector(rowSelector);
  await page.waitForTimeout(2000);
  const readCards = () =>
    page.$$eval(rowSelector, (elements) =>
      elements.map((card) => ({
        // The name as written, without the "--" the app draws for an empty last name.
        title: [...(card.querySelector('.title')?.querySelectorAll('span:not(.null)') ?? [])]
          .map((span) => span.textContent)
          .join('')
          .trim(),
        subtitle: card.querySelector('.subtitle')?.textContent?.trim() ?? '',
      })),
    );
  // The app remembers the page last shown: start from the first.
  const first = page.locator('.layout-cards .v-pagination .page:not(.active) button', { hasText: /^1$/ });
  if ((await first.count()) > 0) {
    await first.click();
    await page.waitForTimeout(2000);
  }
  // 25 cards a page; the app's pager redraws the grid in place, at the same address.
  const pageFiles: { file: string; url: string }[] = [];
  const cards: { title: string; subtitle: string }[] = [];
  for (;;) {
    const onPage = await readCards();
    const name = pageFiles.length === 0 ? NAME : `${NAME}.page-${pageFiles.length + 1}`;
    await saveFixture(page, name);
    pageFiles.push({ file: `${name}.html`, url: '/admin/users' });
    cards.push(...onPage);
    const next = page.locator('.layout-cards .v-pagination .next button');
    if ((await next.count()) === 0 || (await next.isDisabled())) break;
    await next.click();
    await page.waitForFunction(
      ([selector, first]) => document.querySelector(`${selector} .subtitle`)?.textContent?.trim() !== first,
      [rowSelector, onPage[0]?.subtitle ?? ''] as const,
    );
    await page.waitForTimeout(1000);
  }
  await browser.close();

  const byLogin = labelsFor(
    [...BUILT_IN, ...SEEDED],
    cards.map((card) => card.subtitle),
    'cards',
  );
  const pageSize = 25;
  writeJson(`${FIXTURE_FOLDER}/${NAME}.labels.json`, {
    page: `${NAME}.html`,
    description:
      "User Directory ('Gebruikersmap') of a physiotherapy practice's Directus 10 (npm package, SQLite, Dutch interface, signed in as an administrator), saved as the single-page app drew it with scripts left out and stylesheets inline: 25 users a page over both pages (the app's pager redraws the grid in place), a grid of div cards with no list or grid roles, each an avatar placeholder, a title (first and last name) and a subtitle (the e-mail, which is the login), a selection circle; the app's navigation, the module bar and the sidebar as negatives. Logins and names in Dutch, German, French, Spanish, Polish, Portuguese and Turkish.",
    userList: {
      layout: 'cards',
      columns: ['username', 'displayName'],
      rowCount: cards.length,
      rowSelector,
      loginSelector: '.subtitle',
    },
    pageSize,
    pageFiles,
    rows: cards.map((card, i) => ({
      username: card.subtitle,
      displayName: card.title,
      signedOut: byLogin.get(card.subtitle)?.signedOut,
      page: Math.floor(i / pageSize) + 1,
    })),
  });
  console.log(`${cards.length} cards`);
}

await runStep('directus', { seed, capture });
