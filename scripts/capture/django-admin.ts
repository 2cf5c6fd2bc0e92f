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
 * Django 3.2's admin (Debian bookworm's `python3-django`), its user list in French: the changelist
 * table every Django back office has, the login in a `<th>` of each row, first and last names in
 * columns of their own, the staff status as an icon, a checkbox per row for the bulk actions, the
 * filters in a sidebar. A travel agency's booking back office; users are made with Django's own
 * `manage.py shell`. How to set it up and run this: test/fixtures/pages/README.md.
 *
 *   node scripts/capture/django-admin.ts seed      # once, on a fresh project
 *   node scripts/capture/django-admin.ts capture   # saves the page and writes the labels
 */

const ADMIN = process.env.DJANGO_URL ?? 'http://127.0.0.1:8936';
const PROJECT = process.env.DJANGO_PROJECT ?? '/var/lib/rollcall-capture/django';
const NAME = 'django-admin-users';
const SIGN_IN = { user: 'cmartin', password: 'Agence-Capture-2026!' };
const DOMAIN = 'voyages-saone-rhone.example';

type AdminUser = SeedUser & { first: string; last: string; staff?: boolean; superuser?: boolean };

const SEEDED: AdminUser[] = [
  { login: 'cmartin', first: 'Camille', last: 'Martin', signedOut: 'ok', staff: true, superuser: true },
  { login: 'jbernard', first: 'Julien', last: 'Bernard', signedOut: 'ok', staff: true },
  { login: 'l.dubois', first: 'Léa', last: 'Dubois', signedOut: 'ok', staff: true },
  { login: 'tthomas', first: 'Thomas', last: 'Thomas', signedOut: 'ok' },
  { login: 'mrobert', first: 'Manon', last: 'Robert', signedOut: 'ok' },
  { login: 'hrichard', first: 'Hugo', last: 'Richard', signedOut: 'ok' },
  { login: 'cpetit', first: 'Chloé', last: 'Petit', signedOut: 'ok' },
  { login: 'ldurand', first: 'Lucas', last: 'Durand', signedOut: 'ok' },
  { login: 'eleroy', first: 'Emma', last: 'Leroy', signedOut: 'ok' },
  { login: 'nmoreau', first: 'Nathan', last: 'Moreau', signedOut: 'ok', staff: true },
  { login: 'isimon', first: 'Inès', last: 'Simon', signedOut: 'ok' },
  { login: 'alaurent', first: 'Antoine', last: 'Laurent', signedOut: 'ok' },
  { login: 'glefebvre', first: 'Gabriel', last: 'Lefèvre', signedOut: 'ok' },
  { login: 'smichel', first: 'Sarah', last: 'Michel', signedOut: 'ok' },
  { login: 'rgarcia', first: 'Raphaël', last: 'García', signedOut: 'ok' },
  { login: 'zbenali', first: 'Zineb', last: 'Benali', signedOut: 'ok' },
  { login: 'kdiallo', first: 'Kadiatou', last: 'Diallo', signedOut: 'ok' },
  { login: 'vnguyen', first: 'Văn', last: 'Nguyễn', signedOut: 'ok' },
  { login: 'ofontaine', first: 'Océane', last: 'Fontaine', signedOut: 'ok' },
  { login: 'pchevalier', first: 'Pierre-Louis', last: 'Chevalier', signedOut: 'ok' },
  { login: 'm.rossi', first: 'Marco', last: 'Rossi', signedOut: 'ok' },
  { login: 'aschneider', first: 'Anna', last: 'Schneider', signedOut: 'ok' },
  { login: 'jpereira', first: 'João', last: 'Pereira', signedOut: 'ok' },
  { login: 'elopez', first: 'Elena', last: 'López', signedOut: 'ok' },
  // Desks and functions, French first, then the partner offices' languages.
  { login: 'accueil', first: 'Accueil', last: '', signedOut: 'generic' },
  { login: 'reservations', first: 'Réservations', last: '', signedOut: 'generic' },
  { login: 'comptabilite', first: 'Comptabilité', last: '', signedOut: 'generic' },
  { login: 'billetterie', first: 'Billetterie', last: '', signedOut: 'generic' },
  { login: 'groupes', first: 'Service', last: 'Groupes', signedOut: 'generic' },
  { login: 'agence.lyon', first: 'Agence', last: 'Lyon Part-Dieu', signedOut: 'generic' },
  { login: 'secretariat', first: 'Secrétariat', last: '', signedOut: 'generic' },
  { login: 'direction', first: 'Direction', last: '', signedOut: 'generic' },
  { login: 'standard', first: 'Standard', last: 'téléphonique', signedOut: 'generic' },
  { login: 'reisebuero', first: 'Reisebüro', last: 'Genf', signedOut: 'generic' },
  { login: 'recepcion', first: 'Recepción', last: '', signedOut: 'generic' },
  { login: 'prenotazioni', first: 'Prenotazioni', last: '', signedOut: 'generic' },
  { login: 'frontdesk', first: 'Front', last: 'Desk', signedOut: 'generic' },
  // Devices.
  { login: 'imprimante', first: 'Imprimante', last: 'Accueil', signedOut: 'generic' },
  { login: 'borne-client', first: 'Borne', last: 'clients', signedOut: 'generic' },
  // Logins two people share.
  { login: 'marie.paul', first: 'Marie et Paul', last: 'Girard', signedOut: 'shared' },
  { login: 'claire-hugo', first: 'Claire & Hugo', last: '', signedOut: 'shared' },
  { login: 'duo.resa', first: 'Sophie', last: 'et Karim', signedOut: 'shared' },
  // Guest, test and training logins, and the installer's habit.
  { login: 'invite', first: 'Invité', last: '', signedOut: 'default' },
  { login: 'test', first: 'Test', last: '', signedOut: 'default' },
  { login: 'stagiaire', first: 'Stagiaire', last: '', signedOut: 'generic' },
  { login: 'formation', first: 'Formation', last: '', signedOut: 'default' },
  { login: 'admin', first: '', last: '', signedOut: 'default', staff: true, superuser: true },
];

