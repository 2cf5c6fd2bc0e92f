import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAccountTip } from '../../../shared/rules/default-account.ts';
import { genericUsernameTip } from '../../../shared/rules/generic-username.ts';
import { accountSchema, systemSchema } from '../../../shared/schemas/directory.ts';
import { pageSchema } from '../../../shared/schemas/directory-input.ts';
import { findingListSchema } from '../../../shared/schemas/findings-api.ts';
import { BROWSERS, type Page, type PageFrame } from '../driver.ts';
import { labelsOf, selectorsOf, verdicts } from '../fixture-pages.ts';
import { screenshot, stopBackground } from '../harness.ts';
import {
  type Api,
  type BrowserJourney,
  expectSynced,
  type Journey,
  signInToApi,
  startJourney,
} from './journey.ts';

/**
 * Journey 1, on the release build: a new firm signs up in the popup, adds its practice-management
 * system with its admin-page address in the options page, and opens that system's staff list. The
 * rows are marked without the admin pressing anything; "Sync this list" sends them, and the server
 * then holds every login on the page. Then the firm's Prague office adds its booking system, whose
 * list is headed and written in Czech: marked and synced the same way, its Czech statuses read.
 * Then the office server, run with Cockpit: its shell shows each page in a frame, and the accounts
 * list in the frame is marked and synced, the system named by the shell's address alone. Last, the
 * client portal, whose list a data-table library draws as two tables (the header, then the rows
 * that scroll under it): marked and synced whole. And the Paris office's intranet, a DevExtreme
 * grid whose header is a row of cells in a table of its own, with no `<thead>`; and the Shanghai
 * office's back office, an Element UI table drawn three times (itself, and a copy over it for each
 * side's fixed columns), whose users are counted, marked and synced once. Then the firm's
 * Microsoft 365 tenant, listed as the admin center lists it, and its Keycloak realm: their names
 * and logins drawn as buttons, read and synced as the page shows them. And its project tracker
 * (OpenProject), whose locked user only the row's class tells, and its dashboards (Grafana), whose
 * disabled user only a tag in a column with no header tells: each on file, switched off.
 */

const OWNER = {
  name: 'Preet Kaur',
  email: 'preet@harbourfinch.test',
  password: 'tidal shelf copper lantern',
};
const PAGE = 'practice-staff-list';
const PRAGUE = 'travel-agency-users-cs';
/** Cockpit's shell, whose Accounts page ("Konton") is the captured `cockpit-accounts` in a frame. */
const SHELL = 'cockpit-shell';
const ACCOUNTS = 'cockpit-accounts';
/** A client portal's users, drawn by DataTables with its header fixed above rows that scroll. */
const PORTAL = 'accountancy-users-datatables';
/** The Paris office's intranet users, drawn by DevExtreme's DataGrid. */
const INTRANET = 'law-firm-users-devextreme';
/** The Shanghai office's back-office users, drawn by Element UI with fixed columns. */
const BACK_OFFICE = 'trading-company-users-element-ui';
/** The Izmir office's users, drawn by ant-design-vue 1 with a copy of its fixed columns over the table. */
const TOURS = 'travel-agency-users-ant-design-vue';
/** A Russian insurance agency's users, logins and names in Cyrillic, drawn by DataTables. */
const AGENCY = 'insurance-agency-users-ru';
/** A French accountancy's Microsoft 365 users, as the admin center lists them (Fluent UI 8). */
const TENANT = 'accountancy-users-fluent-detailslist';
/** A German law firm's realm users, as Keycloak's admin console lists them (PatternFly 5). */
const REALM = 'law-firm-users-patternfly';
/** The firm's project tracker's users, as OpenProject lists them: a locked user told by its row's class. */
const TRACKER = 'openproject-users';
/** The firm's dashboards' users, as Grafana lists them: a "Disabled" tag in a column with no header. */
const DASHBOARDS = 'grafana-users';
/** The firm's bug tracker's users, as MantisBT lists them in Spanish: the disabled user's "Activado" blank. */
const BUGS = 'mantisbt-users';
/** The firm's bookkeeping's users, as Akaunting lists them in German: the disabled one told by an icon's tip. */
const BOOKS = 'akaunting-users';
/** The firm's project tool's members, as Plane lists them in Chinese: "Suspended" in the role's column. */
const WORKSPACE = 'plane-members';
/** The firm's error tracker's members, as Sentry lists them: a `div` each, one "Deactivated". */
const ERRORS = 'sentry-members';
/** The firm's shop's employees, as PrestaShop lists them in Spanish: "Activo" an icon font's "check" or "clear". */
const SHOP = 'prestashop-employees';
/** The firm's time tracker's users, as Kimai lists them in Turkish: "Etkin" (active) saying "Evet" or "Hayır". */
const HOURS = 'kimai-users';
/** The firm's file server's users, as FileRun lists them in Spanish: each row a table of its own (ExtJS 3). */
const FILES = 'filerun-users';
/** The firm's password manager's users, as Passbolt lists them in French: header and rows two tables apart. */
const PASSWORDS = 'passbolt-users';
/** The firm's HR system's employees, as Sentrifugo lists them: a card each, the email the login. */
const STAFF_CARDS = 'sentrifugo-employees';
/** The firm's booking app's members, as Cal.com lists them: placed rows under "Member (12)", each username over its email. */
const BOOKING_MEMBERS = 'calcom-org-members';

