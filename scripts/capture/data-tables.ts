import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  FIXTURE_FOLDER,
  labelsFor,
  launch,
  loginsOnPage,
  runStep,
  type SeedUser,
  saveFixture,
  writeJson,
} from './capture-page.ts';

/**
 * User lists drawn by data-table libraries from the npm registry, each with its header fixed above
 * rows that scroll, which every one of them draws as two tables: the header alone, then the rows
 * (see `rowsHalf` in extension/lib/page/layouts/table.ts). Each page is what a firm's own back
 * office built on the library shows: Ant Design 5 (React) for an insurance broker, Element Plus
 * (Vue 3) for a German clinic, DataTables 3 (jQuery 4, `scrollY`) over a server-rendered table for a
 * Dutch accountancy, DevExtreme's DataGrid for a French law firm (and, with its filter row, for a
 * Brazilian accounting office), w2ui's grid for a Spanish travel agency and Element UI 2 (Vue 2)
 * for a Chinese trading company, which draws its table again for its fixed columns. The libraries
 * are installed outside the project (`seed`), and their code is not committed; only what they drew.
 * How to run this: test/fixtures/pages/README.md.
 *
 *   node scripts/capture/data-tables.ts seed      # installs the libraries
 *   node scripts/capture/data-tables.ts capture   # draws each page, saves it and writes the labels
 *   node scripts/capture/data-tables.ts capture law-firm-users-devextreme   # only the pages named
 */

const PREFIX = process.env.DATA_TABLES_PREFIX ?? '/var/lib/rollcall-capture/data-tables';
const PACKAGES = [
  'antd@5.29.3',
  'react@18.3.1',
  'react-dom@18.3.1',
  'element-plus@2.14.8',
  'vue@3.5.47',
  'datatables.net-dt@3.1.2',
  'devextreme@26.1.5',
  'w2ui@2.0.0',
  'element-ui@2.15.14',
  // Element UI is for Vue 2, installed beside Element Plus's Vue 3 under another name.
  'vue2@npm:vue@2.7.16',
  'ant-design-vue@1.7.8',
  'view-design@4.7.0',
  '@fluentui/react@8.125.7',
  '@fluentui/react-components@9.74.11',
  '@patternfly/react-core@5.4.14',
  '@patternfly/react-table@5.4.16',
  'esbuild@0.28.2',
];

type Person = SeedUser & { email: string; role: string; status: string };

interface LibraryPage {
  name: string;
  title: string;
  lang: string;
  /** The library's stylesheets, under the prefix's node_modules. */
  styles: string[];
  /** The page's markup before the script runs (`#users` holds the rows as JSON). */
  body: (people: Person[]) => string;
  /** The entry the bundle is built from: draws the list from `#users`. */
  script: string;
  people: Person[];
  rowSelector: string;
  loginSelector: string;
  /** The layout that reads the list: DataTables declares its scrolling wrapper an ARIA table. */
  layout: 'table' | 'aria';
  /** The fields the list shows, where not a login, a name, an email, a role and a status. */
  columns?: readonly ('username' | 'displayName' | 'email' | 'role' | 'status' | 'firstName' | 'lastName')[];
  /** Packages the bundle takes from another name (`vue`: Vue 2 for Element UI). */
  alias?: Record<string, string>;
  description: string;
}

const person = (
  login: string,
  displayName: string,
  email: string,
  role: string,
  status: string,
  signedOut = 'ok',
): Person => ({ login, displayName, email, role, status, signedOut });

const BROKER: Person[] = [
  person('sarah.whitfield', 'Sarah Whitfield', 'sarah.whitfield@harbourcover.example', 'Director', 'Active'),
  person('dokafor', 'Daniel Okafor', 'daniel.okafor@harbourcover.example', 'Account executive', 'Active'),
  person('claims', 'Claims Team', 'claims@harbourcover.example', 'Claims handler', 'Active', 'generic'),
  person('mreyes', 'María Reyes', 'maria.reyes@harbourcover.example', 'Account executive', 'Active'),
  person(
    'renewals',
    'Renewals Desk',
    'renewals@harbourcover.example',
    'Account executive',
    'Active',
    'generic',
  ),
  person('priya.n', 'Priya Nair', 'priya.nair@harbourcover.example', 'Claims handler', 'Active'),
  person('admin', 'Administrator', 'it@harbourcover.example', 'Administrator', 'Active', 'default'),
  person('tom.lucy', 'Tom & Lucy', 'tom.lucy@harbourcover.example', 'Account executive', 'Active', 'shared'),
  person('jbrennan', 'James Brennan', 'james.brennan@harbourcover.example', 'Compliance', 'Active'),
  person('frontdesk', 'Front Desk', 'reception@harbourcover.example', 'Read only', 'Active', 'generic'),
  person('hwong', 'Helen Wong', 'helen.wong@harbourcover.example', 'Claims handler', 'Suspended'),
  // Suspended: a login that cannot sign in is not marked.
  person('temp2', 'Temp Cover', 'temp2@harbourcover.example', 'Read only', 'Suspended'),
];

const CLINIC: Person[] = [
  person('a.becker', 'Dr. Anna Becker', 'anna.becker@praxis-am-markt.example', 'Ärztin', 'aktiv'),
  person('empfang', 'Empfang', 'empfang@praxis-am-markt.example', 'Anmeldung', 'aktiv', 'generic'),
  person('t.wagner', 'Thomas Wagner', 'thomas.wagner@praxis-am-markt.example', 'MFA', 'aktiv'),
  person('labor', 'Labor', 'labor@praxis-am-markt.example', 'Labor', 'aktiv', 'generic'),
  person('s.yilmaz', 'Selin Yılmaz', 'selin.yilmaz@praxis-am-markt.example', 'MFA', 'aktiv'),
  person('abrechnung', 'Abrechnung', 'abrechnung@praxis-am-markt.example', 'Verwaltung', 'aktiv', 'generic'),
  person(
    'k.hoffmann',
    'Katrin Hoffmann',
    'katrin.hoffmann@praxis-am-markt.example',
    'Praxismanagerin',
    'aktiv',
  ),
  person('azubi2', 'Azubi', 'azubi@praxis-am-markt.example', 'MFA', 'aktiv', 'generic'),
  person('m.schulz', 'Michael Schulz', 'michael.schulz@praxis-am-markt.example', 'Arzt', 'aktiv'),
  person('praxis', 'Praxis am Markt', 'info@praxis-am-markt.example', 'Administrator', 'aktiv', 'generic'),
  person('j.krueger', 'Julia Krüger', 'julia.krueger@praxis-am-markt.example', 'MFA', 'gesperrt'),
];

const ACCOUNTANCY: Person[] = [
  person('jdevries', 'Jan de Vries', 'jan.devries@vanleeuwen-accountants.example', 'Vennoot', 'Actief'),
  person('balie', 'Balie', 'balie@vanleeuwen-accountants.example', 'Medewerker', 'Actief', 'generic'),
  person('sbakker', 'Sanne Bakker', 'sanne.bakker@vanleeuwen-accountants.example', 'Accountant', 'Actief'),
  person(
    'salarisadministratie',
    'Salarisadministratie',
    'salaris@vanleeuwen-accountants.example',
    'Medewerker',
    'Actief',
    'generic',
  ),
  person(
    'm.jansen',
    'Mohamed Jansen',
    'mohamed.jansen@vanleeuwen-accountants.example',
    'Assistent',
    'Actief',
  ),
  person('stagiair', 'Stagiair', 'stage@vanleeuwen-accountants.example', 'Assistent', 'Actief', 'generic'),
  person('evisser', 'Eva Visser', 'eva.visser@vanleeuwen-accountants.example', 'Accountant', 'Actief'),
  person(
    'piet.en.marloes',
    'Piet en Marloes',
    'secretariaat@vanleeuwen-accountants.example',
    'Secretariaat',
    'Actief',
    'shared',
  ),
  person('lmeijer', 'Lotte Meijer', 'lotte.meijer@vanleeuwen-accountants.example', 'Assistent', 'Actief'),
  // Inactive: a login that cannot sign in is not marked.
  person('test', 'Test', 'test@vanleeuwen-accountants.example', 'Medewerker', 'Inactief'),
  person(
    'administrator',
    'Administrator',
    'ict@vanleeuwen-accountants.example',
    'Beheerder',
    'Actief',
    'default',
  ),
];

