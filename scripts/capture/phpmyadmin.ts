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
 * phpMyAdmin 5.2.1 (Debian bookworm's `phpmyadmin` package) on MariaDB 10.11, its "User accounts"
 * overview in Spanish: a table with a checkbox per account, user and host, the global privileges as
 * code, and "Edit privileges" / "Export" actions. A Madrid logistics firm's database server; the
 * accounts are made with MariaDB's own SQL (`CREATE USER`, `GRANT`) through the `mysql` client.
 * How to set it up and run this: test/fixtures/pages/README.md, "phpMyAdmin".
 *
 *   node scripts/capture/phpmyadmin.ts seed      # once, on a fresh MariaDB
 *   node scripts/capture/phpmyadmin.ts capture   # saves the page and writes the labels
 */

const PMA = process.env.PHPMYADMIN_URL ?? 'http://127.0.0.1:8933';
const NAME = 'phpmyadmin-user-accounts';
const SIGN_IN = { user: 'mgarcia', password: 'Logistica-Capture-2026!' };

type DbUser = SeedUser & { hosts: string[]; grants: string[] };

/** MariaDB's own accounts, there before any was seeded. */
const BUILT_IN: DbUser[] = [
  { login: 'mariadb.sys', signedOut: 'default', hosts: [], grants: [] },
  { login: 'mysql', signedOut: 'default', hosts: [], grants: [] },
  { login: 'root', signedOut: 'default', hosts: [], grants: [] },
  // phpMyAdmin's control user, as Debian's package sets it up (see the README).
  { login: 'phpmyadmin', signedOut: 'generic', hosts: [], grants: [] },
  // Made later on the same server for the WordPress capture (scripts/capture/wordpress.ts).
  { login: 'wordpress', signedOut: 'generic', hosts: [], grants: [] },
];

const ALL = ['ALL PRIVILEGES ON *.* TO {u} WITH GRANT OPTION'];
const READ = ['SELECT ON logistica.* TO {u}'];
const WRITE = ['SELECT, INSERT, UPDATE, DELETE ON logistica.* TO {u}'];
const REPORTS = ['SELECT ON *.* TO {u}'];

const SEEDED: DbUser[] = [
  { login: 'mgarcia', signedOut: 'ok', hosts: ['localhost', '%'], grants: ALL },
  { login: 'jfernandez', signedOut: 'ok', hosts: ['%'], grants: WRITE },
  { login: 'lucia.martin', signedOut: 'ok', hosts: ['%'], grants: WRITE },
  { login: 'cruiz', signedOut: 'ok', hosts: ['%'], grants: READ },
  { login: 'pjimenez', signedOut: 'ok', hosts: ['localhost'], grants: ALL },
  { login: 'alvaro.sanchez', signedOut: 'ok', hosts: ['%'], grants: READ },
  { login: 'joao.silva', signedOut: 'ok', hosts: ['%'], grants: WRITE },
  { login: 'ines.ferreira', signedOut: 'ok', hosts: ['%'], grants: READ },
  { login: 'rcosta', signedOut: 'ok', hosts: ['%'], grants: READ },
  { login: 'g.romano', signedOut: 'ok', hosts: ['%'], grants: WRITE },
  { login: 'mbianchi', signedOut: 'ok', hosts: ['%'], grants: READ },
  { login: 'fconti', signedOut: 'ok', hosts: ['%'], grants: READ },
  { login: 'claire.dubois', signedOut: 'ok', hosts: ['%'], grants: READ },
  { login: 'jmueller', signedOut: 'ok', hosts: ['%'], grants: REPORTS },
  { login: 'awisniewska', signedOut: 'ok', hosts: ['%'], grants: READ },
  { login: 'ljohansson', signedOut: 'ok', hosts: ['%'], grants: READ },
  { login: 'sdevries', signedOut: 'ok', hosts: ['%'], grants: READ },
  { login: 'nuria.puig', signedOut: 'ok', hosts: ['%'], grants: WRITE },
  // Departments and desks: Spanish, Portuguese, Italian, French, German.
  { login: 'recepcion', signedOut: 'generic', hosts: ['%'], grants: READ },
  { login: 'contabilidad', signedOut: 'generic', hosts: ['%'], grants: WRITE },
  { login: 'administracion', signedOut: 'generic', hosts: ['%'], grants: WRITE },
  { login: 'almacen', signedOut: 'generic', hosts: ['%'], grants: WRITE },
  { login: 'facturacion', signedOut: 'generic', hosts: ['%'], grants: WRITE },
  { login: 'ventas', signedOut: 'generic', hosts: ['%'], grants: READ },
  { login: 'compras', signedOut: 'generic', hosts: ['%'], grants: READ },
  { login: 'atencion_cliente', signedOut: 'generic', hosts: ['%'], grants: READ },
  { login: 'recepcao', signedOut: 'generic', hosts: ['%'], grants: READ },
  { login: 'contabilidade', signedOut: 'generic', hosts: ['%'], grants: WRITE },
  { login: 'armazem', signedOut: 'generic', hosts: ['%'], grants: WRITE },
  { login: 'magazzino', signedOut: 'generic', hosts: ['%'], grants: WRITE },
  { login: 'contabilita', signedOut: 'generic', hosts: ['%'], grants: WRITE },
  { login: 'comptabilite', signedOut: 'generic', hosts: ['%'], grants: READ },
  { login: 'lager', signedOut: 'generic', hosts: ['%'], grants: WRITE },
  // Programs and devices that sign in.
  { login: 'informes', signedOut: 'generic', hosts: ['%'], grants: REPORTS },
  { login: 'copia_seguridad', signedOut: 'generic', hosts: ['localhost'], grants: REPORTS },
  { login: 'app_erp', signedOut: 'generic', hosts: ['127.0.0.1'], grants: WRITE },
  { login: 'escaner_almacen', signedOut: 'generic', hosts: ['%'], grants: WRITE },
  { login: 'terminal2', signedOut: 'generic', hosts: ['%'], grants: WRITE },
  // Logins two people share.
  { login: 'familia_ruiz', signedOut: 'shared', hosts: ['%'], grants: READ },
  { login: 'ana_y_pedro', signedOut: 'shared', hosts: ['%'], grants: READ },
  { login: 'marco_e_luca', signedOut: 'shared', hosts: ['%'], grants: READ },
  { login: 'joao.e.maria', signedOut: 'shared', hosts: ['%'], grants: READ },
  // Test and guest logins.
  { login: 'prueba', signedOut: 'default', hosts: ['%'], grants: READ },
  { login: 'invitado', signedOut: 'default', hosts: ['%'], grants: READ },
  { login: 'test', signedOut: 'default', hosts: ['localhost'], grants: ALL },
  { login: 'demo', signedOut: 'default', hosts: ['%'], grants: READ },
];

function seed(): void {
  const sql = ['CREATE DATABASE IF NOT EXISTS logistica;'];
  SEEDED.forEach((user, i) => {
    const password = user.login === SIGN_IN.user ? SIGN_IN.password : `Logistica-${i}-Clave!`;
    for (const host of user.hosts) {
      const account = `'${user.login}'@'${host}'`;
      sql.push(`CREATE USER ${account} IDENTIFIED BY '${password}';`);
      for (const grant of user.grants) sql.push(`GRANT ${grant.replace('{u}', account)};`);
    }
  });
  run('mysql', [], sql.join('\n'));
}

async function capture(): Promise<void> {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
  await page.goto(`${PMA}/index.php?lang=es`);
  await page.fill('#input_username', SIGN_IN.user);
  await page.fill('#input_password', SIGN_IN.password);
  await Promise.all([page.waitForNavigation(), page.click('#input_go')]);
  // Past 50 accounts the overview first shows only the initials; the admin presses "Mostrar todo".
  await page.goto(`${PMA}/index.php?route=/server/privileges&viewing_mode=server`);
  await Promise.all([page.waitForNavigation(), page.click('a:text-is("Mostrar todo")')]);
  const rowSelector = '#usersForm table tbody tr';
  await page.waitForSelector(rowSelector);
  const rows = await page.$$eval(rowSelector, (trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map(
        (td) => td.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      );
      return { login: cells[1] ?? '', host: cells[2] ?? '', role: cells[4] ?? '' };
    }),
  );
  await saveFixture(page, NAME);
  await browser.close();

  const byLogin = labelsFor(
    [...BUILT_IN, ...SEEDED],
    rows.map((row) => row.login),
  );
  writeJson(`${FIXTURE_FOLDER}/${NAME}.labels.json`, {
    page: `${NAME}.html`,
    description:
      "'Cuentas de usuario' overview of phpMyAdmin 5.2.1 (Debian bookworm's package, Spanish interface) on MariaDB 10.11, signed in as an account with every privilege, saved as drawn with scripts left out and stylesheets inline: a table with a checkbox per account to remove it, the user name, the host (one login can have a row per host), whether a password is set, the global privileges written as code (ALL PRIVILEGES, USAGE, SELECT), whether it may grant, and edit/export actions; the alphabet of initials above it. There is no display name: the login is judged alone. Logins in Spanish, Portuguese, Italian, French, German, Polish, Swedish and Dutch. The navigation tree, the top menu and the add-account link as negatives.",
    userList: {
      layout: 'table',
      columns: ['username', 'role'],
      rowCount: rows.length,
      rowSelector,
      loginSelector: 'td:nth-child(2)',
    },
    rows: rows.map((row) => ({
      username: row.login,
      displayName: row.login,
      signedOut: byLogin.get(row.login)?.signedOut,
      role: row.role,
    })),
  });
  console.log(`${rows.length} accounts`);
}

await runStep('phpmyadmin', { seed, capture });