describe.each(BROWSERS)(
  'journey: sign up, add a system, its user list is marked and synced, in %s',
  (browserName) => {
    let journey: BrowserJourney;
    let server: Api;
    let popup: Page;

    beforeAll(async () => {
      // In Firefox the admin's yes to the browser's prompt grants the system's pages.
      journey = await startJourney(browserName, { promptForPages: true });
    });
    afterAll(async () => {
      await journey?.close();
    });

    /** Adds a system in the options page with a fixture page's address as its admin pages. */
    const addSystem = async (options: Page, name: string, page: string, shot: string) => {
      await options.setViewportSize({ width: 1000, height: 900 });
      const pattern = `${journey.pages.url}/${page}.html*`;
      const systems = options.getByRole('region', { name: 'Systems' });
      await systems.getByLabel('Name').fill(name);
      await systems.getByLabel(/^Admin pages/).fill(pattern);
      await systems.getByRole('button', { name: 'Add system' }).click();
      await expect.poll(() => systems.getByRole('status').textContent()).toBe(`Added ${name}.`);
      await expect
        .poll(() => systems.getByRole('list', { name: 'Systems' }).textContent())
        .toContain(`${name} ${pattern}`);
      await screenshot(options, shot);
      await options.close();
      await expect
        .poll(
          async () => (await server(pageSchema(systemSchema), 'GET', '/systems')).items.map((s) => s.name),
          { timeout: 15_000 },
        )
        .toContain(name);
      return pattern;
    };

    /** The options page, opened at its address (the popup's way to it is the first system's step). */
    const openOptions = async () => {
      const options = await journey.openPopup();
      await options.goto(`${journey.extensionOrigin}/options.html`);
      return options;
    };

    /** The logins the server holds under the system named. */
    const accountsOf = async (systemName: string) => {
      const systems = (await server(pageSchema(systemSchema), 'GET', '/systems')).items;
      const system = systems.find((s) => s.name === systemName);
      if (!system) throw new Error(`no system ${systemName}`);
      // The system's own, asked of the server: the firm has more accounts than a page holds.
      const accounts = await server(
        pageSchema(accountSchema),
        'GET',
        `/accounts?systemId=${system.id}&limit=200`,
      );
      return accounts.items;
    };

    /** A system's accounts on the server, checked to be the fixture page's logins, every one. */
    const syncedAsLabelled = async (systemName: string, name: string) => {
      const synced = await accountsOf(systemName);
      expect(synced.map((account) => account.username).sort()).toEqual(
        labelsOf(name)
          .rows.map((row) => row.username)
          .sort(),
      );
      return synced;
    };

    /**
     * The server's findings for a system's synced accounts, rule by rule, are the page's marks: its
     * rules read the same logins and names.
     */
    const serverFindsAsLabelled = async (
      systemName: string,
      name: string,
      synced: readonly { id: string; username: string }[],
    ) => {
      const system = (await server(pageSchema(systemSchema), 'GET', '/systems')).items.find(
        (s) => s.name === systemName,
      );
      const usernameOf = new Map(synced.map((account) => [account.id, account.username]));
      const { findings } = await server(findingListSchema, 'GET', `/findings?system=${system?.id}&limit=100`);
      const found = (rule: string) =>
        findings
          .filter((finding) => finding.ruleId === rule)
          .map((finding) => usernameOf.get(finding.subject.id))
          .sort();
      const labelled = (kind: string) =>
        labelsOf(name)
          .rows.filter((row) => row.signedOut === kind)
          .map((row) => row.username)
          .sort();
      expect(found('generic-username')).toEqual(labelled('generic'));
      expect(found('shared-login')).toEqual(labelled('shared'));
      expect(found('default-account')).toEqual(labelled('default'));
    };

    /** The logins of accounts on file as switched off. */
    const disabledOf = (accounts: readonly { username: string; status: string }[]) =>
      accounts.filter((account) => account.status === 'disabled').map((account) => account.username);

    /**
     * The badges in the layer over a grid's copy of its fixed columns (`copy`, its selector), by
     * login: their text, whether they are drawn as dots, and whether they are on top where drawn.
     */
    const layerGroups = (page: Page, copy: string) =>
      page.locator(`${copy} rollcall-layer`).evaluate((host) => {
        const groups = [...(host.shadowRoot?.querySelectorAll('[aria-label^="Rollcall: "]') ?? [])];
        return Object.fromEntries(
          groups.map((group) => {
            const box = group.getBoundingClientRect();
            const hit = host.ownerDocument.elementFromPoint(
              box.left + box.width / 2,
              box.top + box.height / 2,
            );
            const shown = {
              onTop: box.width > 0 && hit === host,
              text: group.textContent,
              dots: group.classList.contains('compact'),
            };
            return [group.getAttribute('aria-label')?.slice('Rollcall: '.length), shown];
          }),
        );
      });

    /**
     * A fixture's list, in `where` (the page, or a frame of it), marked row by row as its labels say
     * signed out (nothing of the system is in Rollcall yet), its banner checked, then synced from the
     * banner, with screenshots of the page before and after (`shot`-marked, `shot`-synced).
     */
    const markAndSync = async (
      page: Page,
      where: PageFrame,
      name: string,
      shot: string,
      checkBanner: (text: string | null) => void = () => {},
    ) => {
      const rows = labelsOf(name).rows;
      await expect
        .poll(async () => Object.values(await verdicts(where, name)).filter(Boolean).length, {
          timeout: 15_000,
        })
        .toBe(rows.length);
      expect(await verdicts(where, name)).toEqual(
        Object.fromEntries(rows.map((row) => [row.username, row.signedOut])),
      );
      const banner = where.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
      expect(await banner.textContent()).toContain(`checked ${rows.length} logins`);
      checkBanner(await banner.textContent());
      await screenshot(page, `${shot}-marked`);
      await banner.getByRole('button', { name: 'Sync this list to Rollcall' }).click();
      await expect
        // The banner's other status is the paging line, where the page has one.
        .poll(() => banner.getByRole('status').filter({ hasText: 'Synced' }).textContent(), {
          timeout: 15_000,
        })
        .toBe(`Synced: ${rows.length} new, 0 changed, 0 removed.`);
      // Every status and sign-in time on the page was read: the banner lists nothing to check by hand.
      expect(await banner.textContent()).not.toContain('to check by hand');
      await screenshot(page, `${shot}-synced`);
    };

    /**
     * A fixture page added in the options page as a system's admin pages, opened, marked and synced
     * from its banner (`markAndSync`, its screenshots named after `shot`), and the system's accounts
     * on the server checked to be the page's logins. Answers the open page and those accounts.
     */
    const addMarkAndSync = async (
      systemName: string,
      name: string,
      shot: string,
      checkBanner?: (text: string | null) => void,
    ) => {
      await addSystem(await openOptions(), systemName, name, `journey-1-options-${shot}-added`);
      const page = await journey.openPage(`${name}.html`);
      await markAndSync(page, page, name, `journey-1-${shot}`, checkBanner);
      return { page, synced: await syncedAsLabelled(systemName, name) };
    };

    it('signs up a new firm from the popup', async () => {
      popup = await journey.openPopup();
      await popup.getByRole('button', { name: 'Create a firm' }).click();
      await popup.getByLabel('Server').fill(journey.worker.url);
      await popup.getByLabel('Firm name').fill('Harbour & Finch Lawyers');
      await popup.getByLabel('Your name').fill(OWNER.name);
      await popup.getByLabel('Email').fill(OWNER.email);
      await popup.getByLabel('Password').fill(OWNER.password);
      // Two-step sign-in has a journey of its own (two-factor.e2e.test.ts).
      await popup.getByLabel('Owners and admins sign in with two steps').click(); // ticked by default
      await popup.getByRole('button', { name: 'Create firm and sign in' }).click();
      await expectSynced(popup);
      expect(await popup.locator('header').textContent()).toContain('Harbour & Finch Lawyers');
      // Nothing to score before the firm has staff and a system.
      await expect.poll(() => popup.getByTestId('health-score').textContent()).toBe('Not checked yet');
      await screenshot(popup, 'journey-1-signed-up');
      // The account exists on the server: the same credentials open a second session.
      server = await signInToApi(journey.worker.url, OWNER.email, OWNER.password);
    });

    it('adds the system with its admin-page pattern in the options page', async () => {
      // The popup leads to the options page, in a tab of its own.
      const opened = journey.nextPage();
      await popup.getByRole('button', { name: 'Options: server, systems, thresholds' }).click();
      const options = await opened;
      expect(options.url()).toBe(`${journey.extensionOrigin}/options.html`);
      await popup.close();
      const pattern = await addSystem(options, 'LexOffice', PAGE, 'journey-1-options-system-added');
      const systems = (await server(pageSchema(systemSchema), 'GET', '/systems')).items;
      expect(systems.map((system) => system.name)).toEqual(['LexOffice']);
      expect(systems[0]?.adminUrlPatterns).toEqual([pattern]);
    });

    it('marks every row of the system’s staff list as the page opens, and syncs the list from the banner', async () => {
      const page = await journey.openPage(`${PAGE}.html`);
      const logins = labelsOf(PAGE).rows.map((row) => row.username);
      // Nobody pressed "Check this page": the in-page warnings run because the page is the system's.
      const markedRows = async () => Object.values(await verdicts(page, PAGE)).filter(Boolean).length;
      await expect.poll(markedRows, { timeout: 15_000 }).toBe(logins.length);
      const marks = await verdicts(page, PAGE);
      expect(Object.keys(marks).sort()).toEqual([...logins].sort());
      for (const generic of ['Reception', 'trustaccounting', 'frontdesk2'])
        expect(marks[generic]?.split(' '), generic).toContain('generic');
      const banner = page.locator('rollcall-banner').getByRole('complementary', { name: 'Rollcall' });
      expect(await banner.textContent()).toContain(`checked ${logins.length} logins`);
      // Nothing of LexOffice is in Rollcall yet: no row is called nobody's, and the banner asks for
      // the sync that would tell.
      expect(Object.entries(marks).filter(([, kinds]) => kinds?.split(' ').includes('unowned'))).toEqual([]);
      const unsynced = 'This system’s logins are not in Rollcall yet.';
      expect(await banner.textContent()).toContain(unsynced);
      // Each badge's tip is its own kind's, also on rows past the first few (read from the table's
      // shown text) and with another kind's tip in the same answer.
      for (const [login, label, tip] of [
        ['frontdesk2', 'Generic', genericUsernameTip],
        ['test', 'Default account', defaultAccountTip],
      ] as const) {
        const marks = page
          .locator(selectorsOf(PAGE).rows)
          .nth(logins.indexOf(login))
          .locator('rollcall-marks');
        await marks
          .getByRole('button', { name: label })
          .evaluate((button) => (button as HTMLElement).focus());
        const shown = marks.getByRole('tooltip');
        await shown.waitFor();
        const text = await shown.textContent();
        expect(text, login).toContain(tip.why);
        expect(text, login).toContain(tip.fix);
      }
      await screenshot(page, 'journey-1-page-marked');

      await banner.getByRole('button', { name: 'Sync this list to Rollcall' }).click();
      await expect
        .poll(() => banner.getByRole('status').textContent(), { timeout: 15_000 })
        .toBe(`Synced: ${logins.length} new, 0 changed, 0 removed.`);
      expect(await banner.textContent()).not.toContain(unsynced);
      // Every status and sign-in time on the page was read: the banner lists nothing to check by hand.
      expect(await banner.textContent()).not.toContain('to check by hand');
      // The rows are judged again with what the directory now knows, without a reload: the
      // generic login is on file, and nobody's.
      await expect
        .poll(async () => (await verdicts(page, PAGE)).frontdesk2?.split(' ') ?? [], { timeout: 15_000 })
        .toEqual(expect.arrayContaining(['generic', 'unowned']));
      await screenshot(page, 'journey-1-page-synced');

      const accounts = await server(pageSchema(accountSchema), 'GET', '/accounts?limit=100');
      expect(accounts.items.map((account) => account.username).sort()).toEqual([...logins].sort());
      const mhwang = accounts.items.find((account) => account.username === 'mhwang');
      expect(mhwang?.displayName).toBe('Hwang, Min-jun');
      // The last logons as the list writes them, day first ("21/11/2026"), whatever the browser's
      // language: "12/08/2026" is 12 August, and a blank one is none.
      const signedIn = (username: string) =>
        accounts.items.find((account) => account.username === username)?.lastSignInAt;
      expect([signedIn('skowalczyk'), signedIn('cokafor'), signedIn('test')]).toEqual([
        Date.UTC(2026, 7, 12, 9, 30),
        Date.UTC(2026, 10, 21, 16, 2),
        null,
      ]);

      // Known now, and still nobody's: the page says so from the directory.
      await page.reload();
      await expect
        .poll(async () => (await verdicts(page, PAGE)).frontdesk2?.split(' ') ?? [], { timeout: 15_000 })
        .toEqual(expect.arrayContaining(['generic', 'unowned']));
      expect(await banner.textContent()).not.toContain(unsynced);
      await page.close();
    });

    it('marks and syncs the list of the firm’s Prague office, headed and written in Czech', async () => {
      // The Prague office's booking system: its user list is headed "Uživatelské jméno", "Jméno a
      // příjmení", "Stav", and its desks and statuses are Czech words.
      // The options page again, opened at its address this time (the popup's way is the step above).
      const rows = labelsOf(PRAGUE).rows;
      // Nothing of the office's system is in Rollcall yet: each row is marked as the page shows it.
      const { page, synced } = await addMarkAndSync('Rezervace Praha', PRAGUE, 'prague', (banner) =>
        // The page's own "Zobrazeno 1–14 z 14 záznamů": the whole list is on this page.
        expect(banner).toContain(`Every page seen (${rows.length} of ${rows.length})`),
      );
      // The server read the Czech statuses: the leaver's and the test login are switched off.
      expect(disabledOf(synced).sort()).toEqual(['kvesela', 'testovaci']);
      const jnovak = synced.find((account) => account.username === 'jnovak');
      expect(jnovak?.displayName).toBe('Jan Novák');
      // "Poslední přihlášení" read as written, day first with dots: 4 December.
      expect(jnovak?.lastSignInAt).toBe(Date.UTC(2026, 11, 4, 8, 12));
      await page.close();
    });

    it('marks and syncs the accounts list the office server’s Cockpit shows in a frame of its shell', async () => {
      // The admin names the shell's address, the one in the address bar; the list is in a frame
      // whose own address is another (cockpit-accounts.html), made when the admin opens "Konton".
      await addSystem(await openOptions(), 'Kontorsserver', SHELL, 'journey-1-options-server-added');
      const page = await journey.openPage(`${SHELL}.html`);
      await page.getByRole('link', { name: 'Konton' }).click();
      await expect.poll(() => page.frame('cockpit1:localhost/users') !== null).toBe(true);
      const frame = page.frame('cockpit1:localhost/users') as PageFrame;
      // The banner is in the frame, under the list.
      await markAndSync(page, frame, ACCOUNTS, 'journey-1-server-frame');
      // The server holds the frame's logins under the system the shell's address names.
      await syncedAsLabelled('Kontorsserver', ACCOUNTS);
      await page.close();
    });

    it('marks and syncs the client portal’s users, a list drawn as a header table above a table of rows', async () => {
      const rows = labelsOf(PORTAL).rows;
      const { page, synced } = await addMarkAndSync('Klantportaal', PORTAL, 'portal', (banner) =>
        // The library's own "1 tot 11 van 11 gebruikers", under the rows' table: every user is here.
        expect(banner).toContain(`Every page seen (${rows.length} of ${rows.length})`),
      );
      // The inactive test login is on file, switched off.
      expect(disabledOf(synced)).toEqual(['test']);
      await page.close();
    });

    it('marks and syncs the Paris office’s intranet users, a grid whose header is a table of its own', async () => {
      const { page, synced } = await addMarkAndSync('Intranet Paris', INTRANET, 'intranet');
      // The deactivated lawyer ("Désactivé") is on file, switched off; the rest are active.
      expect(disabledOf(synced)).toEqual(['p.lefevre']);
      expect(synced.find((account) => account.username === 'n.benali')?.displayName).toBe('Nadia Benali');
      await page.close();
    });

    it('marks and syncs the Shanghai office’s users once, a table drawn again for its fixed columns', async () => {
      // Each user is counted once (`markAndSync` reads the banner). The badges are in a layer over
      // the copy that shows the logins, where the admin sees them, not in the rows, whose heights the
      // table keeps in line with its copies' rows.
      const { page, synced } = await addMarkAndSync('后台 Shanghai', BACK_OFFICE, 'back-office');
      // Synced, li.na's "No owner" shows whole after the login, which leaves room for it in its cell
      // (its text is in a block as wide as the cell: measured by the block, it left none: a dot).
      expect((await layerGroups(page, '.el-table__fixed'))['li.na']).toEqual({
        onTop: true,
        text: expect.stringContaining('No owner'),
        dots: false,
      });
      // The accountant switched off ("停用") is on file, switched off; the rest are active.
      expect(disabledOf(synced)).toEqual(['wang.fang']);
      expect(synced.find((account) => account.username === 'li.na')?.displayName).toBe('李娜');
      await page.close();
    });

    it('marks and syncs the Izmir office’s users once, read from the whole table, marked over the copy of its fixed columns', async () => {
      // The grid draws a copy of only its fixed columns (the selection box and the login) over the
      // table: each user is counted once, and the badges are drawn over the copy, on top.
      const { page, synced } = await addMarkAndSync('Mavi Tur', TOURS, 'tours');
      expect((await layerGroups(page, '.ant-table-fixed-left')).resepsiyon).toEqual({
        onTop: true,
        text: expect.stringContaining('Generic'),
        // Beside "No owner", after the sync, drawn as dots where the login's cell is narrow.
        dots: expect.any(Boolean),
      });
      // Read from the whole table: the names and statuses, which the copy does not hold.
      expect(disabledOf(synced)).toEqual(['burak.celik']);
      expect(synced.find((account) => account.username === 'ali.elif')?.displayName).toBe('Ali ve Elif');
      await page.close();
    });

    it('marks and syncs the Russian agency’s users, logins and names in Cyrillic, and the server finds what the page did', async () => {
      const { page, synced } = await addMarkAndSync('Волга CRM', AGENCY, 'agency');
      expect(disabledOf(synced)).toEqual(['popova.m']);
      // The desk named only in Russian, the two people named in one display name.
      await serverFindsAsLabelled('Волга CRM', AGENCY, synced);
      await page.close();
    });

    it('marks and syncs the Microsoft 365 tenant’s users, each name drawn as a button, each login an email', async () => {
      const { page, synced } = await addMarkAndSync('Microsoft 365', TENANT, 'tenant');
      // "Connexion bloquée": on file as switched off.
      expect(disabledOf(synced).sort()).toEqual([
        'paie@cabinet-moreau.example',
        'sophie.laurent@cabinet-moreau.example',
      ]);
      // The names, read from the buttons that open each user's panel.
      expect(
        synced.find((account) => account.username === 'marie.paul@cabinet-moreau.example')?.displayName,
      ).toBe('Marie et Paul');
      await serverFindsAsLabelled('Microsoft 365', TENANT, synced);
      await page.close();
    });

    it('marks and syncs the Keycloak realm’s users, a deactivated one told by the tag beside its login', async () => {
      const { page, synced } = await addMarkAndSync('Keycloak', REALM, 'realm');
      expect(disabledOf(synced)).toEqual(['empfang2']);
      // The name from its two columns, last name first on the page.
      expect(synced.find((account) => account.username === 'a.berger')?.displayName).toBe('Anna Berger');
      await serverFindsAsLabelled('Keycloak', REALM, synced);
      await page.close();
    });

    it('marks and syncs the project tracker’s and the dashboards’ users, each disabled user on file as such', async () => {
      const { page: tracker, synced: tracked } = await addMarkAndSync('OpenProject', TRACKER, 'tracker');
      // No status column: the locked user's row says so by its class.
      expect(disabledOf(tracked)).toEqual(['jdoe']);
      // "06/02/2026 12:00 PM" is 2 June: the list writes "11/30/2026" beside it, month first.
      expect(tracked.find((account) => account.username === 'jdoe')?.lastSignInAt).toBe(
        Date.UTC(2026, 5, 2, 12, 0),
      );
      await tracker.close();

      const { page: dashboards, synced: watched } = await addMarkAndSync('Grafana', DASHBOARDS, 'dashboards');
      expect(disabledOf(watched)).toEqual(['jdoe']);
      // "Last active: < 1 minute": signed in as the page was read.
      expect(watched.find((account) => account.username === 'admin')?.lastSignInAt).toBeGreaterThan(
        Date.now() - 3_600_000,
      );
      await serverFindsAsLabelled('Grafana', DASHBOARDS, watched);
      await dashboards.close();
    });

    it('marks and syncs the bug tracker’s and the bookkeeping’s users, each disabled user on file as such', async () => {
      const { page: bugs, synced: tracked } = await addMarkAndSync('MantisBT', BUGS, 'bugs');
      // "Activado" ticks the enabled users and leaves the disabled one blank.
      expect(disabledOf(tracked)).toEqual(['jdoe']);
      expect(tracked.find((account) => account.username === 'tsmith')?.lastSignInAt).toBe(
        Date.UTC(2026, 11, 1, 9, 12),
      );
      await serverFindsAsLabelled('MantisBT', BUGS, tracked);
      await bugs.close();

      const { page: books, synced: kept } = await addMarkAndSync('Akaunting', BOOKS, 'books');
      // No status column: the icon after the name says "Dieser benutzer ist deaktiviert" in its tip.
      expect(disabledOf(kept)).toEqual(['john.doe@firm.example']);
      await serverFindsAsLabelled('Akaunting', BOOKS, kept);
      await books.close();
    });

    it('marks and syncs the project tool’s and the error tracker’s members, each member switched off on file as such', async () => {
      const { page: workspace, synced: members } = await addMarkAndSync('Plane', WORKSPACE, 'workspace');
      // "Suspended" where the others' roles are: switched off, and not a role.
      expect(disabledOf(members)).toEqual(['john.doe@firm.example']);
      expect(
        members.find((account) => account.username === 'john.doe@firm.example')?.permissions,
      ).not.toContain('Suspended');
      await serverFindsAsLabelled('Plane', WORKSPACE, members);
      await workspace.close();

      const { page: errors, synced: tracked } = await addMarkAndSync('Sentry', ERRORS, 'errors');
      // A member's record with "Deactivated" straight in the role's box.
      expect(disabledOf(tracked)).toEqual(['john.doe@firm.example']);
      await serverFindsAsLabelled('Sentry', ERRORS, tracked);
      await errors.close();
    });

    it('marks and syncs the shop’s employees and the time tracker’s users, each switched off on file as such', async () => {
      const { page: shop, synced: employees } = await addMarkAndSync('PrestaShop', SHOP, 'shop');
      // "Activo" is drawn as Material Icons' ligature: "clear" on the disabled employee.
      expect(disabledOf(employees)).toEqual(['john.doe@firm.example']);
      await serverFindsAsLabelled('PrestaShop', SHOP, employees);
      await shop.close();

      const { page: hours, synced: users } = await addMarkAndSync('Kimai', HOURS, 'hours');
      // "Etkin" (active): "Hayır" (no) on the disabled user.
      expect(disabledOf(users)).toEqual(['jdoe']);
      await serverFindsAsLabelled('Kimai', HOURS, users);
      await hours.close();
    });

    it('marks and syncs the file server’s users and the password manager’s, each switched off on file as such', async () => {
      const { page: files, synced: fileUsers } = await addMarkAndSync('FileRun', FILES, 'files');
      // Every row a table of its own under a header table; the disabled user told by an icon's tip.
      expect(disabledOf(fileUsers)).toEqual(['jdoe']);
      await serverFindsAsLabelled('FileRun', FILES, fileUsers);
      await files.close();

      const { page: passwords, synced: members } = await addMarkAndSync('Passbolt', PASSWORDS, 'passwords');
      // "Suspendu": "Oui" on the suspended user.
      expect(disabledOf(members)).toEqual(['john.doe@firm.example']);
      await serverFindsAsLabelled('Passbolt', PASSWORDS, members);
      await passwords.close();
    });

    it('marks and syncs the HR system’s employees, a card each with the email beside a register’s number', async () => {
      const { page: cards, synced: employees } = await addMarkAndSync('Sentrifugo', STAFF_CARDS, 'hr');
      // The numbers (EMPP0002…) are the register's: each account is on file under its email.
      expect(employees.every((account) => account.username.endsWith('@firm.example'))).toBe(true);
      await serverFindsAsLabelled('Sentrifugo', STAFF_CARDS, employees);
      await cards.close();
    });

    it('marks and syncs the booking app’s members, under a header that counts them', async () => {
      const { page: members, synced } = await addMarkAndSync('Cal.com', BOOKING_MEMBERS, 'booking');
      // Members sign in with their email, the username above it in the same cell.
      expect(synced.every((account) => account.username.endsWith('@firm.example'))).toBe(true);
      await serverFindsAsLabelled('Cal.com', BOOKING_MEMBERS, synced);
      await members.close();
    });

    // Chromium stops the background after 30 s without events; Firefox's background page stays.
    it.runIf(browserName === 'chromium')(
      'marks the list from the directory again after the background stopped, and the popup still syncs',
      async () => {
        await stopBackground((journey as Journey).browser.context);
        const page = await journey.openPage(`${PAGE}.html`);
        const logins = labelsOf(PAGE).rows.map((row) => row.username);
        await expect
          .poll(async () => Object.values(await verdicts(page, PAGE)).filter(Boolean).length, {
            timeout: 15_000,
          })
          .toBe(logins.length);
        // What only the directory knows: the login is on file, and nobody's.
        expect((await verdicts(page, PAGE)).frontdesk2?.split(' ')).toEqual(
          expect.arrayContaining(['generic', 'unowned']),
        );
        await screenshot(page, 'journey-1-page-after-idle');
        await page.close();
        const reopened = await journey.openPopup();
        await expectSynced(reopened);
        await reopened.close();
      },
    );
  },
);
