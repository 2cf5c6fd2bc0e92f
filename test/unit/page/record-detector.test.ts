import { afterEach, describe, expect, it } from 'vitest';
import { fieldForHeader } from '../../../extension/lib/page/header-fields';
import { startInPageWarnings } from '../../../extension/lib/page/in-page-warnings';
import { readRow } from '../../../extension/lib/page/read-row';
import { evaluateFromPageAlone } from '../../../extension/lib/page/row-warnings';
import { findUserLists } from '../../../extension/lib/page/user-lists';

afterEach(() => {
  document.body.innerHTML = '';
});

/** The user lists of the document, each as the logins (and names) its rows read as. */
function found() {
  return findUserLists(document).map((list) => ({
    layout: list.layout,
    rows: list.rows().map((row) => {
      const read = readRow(list, row);
      return read ? [read.username, read.displayName, read.email, read.role] : null;
    }),
  }));
}

// Small pages of each kind, written as the apps that draw them do.

const CARD_GRID = `
  <div id="app"><div class="page-header"><h1>Team</h1><button>Invite member</button></div>
  <div class="grid">
    ${[
      ['Amelia Clarke', 'amelia.clarke@harbour.example', 'Owner'],
      ['Empfang', 'empfang@harbour.example', 'Editor'],
      ['Jonas Weber', 'j.weber@harbour.example', 'Viewer'],
      ['Buchhaltung', 'buchhaltung@harbour.example', 'Admin'],
    ]
      .map(
        ([name, email, role]) => `
      <div class="MuiCard-root css-1x2y3z">
        <div class="card-top"><span class="MuiAvatar-root">${name?.[0]}</span>
          <div><div class="name">${name}</div><div class="email">${email}</div></div>
        </div>
        <div class="card-bottom"><span class="chip">${role}</span>
          <button aria-label="More actions">⋯</button></div>
      </div>`,
      )
      .join('')}
  </div></div>`;

const DIV_LIST = `
  <div class="users">
    <div class="user-row"><a href="/admin/accounts/1">jsmith</a><span>John Smith</span><span>Active</span></div>
    <div class="user-row"><a href="/admin/accounts/2">frontdesk</a><span>Front Desk</span><span>Active</span></div>
    <div class="user-row"><a href="/admin/accounts/3">mkowalska</a><span>Maria Kowalska</span><span>Disabled</span></div>
  </div>`;

const UL_INLINE = `
  <h2>Users</h2>
  <ul class="members">
    <li><a href="/people/anna">Anna Schmidt</a> — Gruppen: Redakteure, Verwaltung · seit 03.02.2024</li>
    <li><a href="/people/office">Office Manager</a> — Gruppen: Verwaltung · seit 11.05.2023</li>
    <li><a href="/people/piet">Piet de Vries</a> — Gruppen: Leser · seit 01.09.2025</li>
  </ul>`;

const DL_LIST = `
  <dl class="accounts">
    <dt>recepcion</dt><dd>Administrador</dd><dd>recepcion@clinica.example</dd>
    <dt>lgarcia</dt><dd>Usuario</dd><dd>lgarcia@clinica.example</dd>
    <dt>mlopez</dt><dd>Usuario</dd><dd>mlopez@clinica.example</dd>
  </dl>`;

const FILTERED_TABLE = `
  <table class="table">
    <thead>
      <tr><th colspan="3">Person</th><th colspan="2">Access</th><th></th></tr>
      <tr><th>First name</th><th>Last name</th><th>Email</th><th>Role</th><th>Status</th><th>Actions</th></tr>
      <tr class="filters"><th><input placeholder="Filter"></th><th><input></th><th><input></th>
        <th><select><option>Any</option><option>Admin</option></select></th><th><input></th><th></th></tr>
    </thead>
    <tbody>
      <tr><td><img src="a.png" alt="">Sophie</td><td>Martin</td><td>sophie.martin@cabinet.example</td><td>Admin</td><td>Active</td>
        <td><a href="#">Edit</a> <button>Delete</button></td></tr>
      <tr><td><img src="b.png" alt="">Accueil</td><td></td><td>accueil@cabinet.example</td><td>User</td><td>Active</td>
        <td><a href="#">Edit</a> <button>Delete</button></td></tr>
    </tbody>
  </table>`;