const LAW_FIRM: Person[] = [
  person('c.martin', 'Claire Martin', 'claire.martin@martin-avocats.example', 'Associée', 'Actif'),
  person('accueil', 'Accueil', 'accueil@martin-avocats.example', 'Secrétariat', 'Actif', 'generic'),
  person('j.dubois', 'Julien Dubois', 'julien.dubois@martin-avocats.example', 'Avocat', 'Actif'),
  person(
    'secretariat',
    'Secrétariat',
    'secretariat@martin-avocats.example',
    'Assistante',
    'Actif',
    'generic',
  ),
  person('n.benali', 'Nadia Benali', 'nadia.benali@martin-avocats.example', 'Juriste', 'Actif'),
  person('comptabilite', 'Comptabilité', 'compta@martin-avocats.example', 'Comptable', 'Actif', 'generic'),
  person('stagiaire1', 'Stagiaire', 'stage@martin-avocats.example', 'Stagiaire', 'Actif', 'generic'),
  // Deactivated: a login that cannot sign in is not marked.
  person('p.lefevre', 'Pierre Lefèvre', 'pierre.lefevre@martin-avocats.example', 'Avocat', 'Désactivé'),
  person(
    'admin',
    'Administrateur',
    'informatique@martin-avocats.example',
    'Administrateur',
    'Actif',
    'default',
  ),
  person(
    'marie.et.luc',
    'Marie et Luc',
    'assistance@martin-avocats.example',
    'Assistante',
    'Actif',
    'shared',
  ),
  person('s.moreau', 'Sophie Moreau', 'sophie.moreau@martin-avocats.example', 'Avocate', 'Actif'),
];

const TRAVEL_AGENCY: Person[] = [
  person('lgarcia', 'Lucía García', 'lucia.garcia@solymar-viajes.example', 'Agente de viajes', 'Activo'),
  person('reservas', 'Reservas', 'reservas@solymar-viajes.example', 'Agente de viajes', 'Activo', 'generic'),
  person('jmartinez', 'Javier Martínez', 'javier.martinez@solymar-viajes.example', 'Gerente', 'Activo'),
  person('recepcion', 'Recepción', 'recepcion@solymar-viajes.example', 'Mostrador', 'Activo', 'generic'),
  person(
    'a.fernandez',
    'Ana Fernández',
    'ana.fernandez@solymar-viajes.example',
    'Agente de viajes',
    'Activo',
  ),
  person(
    'contabilidad',
    'Contabilidad',
    'contabilidad@solymar-viajes.example',
    'Administración',
    'Activo',
    'generic',
  ),
  person('becario', 'Becario', 'practicas@solymar-viajes.example', 'Prácticas', 'Activo', 'generic'),
  // Inactive: a login that cannot sign in is not marked.
  person(
    'crodriguez',
    'Carmen Rodríguez',
    'carmen.rodriguez@solymar-viajes.example',
    'Agente de viajes',
    'Inactivo',
  ),
  person('pablo.y.marta', 'Pablo y Marta', 'grupos@solymar-viajes.example', 'Grupos', 'Activo', 'shared'),
  person(
    'administrador',
    'Administrador',
    'sistemas@solymar-viajes.example',
    'Administrador',
    'Activo',
    'default',
  ),
  person('dlopez', 'Diego López', 'diego.lopez@solymar-viajes.example', 'Agente de viajes', 'Activo'),
];

const ACCOUNTING_OFFICE: Person[] = [
  person('r.almeida', 'Rafael Almeida', 'rafael.almeida@silva-contabil.example', 'Contador', 'Ativo'),
  person('recepcao', 'Recepção', 'recepcao@silva-contabil.example', 'Atendimento', 'Ativo', 'generic'),
  person('c.ferreira', 'Camila Ferreira', 'camila.ferreira@silva-contabil.example', 'Contadora', 'Ativo'),
  person('financeiro', 'Financeiro', 'financeiro@silva-contabil.example', 'Financeiro', 'Ativo', 'generic'),
  person('t.lima', 'Thiago Lima', 'thiago.lima@silva-contabil.example', 'Analista fiscal', 'Ativo'),
  person('estagiario', 'Estagiário', 'estagio@silva-contabil.example', 'Estagiário', 'Ativo', 'generic'),
  person('admin', 'Administrador', 'ti@silva-contabil.example', 'Administrador', 'Ativo', 'default'),
  person(
    'ana.e.paulo',
    'Ana e Paulo',
    'dp@silva-contabil.example',
    'Departamento pessoal',
    'Ativo',
    'shared',
  ),
  // Inactive: a login that cannot sign in is not marked.
  person('m.souza', 'Mariana Souza', 'mariana.souza@silva-contabil.example', 'Contadora', 'Inativo'),
  person('fiscal', 'Depto. Fiscal', 'fiscal@silva-contabil.example', 'Analista fiscal', 'Ativo', 'generic'),
];

const TRADING_COMPANY: Person[] = [
  person('zhang.wei', '张伟', 'zhang.wei@huaxin-trading.example', '总经理', '启用'),
  person('qiantai', '前台', 'qiantai@huaxin-trading.example', '行政', '启用', 'generic'),
  person('li.na', '李娜', 'li.na@huaxin-trading.example', '销售经理', '启用'),
  person('caiwu', '财务部', 'caiwu@huaxin-trading.example', '会计', '启用', 'generic'),
  person('liu.yang', '刘洋', 'liu.yang@huaxin-trading.example', '销售', '启用'),
  person('kefu', '客服', 'kefu@huaxin-trading.example', '客服专员', '启用', 'generic'),
  person('admin', '管理员', 'it@huaxin-trading.example', '系统管理员', '启用', 'default'),
  person('tony.amy', 'Tony & Amy', 'sales-intl@huaxin-trading.example', '外贸业务', '启用', 'shared'),
  // Switched off: a login that cannot sign in is not marked.
  person('wang.fang', '王芳', 'wang.fang@huaxin-trading.example', '会计', '停用'),
  person('chen.jie', '陈杰', 'chen.jie@huaxin-trading.example', '仓库主管', '启用'),
];