/** Made with Django's ORM in `manage.py shell`, as a project's own seeding would. */
function seed(): void {
  const users = SEEDED.map((user, i) => ({
    username: user.login,
    email: `${user.login}@${DOMAIN}`,
    first_name: user.first,
    last_name: user.last,
    is_staff: user.staff ?? false,
    is_superuser: user.superuser ?? false,
    password: user.login === SIGN_IN.user ? SIGN_IN.password : `Agence-${i}-MotDePasse!`,
  }));
  const script = `import json, sys
from django.contrib.auth.models import User
for u in json.loads(sys.stdin.readline()):
    password = u.pop('password')
    user = User(**u)
    user.set_password(password)
    user.save()
`;
  run('/usr/bin/python3', [`${PROJECT}/manage.py`, 'shell', '-c', script], `${JSON.stringify(users)}\n`);
}

async function capture(): Promise<void> {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  await page.goto(`${ADMIN}/admin/login/?next=/admin/auth/user/`);
  await page.fill('input[name=username]', SIGN_IN.user);
  await page.fill('input[name=password]', SIGN_IN.password);
  await Promise.all([page.waitForNavigation(), page.click('input[type=submit]')]);
  await page.waitForSelector('#result_list tbody tr');

  const rowSelector = '#result_list tbody tr';
  const shown = await page.$$eval(rowSelector, (trs) =>
    trs.map((tr) => {
      const text = (selector: string) => tr.querySelector(selector)?.textContent?.trim() ?? '';
      return {
        login: text('.field-username'),
        displayName: [text('.field-first_name'), text('.field-last_name')].filter(Boolean).join(' '),
      };
    }),
  );
  await saveFixture(page, NAME);
  await browser.close();

  const byLogin = labelsFor(
    SEEDED,
    shown.map((row) => row.login),
  );
  writeJson(`${FIXTURE_FOLDER}/${NAME}.labels.json`, {
    page: `${NAME}.html`,
    description:
      "'Sélectionnez l’objet utilisateur à changer' of a travel agency's Django 3.2 admin (Debian bookworm's python3-django, French interface, signed in as a superuser), saved as drawn with scripts left out and stylesheets inline: the changelist table #result_list with a checkbox per row for the bulk actions, the login as a link in each row's <th>, then e-mail, first name and last name in cells of their own (a desk has its name in the first name alone, some people none at all) and the staff status as a yes/no icon; the actions bar above it, the search box, and the filters (staff status, superuser status, active) in a sidebar. Logins and names in French, with partner offices' logins in German, Spanish and Italian. The admin's header, breadcrumbs and filters as negatives.",
    userList: {
      layout: 'table',
      columns: ['username', 'email', 'firstName', 'lastName'],
      rowCount: shown.length,
      rowSelector,
      loginSelector: '.field-username',
    },
    rows: shown.map((row) => ({
      username: row.login,
      displayName: row.displayName,
      signedOut: byLogin.get(row.login)?.signedOut,
    })),
  });
  console.log(`${shown.length} users`);
}

await runStep('django-admin', { seed, capture });