function headedTable(headers: string[], rows: string[][]): string {
  return `<table><thead><tr>${headers.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

describe('the record detector', () => {
  it('reads a card grid of divs with avatars, names, emails, role chips and action buttons', () => {
    document.body.innerHTML = CARD_GRID;
    expect(found()).toEqual([
      {
        layout: 'records',
        rows: [
          ['amelia.clarke@harbour.example', 'Amelia Clarke', 'amelia.clarke@harbour.example', 'Owner'],
          ['empfang@harbour.example', 'Empfang', 'empfang@harbour.example', 'Editor'],
          ['j.weber@harbour.example', 'Jonas Weber', 'j.weber@harbour.example', 'Viewer'],
          ['buchhaltung@harbour.example', 'Buchhaltung', 'buchhaltung@harbour.example', 'Admin'],
        ],
      },
    ]);
  });

  it('reads a div list with no roles: a login link, a name and a status', () => {
    document.body.innerHTML = DIV_LIST;
    const [list] = findUserLists(document);
    expect(list?.layout).toBe('records');
    expect(list?.rows().map((row) => list && readRow(list, row))).toMatchObject([
      { username: 'jsmith', displayName: 'John Smith', status: 'Active' },
      { username: 'frontdesk', displayName: 'Front Desk', status: 'Active' },
      { username: 'mkowalska', displayName: 'Maria Kowalska', status: 'Disabled' },
    ]);
  });

  it('reads a <ul> of name links with groups and dates written inline, judging the name alone', () => {
    document.body.innerHTML = UL_INLINE;
    const lists = found();
    expect(lists).toHaveLength(1);
    expect(lists[0]?.rows.map((row) => row?.[0])).toEqual([
      'Anna Schmidt',
      'Office Manager',
      'Piet de Vries',
    ]);
  });

  it('reads an <ol> of records with no links to user pages', () => {
    document.body.innerHTML = `<ol class="accounts">
      <li><span class="who">Inès Moreau</span> <span class="mail">ines.moreau@atelier.example</span></li>
      <li><span class="who">Comptabilité</span> <span class="mail">compta@atelier.example</span></li>
      <li><span class="who">Jean Petit</span> <span class="mail">j.petit@atelier.example</span></li>
    </ol>`;
    expect(found()).toEqual([
      {
        layout: 'records',
        rows: [
          ['ines.moreau@atelier.example', 'Inès Moreau', 'ines.moreau@atelier.example', null],
          ['compta@atelier.example', 'Comptabilité', 'compta@atelier.example', null],
          ['j.petit@atelier.example', 'Jean Petit', 'j.petit@atelier.example', null],
        ],
      },
    ]);
  });

  it('reads a <dl> with a term per user', () => {
    document.body.innerHTML = DL_LIST;
    expect(found()).toEqual([
      {
        layout: 'records',
        rows: [
          // No name shown: the login is the name the user goes by.
          ['recepcion', 'recepcion', 'recepcion@clinica.example', 'Administrador'],
          ['lgarcia', 'lgarcia', 'lgarcia@clinica.example', 'Usuario'],
          ['mlopez', 'mlopez', 'mlopez@clinica.example', 'Usuario'],
        ],
      },
    ]);
  });

  it('reads a table with no header, a row per user, as records', () => {
    document.body.innerHTML = `<h2>Benutzerverwaltung</h2><table border="1"><tbody>
      <tr><td>empfang</td><td>Empfang Praxis</td><td>empfang@praxis.example</td><td>aktiv</td></tr>
      <tr><td>m.mueller</td><td>Maria Müller</td><td>maria.mueller@praxis.example</td><td>aktiv</td></tr>
      <tr><td>k.schneider</td><td>Klaus Schneider</td><td>klaus.schneider@praxis.example</td><td>gesperrt</td></tr>
      <tr><td>azubi</td><td>Auszubildende</td><td>azubi@praxis.example</td><td>aktiv</td></tr>
    </tbody></table>`;
    expect(found()).toEqual([
      {
        layout: 'records',
        rows: [
          ['empfang', 'Empfang Praxis', 'empfang@praxis.example', null],
          ['m.mueller', 'Maria Müller', 'maria.mueller@praxis.example', null],
          ['k.schneider', 'Klaus Schneider', 'klaus.schneider@praxis.example', null],
          ['azubi', 'Auszubildende', 'azubi@praxis.example', null],
        ],
      },
    ]);
  });

  it('leaves alone tables with no header that hold no people: a page laid out in one, a price list, a timetable', () => {
    document.body.innerHTML = `<table width="100%"><tr><td><img src="logo.gif" alt="Kanzlei"></td><td><a href="/">Start</a> | <a href="/kontakt">Kontakt</a></td></tr>
      <tr><td><ul><li><a href="/a">Aktuelles</a></li><li><a href="/b">Leistungen</a></li></ul></td>
        <td><h1>Willkommen</h1><p>${'Wir beraten Sie gern in allen Fragen des Mietrechts. '.repeat(6)}</p></td></tr>
      <tr><td colspan="2">© Kanzlei am Ring</td></tr></table>
      <table><tr><td>Erstberatung</td><td>190,00 €</td></tr><tr><td>Gutachten</td><td>450,00 €</td></tr><tr><td>Stunde</td><td>240,00 €</td></tr></table>
      <table><tr><td>Mo</td><td>08:00–12:00</td><td>14:00–18:00</td></tr><tr><td>Di</td><td>08:00–12:00</td><td>14:00–18:00</td></tr><tr><td>Fr</td><td>08:00–13:00</td><td>geschlossen</td></tr></table>`;
    expect(found()).toEqual([]);
  });

  it('reads a table with a group row and a filter row in its head, split names and the email as login', () => {
    document.body.innerHTML = FILTERED_TABLE;
    expect(found()).toEqual([
      {
        layout: 'table',
        rows: [
          ['sophie.martin@cabinet.example', 'Sophie Martin', 'sophie.martin@cabinet.example', 'Admin'],
          ['accueil@cabinet.example', 'Accueil', 'accueil@cabinet.example', 'User'],
        ],
      },
    ]);
  });

  it.each([
    [['Benutzername', 'E-Mail', 'Rolle', 'Gruppen'], 'de'],
    [["Nom d'utilisateur", 'Courriel', 'Rôle', 'Statut'], 'fr'],
    [['Usuario', 'Correo electrónico', 'Rol', 'Estado'], 'es'],
    [['Gebruikersnaam', 'E-mailadres', 'Rol', 'Laatste login'], 'nl'],
    [['Brugernavn', 'E-mail', 'Rolle', 'Sidste login'], 'da'],
    [['Nazwa użytkownika', 'Adres e-mail', 'Rola', 'Ostatnie logowanie'], 'pl'],
    [['Nome utente', 'Indirizzo e-mail', 'Ruolo', 'Stato'], 'it'],
    [['Nome de utilizador', 'E-mail', 'Função', 'Estado'], 'pt'],
    [['Användarnamn', 'E-post', 'Roll', 'Status'], 'sv'],
    [['Uživatelské jméno', 'E-mail', 'Role', 'Stav'], 'cs'],
    [['Používateľské meno', 'E-mail', 'Rola', 'Stav'], 'sk'],
    [['Käyttäjätunnus', 'Sähköposti', 'Rooli', 'Tila'], 'fi'],
    [['Kasutajanimi', 'E-post', 'Roll', 'Olek'], 'et'],
    [['Felhasználónév', 'E-mail cím', 'Szerepkör', 'Állapot'], 'hu'],
    [['Nume utilizator', 'Adresă de e-mail', 'Rol', 'Stare'], 'ro'],
    [['Kullanıcı Adı', 'E-posta', 'Rol', 'Durum'], 'tr'],
    [['KULLANICI ADI', 'E-POSTA', 'ROL', 'DURUM'], 'tr, capitals'],
    [['Korisničko ime', 'E-pošta', 'Uloga', 'Status'], 'hr'],
    [['Uporabniško ime', 'E-pošta', 'Vloga', 'Stanje'], 'sl'],
    [['Lietotājvārds', 'E-pasts', 'Loma', 'Statuss'], 'lv'],
    [['Vartotojo vardas', 'El. paštas', 'Vaidmuo', 'Būsena'], 'lt'],
    [['Όνομα χρήστη', 'Email', 'Ρόλος', 'Κατάσταση'], 'el'],
    [['Логин', 'Эл. почта', 'Роль', 'Статус'], 'ru'],
    [["Ім'я користувача", 'Електронна пошта', 'Роль', 'Статус'], 'uk'],
    [['Потребителско име', 'Имейл', 'Роля', 'Статус'], 'bg'],
    [["Nom d'usuari", 'Correu electrònic', 'Rol', 'Estat'], 'ca'],
    [['ユーザー名', 'メールアドレス', '権限', '状態'], 'ja'],
    [['用户名', '邮箱', '角色', '状态'], 'zh'],
    [['使用者名稱', '電子郵件', '角色', '狀態'], 'zh-Hant'],
    [['사용자 이름', '이메일', '역할', '상태'], 'ko'],
    [['Nama Pengguna', 'Nama', 'Surel', 'Peran'], 'id'],
    [['Tên đăng nhập', 'Tên', 'Email', 'Vai trò'], 'vi'],
    [['ชื่อผู้ใช้', 'ชื่อ', 'อีเมล', 'บทบาท'], 'th'],
    [['שם משתמש', 'שם', 'אימייל', 'תפקיד'], 'he'],
    [['اسم المستخدم', 'الاسم', 'البريد الإلكتروني', 'الرتبة'], 'ar'],
    [['نام کاربری', 'نام', 'ایمیل', 'نقش'], 'fa'],
    [['Корисничко име', 'Име и презиме', 'Е-пошта', 'Улога'], 'sr'],
    [['Emër përdoruesi', 'Emër', 'Email', 'Roli'], 'sq'],
    [['Enw Defnyddiwr', 'Enw', 'E-bost', 'Rôl'], 'cy'],
    [['Gebruikersnaam', 'Naam', 'E-pos', 'Rol'], 'af'],
  ])('reads a table headed %j (%s)', (headers) => {
    document.body.innerHTML = headedTable(headers, [
      ['empfang', 'empfang@firma.example', 'Admin', 'x'],
      ['kmueller', 'k.mueller@firma.example', 'User', 'y'],
    ]);
    const lists = found();
    expect(lists).toHaveLength(1);
    expect(lists[0]?.rows.map((row) => row?.[0])).toEqual(['empfang', 'kmueller']);
  });

  it('knows header words in the usual languages, one vocabulary for all', () => {
    expect(fieldForHeader('Benutzername')).toBe('username');
    expect(fieldForHeader("Nom d'utilisateur")).toBe('username');
    expect(fieldForHeader('Gebruikersnaam')).toBe('username');
    expect(fieldForHeader('Brugernavn')).toBe('username');
    expect(fieldForHeader('Nazwa użytkownika')).toBe('username');
    expect(fieldForHeader('E-Mail')).toBe('email');
    expect(fieldForHeader('Rolle')).toBe('role');
    expect(fieldForHeader('Gruppen')).toBe('role');
    expect(fieldForHeader('Letzte Anmeldung')).toBe('lastSignIn');
    expect(fieldForHeader('Członkowie')).toBe('user');
    expect(fieldForHeader('Vorname')).toBe('firstName');
    expect(fieldForHeader('Berechtigungen')).toBe('permissions');
    expect(fieldForHeader('Beschreibung')).toBeNull();
  });

  it('knows the headers of apps that name the login as an account or a sign-in', () => {
    // Nextcloud's accounts, Odoo's users (Spanish), Microsoft's and others' "account name".
    expect(fieldForHeader('Kontoname')).toBe('username');
    expect(fieldForHeader('Nom du compte')).toBe('username');
    expect(fieldForHeader('Kontonamn')).toBe('username');
    expect(fieldForHeader('Nazwa konta')).toBe('username');
    expect(fieldForHeader('Inicio de sesión')).toBe('username');
    expect(fieldForHeader('Latest authentication')).toBe('lastSignIn');
    expect(fieldForHeader('Última autenticación')).toBe('lastSignIn');
    expect(fieldForHeader('Grupy użytkowników')).toBe('role');
    expect(fieldForHeader('Groupes d’utilisateurs')).toBe('role');
    expect(fieldForHeader("Droits d'accès")).toBe('permissions');
    // The login named after the app (Jenkins' people), but not a login's date or count.
    expect(fieldForHeader('Jenkins User ID')).toBe('username');
    expect(fieldForHeader('Jenkins Benutzer Id')).toBe('username');
    expect(fieldForHeader('First login')).toBeNull();
    expect(fieldForHeader('Failed login')).toBeNull();
    // Discourse's users: when each was last seen.
    expect(fieldForHeader('Seen')).toBe('lastSignIn');
    // Apps' users in several languages: Drupal, MantisBT, Rocket.Chat, Passbolt, OpenMRS.
    expect(fieldForHeader('Letzter Zugriff')).toBe('lastSignIn');
    expect(fieldForHeader('Nivel de acceso')).toBe('role');
    expect(fieldForHeader('Activado')).toBe('status');
    expect(fieldForHeader('Registration status')).toBe('status');
    expect(fieldForHeader('Last logged in')).toBe('lastSignIn');
    expect(fieldForHeader('Given')).toBe('firstName');
  });

  it('reads a header of several fields, one over the other in each cell, as the one that says who', () => {
    // Seafile's users: the name over the contact email.
    expect(fieldForHeader('Name / Contact Email')).toBe('email');
    expect(fieldForHeader('名字 / 联系人邮箱')).toBe('email');
    expect(fieldForHeader('Username / Email')).toBe('username');
    // Dates over each other say no one: the column is left unread.
    expect(fieldForHeader('Created At / Last Login / Last Access')).toBeNull();
  });

  it('knows header words in languages written in other scripts, folded as the page writes them', () => {
    expect(fieldForHeader('Kullanıcı adı')).toBe('username');
    expect(fieldForHeader('Kullanici adi')).toBe('username');
    expect(fieldForHeader('ユーザーID')).toBe('username');
    expect(fieldForHeader('Учётная запись')).toBe('username');
    expect(fieldForHeader('Последний вход')).toBe('lastSignIn');
    expect(fieldForHeader('最終ログイン日時')).toBe('lastSignIn');
    expect(fieldForHeader('Ф.И.О.')).toBe('displayName');
    expect(fieldForHeader('Příjmení')).toBe('lastName');
    expect(fieldForHeader('Etunimi')).toBe('firstName');
    expect(fieldForHeader('Uživatelé')).toBe('user');
    expect(fieldForHeader('Права доступа')).toBe('permissions');
    expect(fieldForHeader('Popis')).toBeNull();
    expect(fieldForHeader('説明')).toBeNull();
  });

  it.each([
    [['Název', 'Cena', 'Stav', 'Skupina'], 'a Czech price list'],
    [['Tili', 'Nimi', 'Saldo'], 'a Finnish ledger'],
    [['Ad', 'Konum', 'Durum'], 'a Turkish list of devices'],
    [['Tài khoản', 'Số dư', 'Trạng thái'], 'Vietnamese bank accounts'],
  ])('leaves alone a table headed %j (%s)', (headers) => {
    document.body.innerHTML = headedTable(headers, [
      ['Stůl', '1 200', 'Skladem', 'Nábytek'],
      ['Židle', '450', 'Skladem', 'Nábytek'],
    ]);
    expect(found()).toEqual([]);
  });

  it('joins a name split over first and last name columns in Czech, Romanian and Russian', () => {
    for (const headers of [
      ['Uživatelské jméno', 'Jméno', 'Příjmení', 'Role'],
      ['Nume utilizator', 'Prenume', 'Nume', 'Rol'],
      ['Логин', 'Имя', 'Фамилия', 'Роль'],
    ]) {
      document.body.innerHTML = headedTable(headers, [
        ['recepce', 'Recepce', 'Kancelář', 'Asistent'],
        ['jnovak', 'Jan', 'Novák', 'Advokát'],
      ]);
      expect(found()[0]?.rows[1]?.slice(0, 2), headers.join(', ')).toEqual(['jnovak', 'Jan Novák']);
    }
  });

  it('reads a card whose fields are labelled in German', () => {
    document.body.innerHTML = `<section>${['empfang', 'hbauer', 'praxis']
      .map(
        (login) => `<article class="konto"><p><b class="lbl">Benutzername:</b></p><p class="val">${login}</p>
          <p><b class="lbl">Angelegt:</b></p><p class="val">2024</p></article>`,
      )
      .join('')}</section>`;
    expect(found()[0]?.rows.map((row) => row?.[0])).toEqual(['empfang', 'hbauer', 'praxis']);
  });

  it('reads a card’s last sign-in written after its label in the same text (Jellyfin)', () => {
    document.body.innerHTML = `<h2>Users</h2><div class="localUsers">${[
      ['tsmith', 'Last seen 5 days ago'],
      ['reception', 'Last seen about 2 hours ago'],
      ['jdoe', 'Last seen 6 months ago'],
    ]
      .map(
        (
          [login, seen],
          i,
        ) => `<div class="card"><a href="#/dashboard/users/profile?userId=${i}"><div class="cardImage"></div></a>
          <div class="cardText"><span>${login}</span></div><div class="cardText cardText-secondary"><span>${seen}</span></div></div>`,
      )
      .join('')}</div>`;
    const [list] = findUserLists(document);
    if (!list) throw new Error('no list');
    expect(list.rows().map((row) => readRow(list, row)?.lastSignIn)).toEqual([
      '5 days ago',
      'about 2 hours ago',
      '6 months ago',
    ]);
  });

  it('reads the name written loose beside the email in one link, and roles with commas between (BookStack)', () => {
    const people = [
      ['Anna Kowalska', 'anna.kowalska@firm.example', ['Editor']],
      ['Buchhaltung', 'buchhaltung@firm.example', ['Viewer', 'Accounts']],
      ['Reception Desk', 'reception@firm.example', ['Editor']],
      ['Tom Smith', 'tom.smith@firm.example', ['Editor']],
      ['Linh Nguyen', 'linh.nguyen@firm.example', ['Editor']],
    ] as const;
    document.body.innerHTML = `<div class="item-list">${people
      .map(
        ([name, email, roles], index) => `<div class="flex-container-row item-list-row">
          <div class="px-m"><img class="avatar med" src="/avatar.png" alt="${name}">
            <a href="/settings/users/${index + 1}">${name}<br><span class="text-muted">${email}</span></a></div>
          <div class="flex-container-row"><div class="px-m flex">${roles
            .map(
              (role, at) =>
                `<small><a href="/settings/roles/${at}">${role}</a>${at < roles.length - 1 ? ',' : ''}</small>`,
            )
            .join('\n')}</div>
            <div class="px-m text-muted"><small>Latest Activity</small><br><small>2 days ago</small></div></div></div>`,
      )
      .join('')}</div>`;
    const [list] = found();
    expect(list?.rows.map((row) => row?.slice(0, 2))).toEqual(people.map(([name, email]) => [email, name]));
    expect(list?.rows[1]?.[3]).toMatch(/^Viewer\s?, Accounts$/);
  });

  it('reads a login written loose beside the name, and fields after their labels, past a machine’s user ID (Mattermost)', () => {
    const people = [
      ['tsmith', 'Tom Smith', 'tom.smith@firm.example', 'メンバー', 'ddekp3s9pk6oqdatcbf9tk1fmu'],
      ['reception', 'Reception Desk', 'reception@firm.example', 'メンバー', 'xdga6ziatmnn9gwym6wgdj74sf'],
      ['admin', 'Super User', 'admin@firm.example', 'システム管理者', 'nmntietime7yxd3xu7t71mrkwe'],
      ['jdoe', 'John Doe', 'john.doe@firm.example', '無効化済み', '7i95qk3b365qmgf7frzuzts3se'],
    ] as const;
    document.body.innerHTML = `<div class="more-modal__list"><div>${people
      .map(
        ([login, name, email, role, id]) => `<div class="more-modal__row">
          <span class="profile-icon"><img class="Avatar" alt="${login} profile image" src="/avatar.png"></span>
          <div class="more-modal__right"><div class="more-modal__top"><div class="more-modal__details">
            <div class="more-modal__name"><a href="/admin_console/user_management/user/${id}"><span>@${login}<span class="light"> - ${name}</span></span></a></div>
            <div><span><strong>電子メールアドレス:</strong> ${email}</span></div>
            <span><strong>サインイン方法:</strong> Email</span>, <span><strong>ユーザーID:</strong> ${id}</span>
          </div>
          <div class="more-modal__actions"><div class="MenuWrapper"><a><span>${role} </span><span class="caret"></span></a></div></div>
          </div></div></div>`,
      )
      .join('')}</div></div>`;
    const [list] = findUserLists(document);
    const rows = list?.rows().map((row) => readRow(list, row));
    expect(rows?.map((row) => [row?.username, row?.displayName, row?.email])).toEqual(
      people.map(([login, name, email]) => [login, name, email]),
    );
    expect(rows?.map((row) => row?.status ?? row?.role)).toEqual(people.map(([, , , role]) => role));
  });

  it('reads the email written before a phone number in one field (Easy!Appointments)', () => {
    const people = [
      ['Tom Smith', 'tom.smith@firm.example', '+34 911 234 501'],
      ['Reception Desk', 'reception@firm.example', '+34 911 234 500'],
      ['Anna Kowalska', 'anna.kowalska@firm.example', ''],
      ['Super User', 'admin@firm.example', ''],
      ['Linh Nguyen', 'linh.nguyen@firm.example', '+34 699 120 884'],
    ] as const;
    document.body.innerHTML = `<h4>Proveedores</h4><div class="results">${people
      .map(
        ([name, email, phone], index) =>
          `<div class="provider-row entry" data-id="${index + 1}"><strong>${name}</strong><br><small class="text-muted">${phone ? `${email}, ${phone}` : email}</small><br></div>`,
      )
      .join('')}</div>`;
    const [list] = findUserLists(document);
    const rows = list?.rows().map((row) => readRow(list, row));
    expect(rows?.map((row) => [row?.username, row?.displayName, row?.email])).toEqual(
      people.map(([name, email]) => [email, name, email]),
    );
  });

  it('reads the pieces of a line set apart by dashes, in rows classed as users’, in a layout box named "nav" (Pydio Cells)', () => {
    const people = [
      ['tsmith', 'Tom Smith', 'Standard'],
      ['reception', 'Reception Desk', 'Standard'],
      ['akowalska', 'Anna Kowalska', 'Standard'],
      ['admin', 'Super User', 'Amministratore'],
    ] as const;
    document.body.innerHTML = `<div class="app-main"><div class="main-layout-nav-to-stack vertical-layout">
      <div class="layout-fill"><div class="material-list"><div><div>${people
        .map(
          ([
            login,
            name,
            profile,
          ]) => `<div class="material-list-entry listentry_idm-users-${login} ajxp_node_leaf">
            <div class="material-list-icon"><span class="mdi mdi-account"></span></div>
            <div class="material-list-text"><div class="material-list-line-1"><span>${name} </span></div>
              <div class="material-list-line-2">${login} - ${profile} - 2 ruoli</div></div>
            <div class="material-list-actions"><button type="button"><span class="mdi mdi-pencil"></span></button></div></div>`,
        )
        .join('')}</div></div></div></div></div></div>`;
    const [list] = findUserLists(document);
    const rows = list?.rows().map((row) => readRow(list, row));
    expect(rows?.map((row) => [row?.username, row?.displayName, row?.role])).toEqual(
      people.map(([login, name, profile]) => [login, name, profile]),
    );
  });

  it('reads records whose fields sit in a table of one row each, a handle beside the name (Mastodon)', () => {
    const people = [
      ['tsmith', 'Tom Smith', '2d'],
      ['reception', 'Reception Desk', 'Today'],
      ['akowalska', 'Anna Kowalska', '1d'],
      ['admin', 'Super User', 'Today'],
      ['jdoe', 'John Doe', 'Jun 30'],
    ] as const;
    document.body.innerHTML = `<form><div class="batch-table"><div class="batch-table__toolbar">
      <label><input type="checkbox"></label><button>Suspend</button></div>
      <div class="batch-table__body">${people
        .map(
          ([login, name, seen], index) => `<div class="batch-table__row">
          <label class="batch-table__row__select"><input type="checkbox" value="${index}"></label>
          <div class="batch-table__row__content"><table class="accounts-table"><tbody><tr>
            <td><div class="account account--minimal"><div class="account__wrapper"><a class="account__display-name" href="/admin/accounts/${index}">
              <div class="account__avatar-wrapper"><img class="account__avatar" src="/avatar.png" alt=""></div>
              <span class="display-name"><bdi><strong class="display-name__html">${name}</strong></bdi> <span class="display-name__account">@${login}</span></span></a></div></div></td>
            <td class="accounts-table__count">${index * 7}<small>posts</small></td>
            <td class="accounts-table__count">${seen}<small>last active</small></td>
            <td class="accounts-table__extra"><a title="${login}@firm.example" href="/admin/accounts?email=firm.example">firm.example</a></td>
          </tr></tbody></table></div></div>`,
        )
        .join('')}</div></div></form>`;
    const [list] = found();
    expect(list?.rows.map((row) => row?.slice(0, 2))).toEqual(people.map(([login, name]) => [login, name]));
  });

  it('reads a user’s details side by side past a drop-down menu kept hidden in each record (Kanboard)', () => {
    const people = [
      ['Tom Smith', 'Manager', 'tsmith'],
      ['Reception Desk', 'User', 'reception'],
      ['Anna Kowalska', 'User', 'akowalska'],
      ['Super User', 'Administrator', 'admin'],
    ] as const;
    const menu = ['View profile', 'Edit', 'Avatar', 'Change password', 'Public access', 'Notifications']
      .map((action) => `<li><a href="#"><i class="fa fa-user" aria-hidden="true"></i>${action}</a></li>`)
      .join('\n');
    document.body.innerHTML = `<style>.dropdown ul { display: none }</style><div class="table-list">
      <div class="table-list-header"><div class="table-list-header-count">4 users</div></div>${people
        .map(
          ([name, role, login], index) => `<div class="table-list-row">
            <div><div class="dropdown"><a href="#" class="dropdown-menu"><strong>#${index + 1}</strong></a><ul>${menu}</ul></div>
              <span class="table-list-title"><a href="/user/show/${index + 1}">${name}</a></span></div>
            <div class="table-list-details"><span class="table-list-category">${role}</span> <span>${login}</span>
              <span><a href="mailto:${login}@firm.example">${login}@firm.example</a></span></div></div>`,
        )
        .join('')}</div>`;
    expect(found()[0]?.rows).toEqual(
      people.map(([name, role, login]) => [login, name, `${login}@firm.example`, role]),
    );
  });

  it('leaves alone articles, comment threads, product cards, forms, menus and a key–value panel', () => {
    document.body.innerHTML = `
      <header><nav><ul><li><a href="/users/me">my profile</a></li><li><a href="/settings">settings</a></li></ul></nav></header>
      <main>
        ${Array.from(
          { length: 5 },
          (_, i) => `<article class="post"><h2>Quarterly Review ${i}</h2>
            <p>${'The partners met to discuss the figures for the quarter and agreed on next steps. '.repeat(8)}</p>
            <p>Posted by <a href="/authors/${i}">Editorial Team</a></p></article>`,
        ).join('')}
        <div class="products">${['Blue Shirt', 'Red Scarf', 'Green Hat']
          .map(
            (name, i) =>
              `<div class="product"><img src="p${i}.png" alt=""><h3>${name}</h3><span class="sku">sku-${i}10</span><span class="price">£${i}9.00</span></div>`,
          )
          .join('')}</div>
        <form><div class="field"><label>Username</label><input name="u"></div>
          <div class="field"><label>Password</label><input name="p" type="password"></div>
          <div class="field"><label>Remember</label><input type="checkbox"></div></form>
        <dl class="panel"><dt>Plan</dt><dd>Business</dd><dt>Seats</dt><dd>12</dd><dt>Renewal</dt><dd>2027-01-01</dd></dl>
        <ol class="steps"><li>Open settings</li><li>Choose a plan</li><li>Confirm</li></ol>
        <div class="tags"><span class="tag">finance</span><span class="tag">hr</span><span class="tag">legal</span></div>
      </main>
      <footer><ul><li>Imprint</li><li>Privacy</li></ul></footer>`;
    expect(found()).toEqual([]);
  });
});

/** A single-page app's member cards, for one page of a list. */
function memberCards(page: [name: string, login: string][]): string {
  return page
    .map(
      ([name, login]) => `<div class="member"><span class="avatar">${name[0]}</span>
        <span class="member-name">${name}</span><span class="member-login">@${login}</span></div>`,
    )
    .join('');
}

describe('records a single-page app draws', () => {
  it('are judged when drawn after the page loads, and again when the app draws the next page in place', async () => {
    document.body.innerHTML = '<div id="root"><p>Loading…</p></div>';
    const watcher = startInPageWarnings({ evaluate: evaluateFromPageAlone });
    await watcher.settled();
    expect(watcher.rows.size).toBe(0);
    const root = document.getElementById('root') as HTMLElement;
    root.innerHTML = `<h2>Members</h2><div class="members">${memberCards([
      ['Lena Hoffmann', 'lhoffmann'],
      ['Rezeption', 'rezeption'],
      ['Marc Dubois', 'mdubois'],
    ])}</div>`;
    await expect
      .poll(async () => {
        await watcher.settled();
        return [...document.querySelectorAll('.member')].map((card) => card.getAttribute('data-rollcall'));
      })
      .toEqual(['ok', 'generic', 'ok']);
    // Page 2, drawn into the same container.
    const list = root.querySelector('.members') as HTMLElement;
    list.innerHTML = memberCards([
      ['Front Desk', 'frontdesk'],
      ['Sofia Rossi', 'srossi'],
    ]);
    await expect
      .poll(async () => {
        await watcher.settled();
        return [...document.querySelectorAll('.member')].map((card) => card.getAttribute('data-rollcall'));
      })
      .toEqual(['generic', 'ok']);
    expect([...watcher.rows.values()].map((watched) => watched.row.username).sort()).toEqual([
      'frontdesk',
      'srossi',
    ]);
    watcher.stop();
  });
});