const INSURANCE_AGENCY: Person[] = [
  person('ivanov.a', 'Иванов Алексей Петрович', 'ivanov@volga-strakh.example', 'Директор', 'Активен'),
  person('smirnova', 'Смирнова Елена', 'smirnova@volga-strakh.example', 'Страховой агент', 'Активен'),
  person('Бухгалтерия', 'Бухгалтерия', 'buh@volga-strakh.example', 'Бухгалтер', 'Активен', 'generic'),
  person('priemnaya', 'Приёмная', 'office@volga-strakh.example', 'Секретарь', 'Активен', 'generic'),
  person(
    'kuznetsov.d',
    'Кузнецов Дмитрий',
    'kuznetsov@volga-strakh.example',
    'Урегулирование убытков',
    'Активен',
  ),
  person(
    'Администратор',
    'Администратор',
    'it@volga-strakh.example',
    'Администратор системы',
    'Активен',
    'default',
  ),
  person('olga.sergey', 'Ольга и Сергей', 'osago@volga-strakh.example', 'Агенты ОСАГО', 'Активен', 'shared'),
  // Switched off: a login that cannot sign in is not marked.
  person('popova.m', 'Попова Мария', 'popova@volga-strakh.example', 'Страховой агент', 'Заблокирован'),
  person('kassa1', 'Касса 1', 'kassa@volga-strakh.example', 'Кассир', 'Активен', 'generic'),
  person('Гость', 'Гость', 'guest@volga-strakh.example', 'Только просмотр', 'Активен', 'default'),
  person('volkov.i', 'Волков Игорь', 'volkov@volga-strakh.example', 'Юрист', 'Активен'),
  person('otdel.prodazh', 'Отдел продаж', 'sales@volga-strakh.example', 'Менеджер', 'Активен', 'generic'),
];

// A Microsoft 365 tenant's users: the login is the user principal name, an email.
const ACCOUNTANCY_FR: Person[] = [
  person('claire.moreau@cabinet-moreau.example', 'Claire Moreau', '', '', 'Connexion autorisée'),
  person('accueil@cabinet-moreau.example', 'Accueil', '', '', 'Connexion autorisée', 'generic'),
  person('julien.petit@cabinet-moreau.example', 'Julien Petit', '', '', 'Connexion autorisée'),
  person('comptabilite@cabinet-moreau.example', 'Comptabilité', '', '', 'Connexion autorisée', 'generic'),
  person('marie.paul@cabinet-moreau.example', 'Marie et Paul', '', '', 'Connexion autorisée', 'shared'),
  person('admin@cabinetmoreau.onmicrosoft.com', 'Administrateur', '', '', 'Connexion autorisée', 'default'),
  person('sophie.laurent@cabinet-moreau.example', 'Sophie Laurent', '', '', 'Connexion bloquée'),
  person('stagiaire@cabinet-moreau.example', 'Stagiaire', '', '', 'Connexion autorisée', 'generic'),
  person('nicolas.roux@cabinet-moreau.example', 'Nicolas Roux', '', '', 'Connexion autorisée'),
  person('scanner@cabinet-moreau.example', 'Scanner Copieur', '', '', 'Connexion autorisée', 'generic'),
  // Blocked: a login that cannot sign in is not marked.
  person('paie@cabinet-moreau.example', 'Service Paie', '', '', 'Connexion bloquée'),
];

const TRAVEL_AGENCY_IT: Person[] = [
  person('m.rossi', 'Marco Rossi', 'marco.rossi@viaggi-sole.example', 'Titolare', 'Attivo'),
  person('accettazione', 'Accettazione', 'info@viaggi-sole.example', 'Banco', 'Attivo', 'generic'),
  person('g.bianchi', 'Giulia Bianchi', 'giulia.bianchi@viaggi-sole.example', 'Consulente', 'Attivo'),
  person(
    'segreteria',
    'Segreteria',
    'segreteria@viaggi-sole.example',
    'Amministrazione',
    'Attivo',
    'generic',
  ),
  person('cassa1', 'Cassa 1', 'cassa@viaggi-sole.example', 'Banco', 'Attivo', 'generic'),
  person(
    'marco.giulia',
    'Marco e Giulia',
    'prenotazioni@viaggi-sole.example',
    'Consulente',
    'Attivo',
    'shared',
  ),
  person('admin', 'Amministratore', 'it@viaggi-sole.example', 'Amministratore', 'Attivo', 'default'),
  person('l.ferrari', 'Luca Ferrari', 'luca.ferrari@viaggi-sole.example', 'Consulente', 'Attivo'),
  person('tirocinante', 'Tirocinante', 'stage@viaggi-sole.example', 'Consulente', 'Attivo', 'generic'),
  person(
    'f.esposito',
    'Francesca Esposito',
    'francesca.esposito@viaggi-sole.example',
    'Consulente',
    'Disattivato',
  ),
];

const LAW_FIRM_DE: Person[] = [
  person('a.berger', 'Anna Berger', 'anna.berger@kanzlei-berger.example', '', ''),
  person('sekretariat', 'Sekretariat Kanzlei', 'sekretariat@kanzlei-berger.example', '', '', 'generic'),
  person('m.keller', 'Markus Keller', 'markus.keller@kanzlei-berger.example', '', ''),
  person('buchhaltung', 'Buchhaltung Kanzlei', 'buchhaltung@kanzlei-berger.example', '', '', 'generic'),
  person('l.schmidt', 'Lena Schmidt', 'lena.schmidt@kanzlei-berger.example', '', ''),
  person('admin', 'Admin Kanzlei', 'it@kanzlei-berger.example', '', '', 'default'),
  person('p.wolf', 'Peter Wolf', 'peter.wolf@kanzlei-berger.example', '', ''),
  // Deactivated, shown by a tag beside the login: a desk that cannot sign in is not marked.
  person('empfang2', 'Empfang Zweigstelle', 'empfang@kanzlei-berger.example', '', 'Deaktiviert'),
  person('referendar1', 'Referendar Kanzlei', 'referendar@kanzlei-berger.example', '', '', 'generic'),
  person('j.fischer', 'Jana Fischer', 'jana.fischer@kanzlei-berger.example', '', ''),
];

const KOREAN_CLINIC: Person[] = [
  person('minjun.kim', '김민준', 'minjun.kim@hanbit-clinic.example', '원장', '활성'),
  person('seoyeon.lee', '이서연', 'seoyeon.lee@hanbit-clinic.example', '간호사', '활성'),
  person('u1001', '접수처', 'desk@hanbit-clinic.example', '접수', '활성', 'generic'),
  person('wonmu', '원무과', 'wonmu@hanbit-clinic.example', '원무', '활성', 'generic'),
  person('jihoon.park', '박지훈', 'jihoon.park@hanbit-clinic.example', '물리치료사', '활성'),
  person('admin', '관리자', 'it@hanbit-clinic.example', '시스템 관리자', '활성', 'default'),
  person('minji.yuna', '김민지 및 최유나', 'ward2@hanbit-clinic.example', '간호사', '활성', 'shared'),
  // Switched off: a login that cannot sign in is not marked.
  person('sumin.choi', '최수민', 'sumin.choi@hanbit-clinic.example', '간호조무사', '비활성'),
  person('u1002', '테스트 계정', 'test@hanbit-clinic.example', '테스트', '활성', 'generic'),
  person('hyunwoo.jung', '정현우', 'hyunwoo.jung@hanbit-clinic.example', '방사선사', '활성'),
];

const TRAVEL_AGENCY_TR: Person[] = [
  person('ayse.yilmaz', 'Ayşe Yılmaz', 'ayse.yilmaz@mavi-tur.example', 'Genel Müdür', 'Aktif'),
  person('resepsiyon', 'Resepsiyon', 'resepsiyon@mavi-tur.example', 'Ön Büro', 'Aktif', 'generic'),
  person('mehmet.demir', 'Mehmet Demir', 'mehmet.demir@mavi-tur.example', 'Satış Temsilcisi', 'Aktif'),
  person('muhasebe', 'Muhasebe', 'muhasebe@mavi-tur.example', 'Muhasebe', 'Aktif', 'generic'),
  person('zeynep.kaya', 'Zeynep Kaya', 'zeynep.kaya@mavi-tur.example', 'Rezervasyon', 'Aktif'),
  person('admin', 'Yönetici', 'it@mavi-tur.example', 'Sistem Yöneticisi', 'Aktif', 'default'),
  person('ali.elif', 'Ali ve Elif', 'grup@mavi-tur.example', 'Grup Satış', 'Aktif', 'shared'),
  // Switched off: a login that cannot sign in is not marked.
  person('burak.celik', 'Burak Çelik', 'burak.celik@mavi-tur.example', 'Satış Temsilcisi', 'Pasif'),
  person('stajyer2', 'Stajyer', 'staj@mavi-tur.example', 'Stajyer', 'Aktif', 'generic'),
  person('emre.sahin', 'Emre Şahin', 'emre.sahin@mavi-tur.example', 'Operasyon', 'Aktif'),
];

const LAW_OFFICE_PL: Person[] = [
  person(
    'anna.kowalska',
    'Anna Kowalska',
    'anna.kowalska@kancelaria-nowak.example',
    'Radca prawny',
    'Aktywny',
  ),
  person('recepcja', 'Recepcja', 'recepcja@kancelaria-nowak.example', 'Sekretariat', 'Aktywny', 'generic'),
  person(
    'piotr.wisniewski',
    'Piotr Wiśniewski',
    'piotr.wisniewski@kancelaria-nowak.example',
    'Adwokat',
    'Aktywny',
  ),
  person('ksiegowosc', 'Księgowość', 'ksiegowosc@kancelaria-nowak.example', 'Księgowa', 'Aktywny', 'generic'),
  person('m.zielinska', 'Magdalena Zielińska', 'm.zielinska@kancelaria-nowak.example', 'Aplikant', 'Aktywny'),
  person(
    'admin',
    'Administrator',
    'it@kancelaria-nowak.example',
    'Administrator systemu',
    'Aktywny',
    'default',
  ),
  person(
    'ewa.tomasz',
    'Ewa i Tomasz',
    'asystenci@kancelaria-nowak.example',
    'Asystenci',
    'Aktywny',
    'shared',
  ),
  // Switched off: a login that cannot sign in is not marked.
  person('k.wojcik', 'Krzysztof Wójcik', 'k.wojcik@kancelaria-nowak.example', 'Adwokat', 'Zablokowany'),
  person(
    'praktykant1',
    'Praktykant',
    'praktyki@kancelaria-nowak.example',
    'Praktykant',
    'Aktywny',
    'generic',
  ),
  person(
    'j.lewandowski',
    'Jakub Lewandowski',
    'j.lewandowski@kancelaria-nowak.example',
    'Radca prawny',
    'Aktywny',
  ),
];

const usersJson = (people: Person[]) =>
  `<script type="application/json" id="users">${JSON.stringify(
    people.map(({ login, displayName, email, role, status }) => ({
      login,
      displayName,
      email,
      role,
      status,
    })),
  )}</script>`;

const htmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const PAGES: LibraryPage[] = [
  {
    name: 'broker-users-ant-design',
    title: 'Users · Harbour Cover',
    lang: 'en',
    styles: ['antd/dist/reset.css'],
    body: (people) =>
      `<main style="padding:24px"><h1>Users</h1><div id="root"></div></main>${usersJson(people)}`,
    script: `
      import React from 'react';
      import { createRoot } from 'react-dom/client';
      import { Table, Tag } from 'antd';
      const users = JSON.parse(document.getElementById('users').textContent);
      const columns = [
        { title: 'Username', dataIndex: 'login', key: 'login', sorter: (a, b) => a.login.localeCompare(b.login) },
        { title: 'Name', dataIndex: 'displayName', key: 'displayName' },
        { title: 'Email', dataIndex: 'email', key: 'email' },
        { title: 'Role', dataIndex: 'role', key: 'role', render: (role) => React.createElement(Tag, null, role) },
        { title: 'Status', dataIndex: 'status', key: 'status' },
      ];
      createRoot(document.getElementById('root')).render(
        React.createElement(Table, {
          columns,
          dataSource: users.map((user) => ({ ...user, key: user.login })),
          rowSelection: {},
          scroll: { y: 420 },
          pagination: false,
        }),
      );`,
    people: BROKER,
    rowSelector: '.ant-table-body tbody > tr.ant-table-row',
    layout: 'table',
    loginSelector: 'td:nth-child(2)',
    description:
      "The users of an insurance broker's back office built on Ant Design 5.29 (React 18), its Table with a selection column, a sortable Username column, roles as tags and the header fixed while the rows scroll (`scroll.y`), drawn by the library and saved with scripts left out and stylesheets inline. Ant Design draws such a table in two: a table holding only the header (`.ant-table-header`), then the rows in a table of their own (`.ant-table-body`) whose first row is an empty, hidden row that sizes the columns. Account executives, claims handlers and a director; desks and teams ('claims', 'renewals', 'frontdesk'), the built-in 'admin', a login two people share ('Tom & Lucy'), and two suspended logins, which are not marked.",
  },
  {
    name: 'clinic-users-element-plus',
    title: 'Benutzerverwaltung – Praxis am Markt',
    lang: 'de',
    styles: ['element-plus/dist/index.css'],
    body: (people) =>
      `<main style="padding:24px"><h1>Benutzerverwaltung</h1><div id="root"></div></main>${usersJson(people)}`,
    script: `
      import { createApp, h } from 'vue';
      import ElementPlus, { ElTable, ElTableColumn, ElTag } from 'element-plus';
      const users = JSON.parse(document.getElementById('users').textContent);
      createApp({
        render: () =>
          h(ElTable, { data: users, height: 420, stripe: true, style: 'width: 100%' }, () => [
            h(ElTableColumn, { type: 'selection', width: 45 }),
            h(ElTableColumn, { prop: 'login', label: 'Benutzername', sortable: true }),
            h(ElTableColumn, { prop: 'displayName', label: 'Name' }),
            h(ElTableColumn, { prop: 'email', label: 'E-Mail', width: 300 }),
            h(ElTableColumn, { prop: 'role', label: 'Rolle' }, { default: ({ row }) => h(ElTag, null, () => row.role) }),
            h(ElTableColumn, { prop: 'status', label: 'Status' }),
          ]),
      })
        .use(ElementPlus)
        .mount('#root');`,
    people: CLINIC,
    rowSelector: '.el-table__body-wrapper tbody > tr.el-table__row',
    layout: 'table',
    loginSelector: 'td:nth-child(2)',
    description:
      "The users of a German medical practice's administration built on Element Plus 2.14 (Vue 3.5), its ElTable with a selection column, a sortable Benutzername column, roles as tags, striped rows and a fixed height, so the header stays while the rows scroll; drawn by the library and saved with scripts left out and stylesheets inline. Element Plus draws it in two: a table holding only the header (`.el-table__header-wrapper`), then the rows in a table of their own, inside the body wrapper's scroll bar. Doctors and medical assistants; desks and functions in German ('empfang', 'labor', 'abrechnung', 'azubi2', 'praxis'), and a blocked assistant ('gesperrt'), who is not marked.",
  },
  {
    name: 'accountancy-users-datatables',
    title: 'Gebruikers – Van Leeuwen Accountants',
    lang: 'nl',
    styles: ['datatables.net-dt/css/dataTables.dataTables.css'],
    body: (people) => `<main style="padding:24px"><h1>Gebruikers</h1>
      <table id="users-table" class="display" style="width:100%"><thead><tr><th>Gebruikersnaam</th><th>Naam</th><th>E-mail</th><th>Rol</th><th>Status</th><th>Acties</th></tr></thead><tbody>
      ${people
        .map(
          (p) =>
            `<tr><td><a href="/gebruikers/${htmlText(p.login)}">${htmlText(p.login)}</a></td><td>${htmlText(p.displayName ?? '')}</td><td>${htmlText(p.email)}</td><td>${htmlText(p.role)}</td><td>${htmlText(p.status)}</td><td><a href="/gebruikers/${htmlText(p.login)}/bewerken">Bewerken</a></td></tr>`,
        )
        .join('\n')}
      </tbody></table></main>`,
    script: `
      import DataTable from 'datatables.net-dt';
      new DataTable('#users-table', {
        scrollY: '420px',
        scrollCollapse: true,
        paging: false,
        language: {
          search: 'Zoeken:',
          info: '_START_ tot _END_ van _TOTAL_ gebruikers',
          infoEmpty: 'Geen gebruikers',
          zeroRecords: 'Geen gebruikers gevonden',
        },
      });`,
    people: ACCOUNTANCY,
    rowSelector: '.dt-scroll-body tbody > tr',
    layout: 'aria',
    loginSelector: 'td:nth-child(1)',
    description:
      "The users of a Dutch accountancy's portal, a server-rendered table that DataTables 3.1 (jQuery 4.1) turns into a searchable list whose header stays while the rows scroll (`scrollY`), saved as drawn with scripts left out and stylesheets inline. DataTables draws it in two: a table holding only the header (`.dt-scroll-head`), then the page's own table with the rows (`.dt-scroll-body`), whose own header it keeps as an invisible row that sizes the columns; the wrapper of both is declared an ARIA table (`role=table`, its rows `role=row`, the two tables `role=none`), and is read as the list. Each login is a link; a row action (Bewerken) per user. Accountants and assistants; desks and functions in Dutch ('balie', 'salarisadministratie', 'stagiair'), a login two people share ('Piet en Marloes'), the built-in 'administrator', and an inactive test login, which is not marked.",
  },
  {
    name: 'law-firm-users-devextreme',
    title: 'Utilisateurs – Cabinet Martin & Associés',
    lang: 'fr',
    styles: ['devextreme/dist/css/dx.light.css'],
    body: (people) =>
      `<main style="padding:24px"><h1>Utilisateurs</h1><div id="grid"></div></main>${usersJson(people)}`,
    script: `
      import DataGrid from 'devextreme/ui/data_grid';
      new DataGrid(document.getElementById('grid'), {
        dataSource: JSON.parse(document.getElementById('users').textContent),
        keyExpr: 'login',
        height: 420,
        showBorders: true,
        selection: { mode: 'multiple' },
        columns: [
          { dataField: 'login', caption: 'Identifiant' },
          { dataField: 'displayName', caption: 'Nom' },
          { dataField: 'email', caption: 'E-mail', width: 300 },
          { dataField: 'role', caption: 'Rôle' },
          { dataField: 'status', caption: 'Statut' },
        ],
      });`,
    people: LAW_FIRM,
    rowSelector: '.dx-datagrid-rowsview tr.dx-data-row',
    layout: 'table',
    loginSelector: 'td:nth-child(2)',
    description:
      "The users of a French law firm's intranet built on DevExtreme 26.1's DataGrid (unlicensed, so it shows its evaluation notice above the page), with a selection column and a fixed height, drawn by the library and saved with scripts left out and stylesheets inline. DevExtreme draws the header and the rows as two tables, each `role=presentation`: the header a single row of `td role=columnheader`s with no `<thead>`, the rows in a `role=grid` wrapper below it. Lawyers, a paralegal and an associate; desks and functions in French ('accueil', 'secretariat', 'comptabilite', 'stagiaire1'), a login two people share ('Marie et Luc'), the built-in 'admin', and a deactivated lawyer, who is not marked.",
  },
  {
    name: 'travel-agency-users-w2ui',
    title: 'Usuarios – Viajes Sol y Mar',
    lang: 'es',
    styles: ['w2ui/w2ui-2.0.min.css'],
    body: (people) =>
      `<main style="padding:24px"><h1>Usuarios</h1><div id="grid" style="width:1000px;height:420px"></div></main>${usersJson(people)}`,
    script: `
      import { w2grid } from 'w2ui/w2ui-2.0.es6.min.js';
      new w2grid({
        name: 'usuarios',
        box: '#grid',
        show: { selectColumn: true },
        columns: [
          { field: 'login', text: 'Usuario', size: '18%' },
          { field: 'displayName', text: 'Nombre', size: '20%' },
          { field: 'email', text: 'Correo electrónico', size: '30%' },
          { field: 'role', text: 'Rol', size: '18%' },
          { field: 'status', text: 'Estado', size: '14%' },
        ],
        records: JSON.parse(document.getElementById('users').textContent).map((user, i) => ({ recid: i + 1, ...user })),
      });`,
    people: TRAVEL_AGENCY,
    rowSelector: '.w2ui-grid-records tr.w2ui-record',
    layout: 'table',
    loginSelector: 'td:nth-child(2)',
    description:
      "The users of a Spanish travel agency's back office built on w2ui 2.0's grid, with a selection column and a fixed size, drawn by the library and saved with scripts left out and stylesheets inline. w2ui draws the rows and the header as tables of their own, the rows first: the records' table (`.w2ui-grid-records`, a spacer cell before each row's cells, a row of empty cells sizing the columns above the records and empty rows filling the box below them), then the frozen selection column's tables, then the header's, a single row of `td`s with no `<thead>` (`.w2ui-grid-columns`). Travel agents and a manager; desks and functions in Spanish ('reservas', 'recepcion', 'contabilidad', 'becario'), a login two people share ('Pablo y Marta'), the built-in 'administrador', and an inactive agent, who is not marked.",
  },
  {
    name: 'accounting-office-users-devextreme-filters',
    title: 'Usuários – Silva & Filhos Contabilidade',
    lang: 'pt-BR',
    styles: ['devextreme/dist/css/dx.light.css'],
    body: (people) =>
      `<main style="padding:24px"><h1>Usuários</h1><div id="grid"></div></main>${usersJson(people)}`,
    script: `
      import DataGrid from 'devextreme/ui/data_grid';
      new DataGrid(document.getElementById('grid'), {
        dataSource: JSON.parse(document.getElementById('users').textContent),
        keyExpr: 'login',
        height: 460,
        showBorders: true,
        filterRow: { visible: true },
        headerFilter: { visible: true },
        searchPanel: { visible: true },
        groupPanel: { visible: true },
        columns: [
          { dataField: 'login', caption: 'Usuário' },
          { dataField: 'displayName', caption: 'Nome' },
          { dataField: 'email', caption: 'E-mail', width: 300 },
          { dataField: 'role', caption: 'Função' },
          { dataField: 'status', caption: 'Situação' },
        ],
      });`,
    people: ACCOUNTING_OFFICE,
    rowSelector: '.dx-datagrid-rowsview tr.dx-data-row',
    layout: 'table',
    loginSelector: 'td:nth-child(1)',
    description:
      "The users of a Brazilian accounting office's back office built on DevExtreme 26.1's DataGrid (unlicensed, so it shows its evaluation notice above the page) with its filter row, header filters, search panel and group panel shown, drawn by the library and saved with scripts left out and stylesheets inline. The header is a table of its own with no `<thead>`: a row of `td role=columnheader`s naming the columns, then the filter row, a `td` per column holding a menu of filter operations (an icon, no text) and a text box; the rows are in a `role=grid` wrapper below it. Accountants and an analyst; desks and functions in Portuguese ('recepcao', 'financeiro', 'fiscal', 'estagiario'), a login two people share ('Ana e Paulo'), the built-in 'admin', and an inactive accountant, who is not marked.",
  },
  {
    name: 'trading-company-users-element-ui',
    title: '用户管理 – 华信贸易',
    lang: 'zh-CN',
    styles: ['element-ui/lib/theme-chalk/index.css'],
    alias: { vue: 'vue2/dist/vue.common.prod.js' },
    body: (people) => `<div id="app"></div>${usersJson(people)}`,
    script: `
      import Vue from 'vue';
      import ElementUI from 'element-ui';
      Vue.use(ElementUI);
      new Vue({
        el: '#app',
        data: { users: JSON.parse(document.getElementById('users').textContent) },
        template: \`<main style="padding:24px"><h1>用户管理</h1>
          <el-table :data="users" height="360" style="width: 900px" border>
            <el-table-column type="selection" width="48" fixed></el-table-column>
            <el-table-column prop="login" label="用户名" width="150" fixed></el-table-column>
            <el-table-column prop="displayName" label="姓名" width="160"></el-table-column>
            <el-table-column prop="email" label="邮箱" width="300"></el-table-column>
            <el-table-column prop="role" label="角色" width="160"></el-table-column>
            <el-table-column prop="status" label="状态" width="100" fixed="right"></el-table-column>
          </el-table></main>\`,
      });`,
    people: TRADING_COMPANY,
    rowSelector: '.el-table__fixed .el-table__fixed-body-wrapper tr.el-table__row',
    layout: 'table',
    loginSelector: 'td:nth-child(2)',
    description:
      "The users of a Chinese trading company's back office built on Element UI 2.15 (Vue 2), with a selection column and the login fixed on the left, the status on the right, and a fixed height, drawn by the library and saved with scripts left out and stylesheets inline. Element UI draws the whole table three times, each as a header table above a table of rows: the table itself, then over it a copy for the columns fixed on the left (`.el-table__fixed`) and one for those on the right (`.el-table__fixed-right`), each copy hiding the content of the cells of the columns it does not show (`is-hidden`). The list is read once, from the left copy, where the logins show. Managers, sales and accounts; desks and functions in pinyin ('qiantai', 'caiwu', 'kefu'), a login two people share ('Tony & Amy'), the built-in 'admin', and a switched-off accountant (停用), who is not marked.",
  },
  {
    name: 'insurance-agency-users-ru',
    title: 'Пользователи – Волга-Страхование',
    lang: 'ru',
    styles: ['datatables.net-dt/css/dataTables.dataTables.css'],
    body: (people) => `<main style="padding:24px"><h1>Пользователи</h1>
      <table id="users-table" class="display" style="width:100%"><thead><tr><th>Логин</th><th>ФИО</th><th>Эл. почта</th><th>Роль</th><th>Статус</th></tr></thead><tbody>
      ${people
        .map(
          (p) =>
            `<tr><td>${htmlText(p.login)}</td><td>${htmlText(p.displayName ?? '')}</td><td>${htmlText(p.email)}</td><td>${htmlText(p.role)}</td><td>${htmlText(p.status)}</td></tr>`,
        )
        .join('\n')}
      </tbody></table></main>`,
    script: `
      import DataTable from 'datatables.net-dt';
      new DataTable('#users-table', {
        paging: false,
        language: {
          search: 'Поиск:',
          info: 'Пользователи с _START_ по _END_ из _TOTAL_',
          infoEmpty: 'Нет пользователей',
          zeroRecords: 'Пользователи не найдены',
        },
      });`,
    people: INSURANCE_AGENCY,
    rowSelector: '#users-table tbody > tr',
    layout: 'table',
    loginSelector: 'td:nth-child(1)',
    description:
      "The users of a Russian insurance agency's back office, a server-rendered table that DataTables 3.1 turns into a searchable, sortable list (no scrolling, no paging), headed in Russian (Логин, ФИО, Эл. почта, Роль, Статус), saved as drawn with scripts left out and stylesheets inline. Agents, a lawyer and a claims handler, their names written surname first in Cyrillic beside logins in Latin letters; logins written in Cyrillic ('Бухгалтерия', the built-in 'Администратор' and 'Гость'), desks in Latin letters shown by their Russian names ('priemnaya' as Приёмная, 'kassa1', 'otdel.prodazh'), a login two people share ('Ольга и Сергей'), and a blocked agent ('Заблокирован'), who is not marked.",
  },
  {
    name: 'clinic-users-ko-ant-design',
    title: '사용자 관리 – 한빛의원',
    lang: 'ko',
    styles: ['antd/dist/reset.css'],
    body: (people) =>
      `<main style="padding:24px"><h1>사용자 관리</h1><div id="root"></div></main>${usersJson(people)}`,
    script: `
      import React from 'react';
      import { createRoot } from 'react-dom/client';
      import { ConfigProvider, Table, Tag } from 'antd';
      import koKR from 'antd/locale/ko_KR';
      const users = JSON.parse(document.getElementById('users').textContent);
      const columns = [
        { title: '아이디', dataIndex: 'login', key: 'login' },
        { title: '이름', dataIndex: 'displayName', key: 'displayName' },
        { title: '이메일', dataIndex: 'email', key: 'email' },
        { title: '역할', dataIndex: 'role', key: 'role' },
        {
          title: '상태',
          dataIndex: 'status',
          key: 'status',
          render: (status) => React.createElement(Tag, { color: status === '활성' ? 'green' : 'default' }, status),
        },
      ];
      createRoot(document.getElementById('root')).render(
        React.createElement(
          ConfigProvider,
          { locale: koKR },
          React.createElement(Table, {
            columns,
            dataSource: users.map((user) => ({ ...user, key: user.login })),
            pagination: { pageSize: 20, showTotal: (total) => '총 ' + total + '명' },
          }),
        ),
      );`,
    people: KOREAN_CLINIC,
    rowSelector: '.ant-table-tbody > tr.ant-table-row',
    layout: 'table',
    loginSelector: 'td:nth-child(1)',
    description:
      "The users of a Korean clinic's administration built on Ant Design 5.29 (React 18) in Korean (`ko_KR`), its Table with a pager showing the total (총 10명) and statuses as tags, headed 아이디, 이름, 이메일, 역할, 상태, drawn by the library and saved with scripts left out and stylesheets inline. Doctors, nurses and a radiographer, named in Hangul beside logins in Latin letters; the reception desk and the patients' office named only in Hangul beside a numbered or romanised login ('u1001' shown as 접수처, 'wonmu' as 원무과), a test login ('u1002' shown as 테스트 계정), the built-in 'admin' (관리자), a login two nurses share ('김민지 및 최유나'), and a switched-off assistant (비활성), who is not marked.",
  },
  {
    name: 'travel-agency-users-ant-design-vue',
    title: 'Kullanıcılar – Mavi Tur',
    lang: 'tr',
    styles: ['ant-design-vue/dist/antd.min.css'],
    alias: { vue: 'vue2/dist/vue.common.prod.js' },
    body: (people) => `<div id="app"></div>${usersJson(people)}`,
    script: `
      import Vue from 'vue';
      import Antd from 'ant-design-vue';
      Vue.use(Antd);
      new Vue({
        el: '#app',
        data: {
          users: JSON.parse(document.getElementById('users').textContent),
          columns: [
            { title: 'Kullanıcı adı', dataIndex: 'login', width: 160, fixed: 'left' },
            { title: 'Ad Soyad', dataIndex: 'displayName', width: 180 },
            { title: 'E-posta', dataIndex: 'email', width: 300 },
            { title: 'Rol', dataIndex: 'role', width: 200 },
            { title: 'Durum', dataIndex: 'status', width: 120, fixed: 'right' },
          ],
        },
        template: \`<main style="padding:24px"><h1>Kullanıcılar</h1>
          <a-table :columns="columns" :data-source="users" row-key="login" :row-selection="{}"
            :scroll="{ x: 1100, y: 360 }" :pagination="false" style="width: 900px"></a-table></main>\`,
      });`,
    people: TRAVEL_AGENCY_TR,
    rowSelector: '.ant-table-scroll .ant-table-body tr.ant-table-row',
    layout: 'table',
    loginSelector: 'td:nth-child(2)',
    description:
      "The users of a Turkish travel agency's back office built on ant-design-vue 1.7 (Vue 2, the Ant Design 3 table), with a selection column and the login fixed on the left, the status on the right, a fixed height and a table wider than its box, drawn by the library and saved with scripts left out and stylesheets inline. The table is drawn whole (a header table above a table of rows, `.ant-table-scroll`), then over it a copy of only the columns fixed on each side, each a header table above a table of rows (`.ant-table-fixed-left`: the selection box and the login; `.ant-table-fixed-right`: the status). The list is read once, from the whole table, and its badges are drawn over the left copy, where the logins show. Agents, an accountant and operations; desks and functions in Turkish ('resepsiyon', 'muhasebe', 'stajyer2'), a login two people share ('Ali ve Elif'), the built-in 'admin', and an agent switched off ('Pasif'), who is not marked.",
  },
  {
    name: 'law-office-users-view-ui',
    title: 'Użytkownicy – Kancelaria Nowak',
    lang: 'pl',
    styles: ['view-design/dist/styles/iview.css'],
    alias: { vue: 'vue2/dist/vue.common.prod.js' },
    body: (people) => `<div id="app"></div>${usersJson(people)}`,
    script: `
      import Vue from 'vue';
      import ViewUI from 'view-design';
      Vue.use(ViewUI);
      new Vue({
        el: '#app',
        data: {
          users: JSON.parse(document.getElementById('users').textContent),
          columns: [
            { type: 'selection', width: 60, fixed: 'left' },
            { title: 'Nazwa użytkownika', key: 'login', width: 170, fixed: 'left' },
            { title: 'Imię i nazwisko', key: 'displayName', width: 190 },
            { title: 'E-mail', key: 'email', width: 320 },
            { title: 'Rola', key: 'role', width: 200 },
            { title: 'Status', key: 'status', width: 130, fixed: 'right' },
          ],
        },
        template: \`<main style="padding:24px"><h1>Użytkownicy</h1>
          <i-table :columns="columns" :data="users" height="400" width="900" border></i-table></main>\`,
      });`,
    people: LAW_OFFICE_PL,
    rowSelector: '.ivu-table-fixed .ivu-table-fixed-body tr.ivu-table-row',
    layout: 'table',
    loginSelector: 'td:nth-child(2)',
    description:
      "The users of a Polish law office's back office built on View UI 4.7 (iView, Vue 2), with a selection column and the login fixed on the left, the status on the right, and a fixed size, drawn by the library and saved with scripts left out and stylesheets inline. View UI draws the whole table three times, each as a header table above a table of rows: the table itself, then over it a copy for the columns fixed on the left (`.ivu-table-fixed`) and one for those on the right (`.ivu-table-fixed-right`), each hiding the cells of the columns it does not show (`ivu-table-hidden`); the right copy puts its fixed column first. The list is read once, from the left copy, where the logins show. Lawyers and a trainee; desks and functions in Polish ('recepcja', 'ksiegowosc', 'praktykant1'), a login two people share ('Ewa i Tomasz'), the built-in 'admin', and a blocked lawyer ('Zablokowany'), who is not marked.",
  },
  {
    name: 'accountancy-users-fluent-detailslist',
    title: 'Utilisateurs actifs - Centre d’administration Microsoft 365',
    lang: 'fr',
    styles: [],
    body: (people) =>
      `<main style="padding:24px"><h1>Utilisateurs actifs</h1><div id="root" style="width:1100px"></div></main>${usersJson(people)}`,
    script: `
      import React from 'react';
      import { createRoot } from 'react-dom/client';
      import { DetailsList, Link, Selection, SelectionMode } from '@fluentui/react';
      const users = JSON.parse(document.getElementById('users').textContent);
      const h = React.createElement;
      const columns = [
        { key: 'displayName', name: 'Nom d’affichage', fieldName: 'displayName', minWidth: 180, isResizable: true,
          onRender: (user) => h(Link, { onClick: () => {} }, user.displayName) },
        { key: 'login', name: 'Nom d’utilisateur', fieldName: 'login', minWidth: 300, isResizable: true },
        { key: 'licences', name: 'Licences', minWidth: 240, onRender: (user, index) => (index % 3 ? 'Microsoft 365 Business Standard' : 'Sans licence') },
        { key: 'status', name: 'État de connexion', fieldName: 'status', minWidth: 160 },
      ];
      createRoot(document.getElementById('root')).render(
        h(DetailsList, {
          items: users.map((user) => ({ ...user, key: user.login })),
          columns,
          selection: new Selection(),
          selectionMode: SelectionMode.multiple,
          setKey: 'users',
        }),
      );`,
    people: ACCOUNTANCY_FR,
    columns: ['username', 'displayName', 'status'],
    rowSelector: '.ms-DetailsRow[role=row]',
    layout: 'aria',
    loginSelector: '.ms-DetailsRow-cell:nth-child(2)',
    description:
      "The active users of a French accountancy firm's Microsoft 365 tenant, listed as the Microsoft 365 admin center lists them: Fluent UI 8's DetailsList (React 18), an ARIA grid of `div`s with a selection column, headed in French (Nom d’affichage, Nom d’utilisateur, Licences, État de connexion), drawn by the library and saved with scripts left out and stylesheets inline. Each user's name is a button styled as a link (Fluent UI's `Link`, which opens the user's panel), and each login is an email, the user principal name. Accountants and an assistant; desks and a copier's scanning login ('accueil', 'comptabilite', 'stagiaire', 'scanner'), a login two people share ('Marie et Paul'), the tenant's 'admin', and two blocked logins ('Connexion bloquée'), which are not marked.",
  },
  {
    name: 'travel-agency-users-fluent-datagrid',
    title: 'Utenti – Viaggi del Sole',
    lang: 'it',
    styles: [],
    body: (people) =>
      `<main style="padding:24px"><h1>Utenti</h1><div id="root" style="width:1100px"></div></main>${usersJson(people)}`,
    script: `
      import React from 'react';
      import { createRoot } from 'react-dom/client';
      import {
        FluentProvider, webLightTheme, DataGrid, DataGridHeader, DataGridRow, DataGridHeaderCell, DataGridBody,
        DataGridCell, createTableColumn,
      } from '@fluentui/react-components';
      const users = JSON.parse(document.getElementById('users').textContent);
      const h = React.createElement;
      const column = (id, title) =>
        createTableColumn({
          columnId: id,
          compare: (a, b) => a[id].localeCompare(b[id]),
          renderHeaderCell: () => title,
          renderCell: (user) => user[id],
        });
      const columns = [
        column('displayName', 'Nome'),
        column('login', 'Nome utente'),
        column('email', 'Email'),
        column('role', 'Ruolo'),
        column('status', 'Stato'),
      ];
      createRoot(document.getElementById('root')).render(
        h(FluentProvider, { theme: webLightTheme },
          h(DataGrid, { items: users, columns, sortable: true, selectionMode: 'multiselect', getRowId: (user) => user.login },
            h(DataGridHeader, null,
              h(DataGridRow, null, ({ renderHeaderCell }) => h(DataGridHeaderCell, null, renderHeaderCell()))),
            h(DataGridBody, null, ({ item, rowId }) =>
              h(DataGridRow, { key: rowId }, ({ renderCell }) => h(DataGridCell, null, renderCell(item)))))),
      );`,
    people: TRAVEL_AGENCY_IT,
    rowSelector: '.fui-DataGridBody > .fui-DataGridRow',
    layout: 'aria',
    loginSelector: '.fui-DataGridCell:nth-child(3)',
    description:
      "The users of an Italian travel agency's back office built on Fluent UI 9's DataGrid (React 18), an ARIA grid of `div`s, sortable, with a box to select each row, headed in Italian (Nome, Nome utente, Email, Ruolo, Stato), drawn by the library and saved with scripts left out and stylesheets inline. The header row's box to select every row is a `gridcell`, not a `columnheader`, yet takes a column as the rows' boxes do. Consultants and the owner; desks in Italian ('accettazione', 'segreteria', 'cassa1', 'tirocinante'), a login two people share ('Marco e Giulia'), the built-in 'admin', and a switched-off consultant ('Disattivato'), who is not marked.",
  },
  {
    name: 'law-firm-users-patternfly',
    title: 'Benutzer – Kanzlei Berger',
    lang: 'de',
    // PatternFly's components import their stylesheets from their scripts: those this list draws.
    styles: [
      '@patternfly/react-core/dist/styles/base.css',
      ...[
        'Table/table',
        'Table/table-grid',
        'Button/button',
        'Label/label',
        'Check/check',
        'MenuToggle/menu-toggle',
      ].map((sheet) => `@patternfly/react-styles/css/components/${sheet}.css`),
    ],
    body: (people) =>
      `<main style="padding:24px"><h1>Benutzer</h1><div id="root" style="width:1100px"></div></main>${usersJson(people)}`,
    script: `
      import React from 'react';
      import { createRoot } from 'react-dom/client';
      import { Table, Thead, Tr, Th, Tbody, Td } from '@patternfly/react-table';
      import { Button, Label } from '@patternfly/react-core';
      const users = JSON.parse(document.getElementById('users').textContent);
      const h = React.createElement;
      const select = (rowIndex) => ({ rowIndex, onSelect: () => {}, isSelected: false });
      createRoot(document.getElementById('root')).render(
        h(Table, { 'aria-label': 'Benutzer', variant: 'compact' },
          h(Thead, null,
            h(Tr, null,
              h(Th, { select: { onSelect: () => {}, isSelected: false } }),
              h(Th, null, 'Benutzername'),
              h(Th, null, 'E-Mail'),
              h(Th, null, 'Nachname'),
              h(Th, null, 'Vorname'),
              h(Th, { screenReaderText: 'Aktionen' }))),
          h(Tbody, null,
            users.map((user, index) =>
              h(Tr, { key: user.login },
                h(Td, { select: select(index) }),
                h(Td, { dataLabel: 'Benutzername' },
                  h(Button, { variant: 'link', isInline: true }, user.login),
                  user.status ? ' ' : null,
                  user.status ? h(Label, { color: 'red' }, user.status) : null),
                h(Td, { dataLabel: 'E-Mail' }, user.email),
                h(Td, { dataLabel: 'Nachname' }, user.displayName.split(' ').slice(1).join(' ')),
                h(Td, { dataLabel: 'Vorname' }, user.displayName.split(' ')[0]),
                h(Td, { actions: { items: [{ title: 'Löschen' }] } }))))),
      );`,
    people: LAW_FIRM_DE,
    columns: ['username', 'email', 'firstName', 'lastName'],
    rowSelector: 'tbody > tr',
    layout: 'table',
    loginSelector: 'td:nth-child(2) button',
    description:
      "The users of a German law firm listed as Keycloak's admin console lists a realm's users: PatternFly 5's Table (React 18), compact, with a box to select each row and a menu of actions on each, headed in German (Benutzername, E-Mail, Nachname, Vorname), drawn by the library and saved with scripts left out and stylesheets inline. Each login is a button styled as a link, and a deactivated user's has a tag after it ('Deaktiviert'); the name is in two columns, last name first. Lawyers and an assistant; desks ('sekretariat', 'buchhaltung', 'referendar1'), the realm's 'admin', and a deactivated desk ('empfang2'), which is not marked.",
  },
];

function seed(): void {
  // Element UI's peer, Vue 2, is there under another name (see PACKAGES), which npm cannot tell.
  const flags = ['--no-audit', '--no-fund', '--legacy-peer-deps'];
  execFileSync('npm', ['install', '--prefix', PREFIX, ...flags, ...PACKAGES], {
    stdio: 'inherit',
  });
}

/** The page's script bundled with the library, for the browser. */
async function bundle(entry: string, dir: string, alias: Record<string, string> = {}): Promise<string> {
  const esbuild = (await import(
    pathToFileURL(join(PREFIX, 'node_modules/esbuild/lib/main.js')).href
  )) as typeof import('esbuild');
  const entryFile = join(dir, 'entry.js');
  writeFileSync(entryFile, entry);
  const out = await esbuild.build({
    entryPoints: [entryFile],
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    nodePaths: [join(PREFIX, 'node_modules')],
    alias,
    // Stylesheets a library imports from its scripts are linked by the page instead (`styles`).
    loader: { '.css': 'empty' },
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  });
  return out.outputFiles[0]?.text ?? '';
}

async function capture(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-data-tables-'));
  const files = new Map<string, { type: string; body: string }>();
  const server = createServer((request, response) => {
    const file = files.get(request.url ?? '');
    if (file) response.writeHead(200, { 'content-type': file.type }).end(file.body);
    else response.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launch();
  try {
    const named = process.argv.slice(3);
    for (const page of PAGES.filter(({ name }) => named.length === 0 || named.includes(name))) {
      const styles = page.styles.map((style, i) => {
        const path = `/${page.name}/style-${i}${extname(style)}`;
        files.set(path, {
          type: 'text/css',
          body: readFileSync(join(PREFIX, 'node_modules', style), 'utf8'),
        });
        return `<link rel="stylesheet" href="${path}">`;
      });
      files.set(`/${page.name}/app.js`, {
        type: 'text/javascript',
        body: await bundle(page.script, dir, page.alias),
      });
      files.set(`/${page.name}/`, {
        type: 'text/html; charset=utf-8',
        body: `<!DOCTYPE html><html lang="${page.lang}"><head><meta charset="utf-8"><title>${page.title}</title>${styles.join('')}</head><body>${page.body(page.people)}<script src="/${page.name}/app.js"></script></body></html>`,
      });
      const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await tab.goto(`${origin}/${page.name}/`);
      await tab.waitForFunction(
        ({ selector, count }) => document.querySelectorAll(selector).length === count,
        { selector: page.rowSelector, count: page.people.length },
      );
      const shown = await loginsOnPage(tab, page.rowSelector, page.loginSelector);
      await saveFixture(tab, page.name);
      await tab.close();
      const byLogin = labelsFor(page.people, shown);
      const columns = page.columns ?? ['username', 'displayName', 'email', 'role', 'status'];
      writeJson(`${FIXTURE_FOLDER}/${page.name}.labels.json`, {
        page: `${page.name}.html`,
        description: page.description,
        userList: {
          layout: page.layout,
          columns,
          rowCount: shown.length,
          rowSelector: page.rowSelector,
          loginSelector: page.loginSelector,
        },
        rows: shown.map((login) => {
          const user = byLogin.get(login) as Person;
          return {
            username: login,
            displayName: user.displayName,
            signedOut: user.signedOut,
            ...(columns.includes('role') ? { role: user.role } : {}),
            ...(columns.includes('status') ? { status: user.status } : {}),
          };
        }),
      });
      console.log(`${page.name}: ${shown.length} users`);
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await runStep('data-tables', { seed, capture });
