#!/usr/bin/env node
// Builds test/fixtures/classifier/corpus.tsv, the labelled usernames `npm run eval:classifier`
// measures the classifier on. Run with `npm run build:classifier-corpus`; the output is committed.
//
// Every row says its language (en, de, fr, es, pt, it, nl, nordic for Danish/Norwegian/Swedish, pl)
// and where it came from. Rows are of four kinds:
//  - published role mailbox names (RFC 2142; the role-based-email-addresses package), generic;
//  - synthetic role logins of small firms: role phrases written here, rendered the ways people write
//    logins (frontdesk2, FrontDesk, front.desk, front_desk@firm), generic;
//  - synthetic personal logins from published name lists, rendered in the common corporate
//    patterns (jsmith, john.smith, smithj, JohnSmith...), with a display name where systems show one;
//  - hand-written rows for the hard cases (a role word in a person's name, a person's name in a
//    role login), labelled by hand.
//
// Guard against tuning to the corpus: the held-out split is (1) every personal login made from names
// the classifier's lexicon does not contain (surnames over 8 letters that the size budget left out of
// the lexicon), (2) every login made from HOLDOUT_ROLE_PHRASES and from the second list of each
// language in LANGUAGE_ROLE_PHRASES and TRADE_ROLE_PHRASES, written at the same time as the first
// and never used while tuning, and (3) a fixed 30% of all other rows,
// chosen by a hash of the username. Only the dev split was looked at while the classifier was tuned.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const OUT = new URL('../test/fixtures/classifier/corpus.tsv', import.meta.url);
const LEXICON = JSON.parse(
  readFileSync(new URL('../shared/classifier/data/lexicon.json', import.meta.url), 'utf8'),
);

// A small seeded generator (mulberry32) so the corpus is the same on every run.
let seed = 20261123;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

function fnv(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function decodeFrontCoded(encoded) {
  const words = [];
  let prev = '';
  const re = /(\d)([a-z]*)/g;
  for (let m = re.exec(encoded); m; m = re.exec(encoded)) {
    prev = prev.slice(0, Number(m[1])) + m[2];
    words.push(prev);
  }
  return words;
}
const inLexicon = new Set(['first', 'last', 'other'].flatMap((k) => decodeFrontCoded(LEXICON[k])));

const RFC_2142 =
  'info marketing sales support abuse noc security postmaster hostmaster usenet news webmaster www uucp ftp';

// Role phrases of small firms (law, conveyancing, accounting, travel, insurance), as words.
const ROLE_PHRASES = [
  'front desk',
  'reception',
  'receptionist',
  'office manager',
  'sales manager',
  'trust accounting',
  'conveyancing',
  'bookings',
  'claims',
  'night shift',
  'accounts',
  'accounts payable',
  'payroll',
  'admin assistant',
  'practice manager',
  'billing',
  'settlements',
  'paralegal',
  'legal secretary',
  'claims team',
  'renewals',
  'underwriting',
  'travel desk',
  'group bookings',
  'after hours',
  'weekend cover',
  'reception desk',
  'claims officer',
  'mail room',
  'scanner',
  'printer',
  'kiosk',
  'temp staff',
  'new starter',
  'shared mailbox',
  'locum',
  'bookkeeper',
  'finance team',
  'it support',
  'help desk',
  'customer service',
  'enquiries',
  'dispatch',
  'operations',
  'compliance',
  'tax team',
  'audit',
  'records',
  'file room',
  'probate',
  'wills and estates',
  'family law',
  'litigation support',
  'property team',
  'lettings',
  'rentals',
  'insurance desk',
  'quotes',
  'policy admin',
  'broker desk',
  'cashier',
  'front office',
  'back office',
  'main office',
  'branch manager',
  'sales team',
  'marketing',
  'events',
  'training',
  'test user',
  'guest user',
  'demo',
  'api user',
  'integration',
  'backup',
];
// Written at the same time, kept out of tuning: the held-out role phrases.
const HOLDOUT_ROLE_PHRASES = [
  'trust account',
  'settlement clerk',
  'conveyancing clerk',
  'debt recovery',
  'collections',
  'credit control',
  'accounts receivable',
  'invoicing',
  'disbursements',
  'lodgements',
  'registry',
  'filing clerk',
  'typing pool',
  'dictation',
  'switchboard',
  'duty solicitor',
  'on call',
  'day shift',
  'reservations',
  'ticketing',
  'visa desk',
  'cruise desk',
  'tours',
  'airport transfers',
  'claims assessor',
  'loss adjuster',
  'premium collection',
  'policy renewals',
  'client services',
  'service desk',
  'office admin',
  'admin team',
  'payments',
  'refunds',
  'scan station',
  'copier',
  'laptop',
  'ipad front',
  'boardroom',
  'meeting room',
  'warehouse',
  'deliveries',
  'courier',
  'purchasing',
  'stock control',
  'quality',
  'hr team',
  'recruitment',
  'intern',
  'student clerk',
  'trainee',
  'relief staff',
  'casual staff',
];

// Role phrases in the other languages a firm works in, as a person writes them (accents kept; the
// renderer writes each login with and without them). For each language the first list is for
// tuning and the second, written at the same time, is held out and never used while tuning.
const LANGUAGE_ROLE_PHRASES = {
  de: [
    [
      'empfang',
      'rezeption',
      'anmeldung',
      'empfangs theke',
      'praxis empfang',
      'buchhaltung',
      'sekretariat',
      'büro',
      'verwaltung',
      'kasse',
      'lohn buchhaltung',
      'personal abteilung',
      'geschäfts führung',
      'praxis leitung',
      'einkauf',
      'vertrieb',
      'lager',
      'kunden service',
      'nacht dienst',
      'zentrale',
      'azubi',
      'praktikant',
      'drucker',
      'behandlungs raum',
      'labor',
      'termine',
      'kanzlei',
      'archiv',
      'schicht leitung',
      'team assistenz',
    ],
    [
      'rezeptions team',
      'finanz buchhaltung',
      'post stelle',
      'büro leitung',
      'kunden dienst',
      'telefon zentrale',
      'wartezimmer',
      'sprech zimmer',
      'röntgen',
      'notdienst',
      'aushilfe',
      'vertretung',
      'rechnungs wesen',
      'versand',
      'kopierer',
    ],
  ],
  fr: [
    [
      'accueil',
      'réception',
      'secrétariat',
      'comptabilité',
      'compta',
      'bureau',
      'direction',
      'administration',
      'facturation',
      'caisse',
      'ventes',
      'achats',
      'service client',
      'support technique',
      'ressources humaines',
      'stagiaire',
      'standard',
      'courrier',
      'archives',
      'planning',
      'salle attente',
      'cabinet',
      'équipe nuit',
      'imprimante',
      'laboratoire',
      'pharmacie',
      'agence',
      'magasin',
      'entrepôt',
      'invité',
    ],
    [
      'accueil cabinet',
      'secrétaire médicale',
      'paie',
      'service juridique',
      'permanence',
      'astreinte',
      'salle consultation',
      'infirmerie',
      'photocopieuse',
      'expédition',
      'réservations',
      'intérim',
      'équipe commerciale',
      'utilisateur test',
      'gérance',
    ],
  ],
  es: [
    [
      'recepción',
      'mostrador',
      'oficina',
      'administración',
      'contabilidad',
      'facturación',
      'nóminas',
      'caja',
      'ventas',
      'compras',
      'almacén',
      'atención cliente',
      'soporte',
      'recursos humanos',
      'dirección',
      'secretaría',
      'gerencia',
      'reservas',
      'citas',
      'sala espera',
      'consulta',
      'enfermería',
      'farmacia',
      'laboratorio',
      'turno noche',
      'becario',
      'impresora',
      'sucursal',
      'tienda',
      'invitado',
    ],
    [
      'recepción clínica',
      'asesoría',
      'despacho',
      'siniestros',
      'pólizas',
      'urgencias',
      'guardia',
      'envíos',
      'logística',
      'escáner',
      'fotocopiadora',
      'suplente',
      'usuario prueba',
      'atención pacientes',
      'departamento ventas',
    ],
  ],
  pt: [
    [
      'recepção',
      'receção',
      'balcão',
      'escritório',
      'administração',
      'contabilidade',
      'faturação',
      'tesouraria',
      'caixa',
      'vendas',
      'compras',
      'armazém',
      'atendimento',
      'suporte',
      'recursos humanos',
      'direção',
      'secretaria',
      'gerência',
      'agendamento',
      'consultório',
      'enfermagem',
      'farmácia',
      'laboratório',
      'turno noite',
      'estagiário',
      'impressora',
      'loja',
      'filial',
      'visitante',
      'equipe vendas',
    ],
    [
      'atendimento cliente',
      'cobrança',
      'faturamento',
      'jurídico',
      'cartório',
      'plantão',
      'sala espera',
      'marcações',
      'expedição',
      'logística',
      'digitalizador',
      'temporário',
      'utilizador teste',
      'sinistros',
      'equipa comercial',
    ],
  ],
  it: [
    [
      'reception',
      'accettazione',
      'segreteria',
      'ufficio',
      'amministrazione',
      'contabilità',
      'ragioneria',
      'fatturazione',
      'cassa',
      'vendite',
      'acquisti',
      'magazzino',
      'assistenza clienti',
      'supporto',
      'risorse umane',
      'direzione',
      'studio legale',
      'sportello',
      'prenotazioni',
      'ambulatorio',
      'infermeria',
      'farmacia',
      'laboratorio',
      'turno notte',
      'stagista',
      'stampante',
      'filiale',
      'negozio',
      'ospite',
      'ufficio tecnico',
    ],
    [
      'segreteria studio',
      'paghe',
      'tesoreria',
      'spedizioni',
      'logistica',
      'sala attesa',
      'pronto soccorso',
      'appuntamenti',
      'fotocopiatrice',
      'tirocinante',
      'sostituto',
      'utente prova',
      'agenzia',
      'reparto vendite',
      'ufficio personale',
    ],
  ],
  nl: [
    [
      'receptie',
      'balie',
      'kantoor',
      'administratie',
      'boekhouding',
      'facturatie',
      'kassa',
      'verkoop',
      'inkoop',
      'magazijn',
      'klantenservice',
      'helpdesk',
      'personeelszaken',
      'directie',
      'secretariaat',
      'praktijk',
      'spreekkamer',
      'wachtkamer',
      'apotheek',
      'laboratorium',
      'nachtdienst',
      'stagiair',
      'printer',
      'vestiging',
      'winkel',
      'gast',
      'planning',
      'afspraken',
      'team verkoop',
      'praktijk assistente',
    ],
    [
      'balie medewerker',
      'salaris administratie',
      'financiën',
      'expeditie',
      'logistiek',
      'behandelkamer',
      'weekenddienst',
      'invalkracht',
      'uitzendkracht',
      'kopieer apparaat',
      'gebruiker test',
      'schade',
      'polissen',
      'afdeling inkoop',
      'juridische zaken',
    ],
  ],
  nordic: [
    [
      'reception',
      'kontor',
      'administration',
      'bogholderi',
      'regnskab',
      'økonomi',
      'kasse',
      'salg',
      'lager',
      'kundeservice',
      'sekretariat',
      'afdeling',
      'klinik',
      'venteværelse',
      'nattevagt',
      'vikar',
      'resepsjon',
      'regnskap',
      'lønn',
      'kundesenter',
      'legekontor',
      'bokföring',
      'ekonomi',
      'försäljning',
      'kundtjänst',
      'mottagning',
      'väntrum',
      'skrivare',
      'växel',
      'praktikant',
    ],
    [
      'lønkontor',
      'indkøb',
      'behandlingsrum',
      'kopimaskine',
      'gæst',
      'innkjøp',
      'brukerstøtte',
      'nattevakt',
      'skanner',
      'redovisning',
      'inköp',
      'tidsbokning',
      'vikarie',
      'användare test',
      'avdelning',
    ],
  ],
  pl: [
    [
      'recepcja',
      'rejestracja',
      'sekretariat',
      'biuro',
      'administracja',
      'księgowość',
      'kadry',
      'płace',
      'kasa',
      'sprzedaż',
      'zakupy',
      'magazyn',
      'obsługa klienta',
      'pomoc techniczna',
      'informatyka',
      'dyrekcja',
      'kancelaria',
      'gabinet',
      'poczekalnia',
      'przychodnia',
      'apteka',
      'laboratorium',
      'dyżur nocny',
      'stażysta',
      'drukarka',
      'oddział',
      'sklep',
      'gość',
      'rezerwacje',
      'zespół sprzedaży',
    ],
    [
      'biuro obsługi',
      'księgowa',
      'wysyłka',
      'logistyka',
      'pielęgniarka',
      'skaner',
      'ksero',
      'praktykant',
      'zastępstwo',
      'użytkownik test',
      'kierownik zmiany',
      'dział kadr',
      'wizyty',
      'terminarz',
      'zarząd',
    ],
  ],
};

// The languages after Polish, added later: the first list of each uses the words of its data/words
// file; the second was written with it and is held out (never tuned on). Their rows are made after
// all the others, so that the rows of the languages before stay as they were.
const MORE_LANGUAGE_ROLE_PHRASES = {
  cs: [
    [
      'recepce',
      'podatelna',
      'kancelář',
      'účetní',
      'účtárna',
      'pokladna',
      'fakturace',
      'mzdy',
      'obchod',
      'prodej',
      'nákup',
      'podpora',
      'sekretariát',
      'vedení',
      'ordinace',
      'laboratoř',
      'čekárna',
      'sklad',
      'expedice',
      'rezervace',
      'recepcia',
      'pokladňa',
      'predaj',
      'kancelária',
    ],
    [
      'personální oddělení',
      'zákaznická linka',
      'hlavní sestra',
      'noční služba',
      'spisová služba',
      'obchodní oddělení',
      'zákaznický servis',
      'tiskárna',
      'skener',
      'uživatel test',
      'praktikant',
      'brigádník',
      'centrála',
      'informace',
    ],
  ],
  fi: [
    [
      'vastaanotto',
      'toimisto',
      'kirjanpito',
      'laskutus',
      'palkanlaskenta',
      'myynti',
      'asiakaspalvelu',
      'kassa',
      'varasto',
      'sihteeri',
      'hallinto',
      'neuvonta',
      'ajanvaraus',
      'päivystys',
      'vastuvõtt',
      'raamatupidamine',
      'klienditugi',
    ],
    [
      'reskontra',
      'talous hallinto',
      'henkilöstö hallinto',
      'toimisto sihteeri',
      'hoitaja',
      'laboratorio',
      'tulostin',
      'skanneri',
      'kokous huone',
      'yö vuoro',
      'kontori',
      'arveldus',
      'müügi osakond',
    ],
  ],
  hu: [
    [
      'recepció',
      'könyvelés',
      'pénztár',
      'titkárság',
      'ügyfélszolgálat',
      'raktár',
      'értékesítés',
      'beszerzés',
      'bérszámfejtés',
      'számlázás',
      'asszisztens',
      'rendelő',
      'ügyelet',
      'időpontfoglalás',
    ],
    [
      'iroda vezető',
      'pénzügy',
      'munkaügy',
      'nyomtató',
      'tárgyaló',
      'éjszakai műszak',
      'gyakornok',
      'vendég',
      'teszt felhasználó',
      'diszpécser',
      'ügyintéző',
    ],
  ],
  ro: [
    [
      'recepție',
      'birou',
      'contabilitate',
      'casierie',
      'secretariat',
      'vânzări',
      'achiziții',
      'depozit',
      'salarizare',
      'facturare',
      'suport',
      'programări',
      'registratură',
      'dispecerat',
    ],
    [
      'resurse umane',
      'relații clienți',
      'imprimantă',
      'sală ședințe',
      'tură noapte',
      'stagiar',
      'asistentă medicală',
      'magazie',
      'juridic',
      'oficiu',
    ],
  ],
  tr: [
    [
      'resepsiyon',
      'danışma',
      'sekreter',
      'muhasebe',
      'kasa',
      'satış',
      'satınalma',
      'depo',
      'ofis',
      'yönetim',
      'bordro',
      'fatura',
      'müşteri hizmetleri',
      'rezervasyon',
      'randevu',
      'santral',
    ],
    [
      'insan kaynakları',
      'bilgi işlem',
      'yazıcı',
      'toplantı odası',
      'gece vardiyası',
      'stajyer',
      'misafir',
      'teknik destek',
      'halkla ilişkiler',
      'hasta kabul',
    ],
  ],
  ru: [
    [
      'buhgalteria',
      'buhgalter',
      'kassa',
      'sklad',
      'ofis',
      'sekretar',
      'priemnaya',
      'registratura',
      'kadry',
      'zakupki',
      'prodazhi',
      'dostavka',
      'ohrana',
      'schetovodstvo',
    ],
    [
      'buhgalteriya',
      'otdel kadrov',
      'tehpodderzhka',
      'direktor',
      'priyomnaya',
      'printer',
      'peregovornaya',
      'kassir',
      'administrator zala',
      'registratura kliniki',
    ],
  ],
  hr: [
    [
      'recepcija',
      'ured',
      'tajništvo',
      'računovodstvo',
      'blagajna',
      'skladište',
      'prodaja',
      'nabava',
      'podrška',
      'pisarna',
      'računovodja',
      'skladišče',
    ],
    [
      'ljudski resursi',
      'korisnička podrška',
      'pisač',
      'sala za sastanke',
      'noćna smjena',
      'pripravnik',
      'gost',
      'informatika',
      'knjigovodstvo',
      'tajnica',
    ],
  ],
  baltic: [
    [
      'birojs',
      'grāmatvedība',
      'noliktava',
      'pārdošana',
      'atbalsts',
      'biuras',
      'buhalterija',
      'sandėlis',
      'pardavimai',
      'pagalba',
    ],
    [
      'kase',
      'personāla daļa',
      'klientu serviss',
      'printeris',
      'kasa',
      'personalo skyrius',
      'klientų aptarnavimas',
      'spausdintuvas',
    ],
  ],
  'east-asian': [
    [
      'uketsuke',
      'jimu',
      'jimukyoku',
      'keiri',
      'soumu',
      'eigyou',
      'kaikei',
      'jinji',
      'madoguchi',
      'qiantai',
      'caiwu',
      'kuaiji',
      'chuna',
      'xingzheng',
      'renshi',
      'kefu',
      'xiaoshou',
      'cangku',
      'annae',
      'chongmu',
      'hoegye',
    ],
    [
      'sougou uketsuke',
      'kango',
      'yakkyoku',
      'kensa',
      'purinta',
      'zongjingban',
      'houqin',
      'jiedai',
      'caigou',
      'gwanri',
      'yeyak',
    ],
  ],
};
// English trades the first lists did not cover: a clinic's rooms, devices and teams, travel,
// insurance and legal desks. Same rule: the second list is held out.
const TRADE_ROLE_PHRASES = [
  [
    'exam room',
    'treatment room',
    'consult room',
    'triage',
    'nurses station',
    'xray',
    'ultrasound',
    'ecg',
    'pharmacy',
    'dispensary',
    'lab team',
    'radiology',
    'physio',
    'dental chair',
    'hygienist',
    'theatre',
    'recovery bay',
    'ward clerk',
    'medical records',
    'check in',
    'itinerary desk',
    'fares',
    'groups desk',
    'underwriting team',
    'claims handler',
    'policy desk',
    'court filing',
    'docket',
    'case intake',
    'costs team',
  ],
  [
    'procedure room',
    'sterilisation',
    'imaging',
    'mri',
    'pathology',
    'vaccination',
    'waiting room',
    'surgery desk',
    'check out',
    'travel consultant',
    'passport desk',
    'brokerage',
    'renewals team',
    'conveyancing team',
    'litigation clerk',
  ],
];

const STYLES = [
  ['concatenated', (w) => w.join('')],
  ['CamelCase', (w) => w.map((x) => x[0].toUpperCase() + x.slice(1)).join('')],
  ['dotted', (w) => w.join('.')],
  ['underscored', (w) => w.join('_')],
  ['with a number', (w) => w.join('') + String(1 + Math.floor(random() * 9))],
  [
    'email local part',
    (w) => `${w.join('.')}@${pick(['firm.com.au', 'smithlegal.co.uk', 'acme-travel.com', 'brokers.co.nz'])}`,
  ],
  ['upper case', (w) => w.join('').toUpperCase()],
  ['hyphenated with a number', (w) => `${w.join('-')}-0${1 + Math.floor(random() * 3)}`],
];

// Hand-written hard cases, labelled by hand: [username, display name, label, note].
const HAND = [
  ['mark.sales', 'Mark Sales', 'personal', 'role word as a surname'],
  ['reception.amy', '', 'personal', "a person's own login with a role prefix"],
  ['rbaker', 'Rose Baker', 'personal', 'trade word as a surname'],
  ['grant.page', 'Grant Page', 'personal', 'English words as names'],
  ['bill.chase', '', 'personal', 'English words as names'],
  ['jbishop', 'Jane Bishop', 'personal', 'title word as a surname'],
  ['chris.cook', 'Chris Cook', 'personal', 'trade word as a surname'],
  ['dean.hunter', '', 'personal', 'English words as names'],
  ['summer.lee', 'Summer Lee', 'personal', 'season as a first name'],
  ['will.porter', 'Will Porter', 'personal', 'trade word as a surname'],
  ['faith.young', '', 'personal', 'English words as names'],
  ['joy.church', 'Joy Church', 'personal', 'English words as names'],
  ['m.obrien', "Mary O'Brien", 'personal', 'apostrophe in a surname'],
  ['nguyen.van.an', 'Nguyen Van An', 'personal', 'Vietnamese name order'],
  ['tran.thi.mai', 'Tran Thi Mai', 'personal', 'Vietnamese name order'],
  ['malrashid', 'Mohammed Al-Rashid', 'personal', 'Arabic surname with particle'],
  ['sione.tupou', 'Sione Tupou', 'personal', 'Tongan name'],
  ['aroha.ngata', '', 'personal', 'Maori name'],
  ['kwame.mensah', '', 'personal', 'Ghanaian name'],
  ['li.wei', 'Li Wei', 'personal', 'short Chinese name'],
  ['jdoe', 'John Doe', 'personal', 'initial and surname'],
  ['SmithJ', 'John Smith', 'personal', 'surname and initial'],
  ['office.kate', 'Kate Morris', 'personal', "a person's own login with a role prefix"],
  ['sam.claims', 'Sam Wright', 'personal', "a person's own login with a role suffix"],
  ['tlee2', 'Tom Lee', 'personal', 'second login of a person'],
  ['frontdesk2', '', 'generic', 'product brief example'],
  ['SalesManager', '', 'generic', 'product brief example'],
  ['trustaccounting', '', 'generic', 'product brief example'],
  ['Reception', '', 'generic', 'product brief example'],
  ['FrontDesk', 'Front Desk', 'generic', 'role display name'],
  ['office', 'Office Manager', 'generic', 'role display name'],
  ['salesteam', 'Sales Team', 'generic', 'role display name'],
  ['desk3', 'Reception Desk 3', 'generic', 'role display name'],
  ['bookings', 'Amy Jones', 'generic', "role login showing its current user's name"],
  ['accounts', 'Accounts Department', 'generic', 'role display name'],
  ['nightshift', '', 'generic', 'product brief example'],
  ['trust.acct', '', 'generic', 'abbreviated role'],
  ['accts.payable', '', 'generic', 'abbreviated role'],
  ['mgr.office', '', 'generic', 'abbreviated role'],
  ['user3', '', 'generic', 'placeholder'],
  ['temp1', 'Temp', 'generic', 'placeholder'],
  ['kiosk-lobby', '', 'generic', 'device'],
  ['ipad.front', '', 'generic', 'device'],
  ['scan2email', '', 'generic', 'device'],
];

// Hand-written hard cases in the other languages, labelled by hand: [language, username, display
// name, label, note]. Trade and office words that are common surnames (Koch, Richter, Schreiber,
// Marchand, Bakker, Kowalski), compound role logins, and logins that carry their owner's name.
const LANGUAGE_HAND = [
  ['de', 'thomas.koch', 'Thomas Koch', 'personal', 'trade word as a surname (cook)'],
  ['de', 'srichter', 'Sabine Richter', 'personal', 'trade word as a surname (judge)'],
  ['de', 'k.schreiber', '', 'personal', 'trade word as a surname (clerk)'],
  ['de', 'jmueller', 'Jürgen Müller', 'personal', 'umlaut written as ue'],
  ['de', 'andreas.bäcker', '', 'personal', 'trade word as a surname, accent kept'],
  ['de', 'Empfangstheke', '', 'generic', 'compound with a linking s'],
  ['de', 'Buchhaltung2', '', 'generic', 'numbered role'],
  ['de', 'praxisempfang', '', 'generic', 'compound'],
  ['de', 'anmeldung', 'Anmeldung Praxis', 'generic', 'role display name'],
  ['fr', 'marie.marchand', 'Marie Marchand', 'personal', 'trade word as a surname (merchant)'],
  ['fr', 'pboulanger', '', 'personal', 'trade word as a surname (baker)'],
  ['fr', 'jean-luc.mercier', '', 'personal', 'hyphenated first name'],
  ['fr', 'comptabilité', '', 'generic', 'accent kept'],
  ['fr', 'accueil2', 'Accueil', 'generic', 'role display name'],
  ['es', 'jose.herrero', 'José Herrero', 'personal', 'trade word as a surname (smith)'],
  ['es', 'mpastor', '', 'personal', 'trade word as a surname (shepherd)'],
  ['es', 'recepcion', '', 'generic', 'accent folded'],
  ['es', 'caja1', 'Caja 1', 'generic', 'numbered till'],
  ['pt', 'joao.ferreira', 'João Ferreira', 'personal', 'trade word as a surname (smith)'],
  ['pt', 'afonseca', '', 'personal', 'surname'],
  ['pt', 'recepcao', '', 'generic', 'accent folded'],
  ['it', 'luca.ferrari', 'Luca Ferrari', 'personal', 'trade word as a surname (smith)'],
  ['it', 'gsartori', '', 'personal', 'trade word as a surname (tailor)'],
  ['it', 'segreteria2', '', 'generic', 'numbered role'],
  ['nl', 'pieter.bakker', 'Pieter Bakker', 'personal', 'trade word as a surname (baker)'],
  ['nl', 'jvisser', '', 'personal', 'trade word as a surname (fisher)'],
  ['nl', 'devries.anne', '', 'personal', 'surname with a particle'],
  ['nl', 'receptie01', '', 'generic', 'numbered role'],
  ['nordic', 'lars.moeller', 'Lars Møller', 'personal', 'ø written as oe'],
  ['nordic', 'kristin.aaberg', '', 'personal', 'å written as aa'],
  ['nordic', 'kundtjanst', '', 'generic', 'accent folded'],
  ['pl', 'jan.kowalski', 'Jan Kowalski', 'personal', 'trade word as a surname (smith)'],
  ['pl', 'akrawczyk', '', 'personal', 'trade word as a surname (tailor)'],
  ['pl', 'michał.wiśniewski', '', 'personal', 'Polish letters kept'],
  ['pl', 'recepcja1', '', 'generic', 'numbered role'],
  ['en', 'exam.room.2', '', 'generic', 'clinic room'],
  ['en', 'xray1', '', 'generic', 'clinic device'],
  ['en', 'mri.tech', '', 'generic', 'clinic device'],
  ['east-asian', 'tanaka.hiroshi', '田中 浩', 'personal', 'Japanese name in romaji'],
  ['east-asian', 'h.tanaka', '', 'personal', 'Japanese name in romaji, initial first'],
  ['east-asian', 'sato.yuki', '佐藤 由紀', 'personal', 'Japanese name in romaji'],
  ['east-asian', 'wang.wei', '王伟', 'personal', 'Chinese name in pinyin'],
  ['east-asian', 'liuyang', '', 'personal', 'Chinese name in pinyin, run together'],
  ['east-asian', 'chen.jing', '陈静', 'personal', 'Chinese name in pinyin'],
  ['east-asian', 'kim.minjun', '김민준', 'personal', 'Korean name, revised romanisation'],
  ['east-asian', 'park.jiyeon', '', 'personal', 'Korean name, revised romanisation'],
  ['ru', 'ivanov.a', 'Иванов Алексей', 'personal', 'Russian surname in Latin letters'],
  ['ru', 'petrova', 'Петрова Анна', 'personal', 'Russian surname in Latin letters'],
  ['ru', 'a.smirnov', '', 'personal', 'Russian surname in Latin letters'],
  ['ru', 'kuznetsova.e', 'Кузнецова Елена', 'personal', 'Russian surname in Latin letters'],
  ['ru', 'sidorenko', 'Сидоренко Олег', 'personal', 'Ukrainian surname in Latin letters'],
  ['ru', 'dimitrov.g', 'Димитров Георги', 'personal', 'Bulgarian surname in Latin letters'],
];

/** A phrase or name in plain ASCII as people write it in logins: "büro" -> buero, "Møller" -> moeller. */
const TRANSLIT = { ä: 'ae', ö: 'oe', ü: 'ue', ø: 'oe', å: 'aa', æ: 'ae', ß: 'ss', ł: 'l', œ: 'oe' };
function asciiOf(text) {
  return text
    .replace(/[äöüøåæßłœ]/g, (c) => TRANSLIT[c])
    .replace(/ı/g, 'i')
    .replace(/đ/g, 'd')
    .replace(/[ÄÖÜØÅÆŁŒ]/g, (c) => {
      const t = TRANSLIT[c.toLowerCase()];
      return t[0].toUpperCase() + t.slice(1);
    })
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

function render(words, styleIndex) {
  const [name, fn] = STYLES[styleIndex % STYLES.length];
  return [fn(words), name];
}

const tmp = mkdtempSync(join(tmpdir(), 'rollcall-corpus-'));
try {
  const pack = (spec) => {
    const file = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', tmp], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .pop();
    const dir = join(tmp, file.replace(/\.tgz$/, ''));
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('tar', ['xzf', join(tmp, file), '-C', dir]);
    return join(dir, 'package');
  };
  const fakerDir = pack('@faker-js/faker@10.6.0');
  const cspellDir = pack('@cspell/dict-people-names@1.1.16');
  const rolesDir = pack('role-based-email-addresses@3.1.0');

  const rows = [];
  const seen = new Set();
  const add = (username, displayName, label, source, forceHoldout = false, language = 'en') => {
    if (seen.has(username.toLowerCase())) return;
    seen.add(username.toLowerCase());
    const split = forceHoldout || fnv(username) % 10 < 3 ? 'holdout' : 'dev';
    rows.push([username, displayName, label, language, source, split]);
  };

  for (const w of RFC_2142.split(' ')) add(w, '', 'generic', 'RFC 2142 mailbox name');
  const published = createRequire(import.meta.url)(join(rolesDir, 'src/index.js'));
  for (let i = 0; i < 40; i++) {
    add(pick(published), '', 'generic', 'role-based-email-addresses 3.1.0 (MIT) entry');
  }
  ROLE_PHRASES.forEach((phrase, i) => {
    for (const k of [0, 1]) {
      const [username, style] = render(phrase.split(' '), i + k * 3);
      add(username, '', 'generic', `synthetic: small-firm role phrase "${phrase}", ${style}`);
    }
  });
  HOLDOUT_ROLE_PHRASES.forEach((phrase, i) => {
    for (const k of [0, 1]) {
      const [username, style] = render(phrase.split(' '), i + k * 5);
      add(username, '', 'generic', `synthetic: held-out role phrase "${phrase}", ${style}`, true);
    }
  });

  // Personal logins: first names and surnames from several cultures' faker locales.
  const faker = await import(pathToFileURL(join(fakerDir, 'dist/index.js')).href);
  const flat = (x) => (x == null ? [] : Array.isArray(x) ? x : Object.values(x).flat());
  const ascii = (s) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z' -]/g, '');
  const PATTERNS = [
    ['first.last', (f, l) => `${f}.${l}`],
    ['flast', (f, l) => `${f[0]}${l}`],
    ['firstl', (f, l) => `${f}${l[0]}`],
    ['FirstLast', (f, l) => `${cap(f)}${cap(l)}`],
    ['first_last', (f, l) => `${f}_${l}`],
    ['last.first', (f, l) => `${l}.${f}`],
    ['f.last email', (f, l) => `${f[0]}.${l}@firm.com.au`],
    ['first only', (f) => f],
    ['flast with a number', (f, l) => `${f[0]}${l}${1 + Math.floor(random() * 9)}`],
    ['lastf', (f, l) => `${l}${f[0]}`],
  ];
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  const locales = [
    'en_AU',
    'en_GB',
    'en_IN',
    'en_NG',
    'yo_NG',
    'vi',
    'es',
    'it',
    'de',
    'pl',
    'fr',
    'tr',
    'zu_ZA',
    'id_ID',
    'pt_BR',
    'nl',
  ];
  let n = 0;
  for (const locale of locales) {
    const def = faker.allLocales[locale]?.person;
    const firsts = flat(def?.first_name)
      .map(ascii)
      .filter((x) => /^[A-Za-z]{2,}$/.test(x));
    const lasts = flat(def?.last_name)
      .map(ascii)
      .filter((x) => /^[A-Za-z]{2,}$/.test(x));
    if (firsts.length === 0 || lasts.length === 0) continue;
    for (let i = 0; i < 14; i++) {
      const f = pick(firsts);
      const l = pick(lasts);
      const [pattern, fn] = PATTERNS[n++ % PATTERNS.length];
      const display = random() < 0.5 ? `${f} ${l}` : '';
      add(
        fn(f.toLowerCase(), l.toLowerCase()),
        display,
        'personal',
        `synthetic: @faker-js/faker 10.6.0 ${locale} names, ${pattern}`,
        false,
        { es: 'es', it: 'it', de: 'de', pl: 'pl', fr: 'fr', pt_BR: 'pt', nl: 'nl' }[locale] ?? 'en',
      );
    }
  }
  // Held out: surnames the lexicon does not contain.
  const unseen = readFileSync(join(cspellDir, 'dict/people-names.txt'), 'utf8')
    .split('\n')
    .filter((x) => /^[A-Z][a-z]{8,13}$/.test(x) && !inLexicon.has(x.toLowerCase()));
  const commonFirst = [
    'james',
    'mary',
    'priya',
    'wei',
    'fatima',
    'oluwaseun',
    'sofia',
    'liam',
    'aisha',
    'mateo',
  ];
  for (let i = 0; i < 80; i++) {
    const l = pick(unseen).toLowerCase();
    const f = pick(commonFirst);
    const [pattern, fn] = PATTERNS[i % PATTERNS.length];
    if (pattern === 'first only') continue;
    const display = random() < 0.5 ? `${cap(f)} ${cap(l)}` : '';
    add(
      fn(f, l),
      display,
      'personal',
      `synthetic: @cspell/dict-people-names 1.1.16 surname not in the lexicon, ${pattern}`,
      true,
    );
  }
  for (const [u, d, label, note] of HAND) add(u, d, label, `hand-written: ${note}`);

  // The other languages: role phrases written with their accents in one rendering and in ASCII in
  // the other, then personal logins from the same languages' faker names.
  const addRolePhrases = (byLanguage) => {
    for (const [language, [tuned, heldOut]] of Object.entries(byLanguage)) {
      for (const [list, holdout, what] of [
        [tuned, false, 'role phrase'],
        [heldOut, true, 'held-out role phrase'],
      ]) {
        list.forEach((phrase, i) => {
          for (const k of [0, 1]) {
            const words = (k === 0 ? phrase : asciiOf(phrase)).split(' ');
            const [username, style] = render(words, i + k * (holdout ? 5 : 3));
            add(
              username,
              '',
              'generic',
              `synthetic: ${language} ${what} "${phrase}", ${style}`,
              holdout,
              language,
            );
          }
        });
      }
    }
  };
  const nameList = (def, key) =>
    flat(def?.[key])
      .map((x) => x.split(/[ -]/)[0])
      .filter((x) => /^\p{Lu}\p{Ll}+$/u.test(x) && x.length >= 2);
  const addFakerLogins = (localesByLanguage) => {
    for (const [language, locales] of Object.entries(localesByLanguage)) {
      for (const locale of locales) {
        const def = faker.allLocales[locale]?.person;
        const firsts = nameList(def, 'first_name');
        const lasts = nameList(def, 'last_name');
        if (firsts.length === 0 || lasts.length === 0) continue;
        for (let i = 0; i < Math.ceil(120 / locales.length); i++) {
          const f = pick(firsts);
          const l = pick(lasts);
          const [pattern, fn] = PATTERNS[n++ % PATTERNS.length];
          // Logins are mostly ASCII ("mueller" for Müller); some systems keep the accents.
          const written = random() < 0.7 ? (x) => asciiOf(x).toLowerCase() : (x) => x.toLowerCase();
          const display = random() < 0.5 ? `${f} ${l}` : '';
          add(
            fn(written(f), written(l)),
            display,
            'personal',
            `synthetic: @faker-js/faker 10.6.0 ${locale} names, ${pattern}`,
            false,
            language,
          );
        }
      }
    }
  };
  addRolePhrases({ ...LANGUAGE_ROLE_PHRASES, en: TRADE_ROLE_PHRASES });
  addFakerLogins({
    de: ['de', 'de_AT', 'de_CH'],
    fr: ['fr', 'fr_BE', 'fr_CH'],
    es: ['es', 'es_MX'],
    pt: ['pt_PT', 'pt_BR'],
    it: ['it'],
    nl: ['nl', 'nl_BE'],
    nordic: ['da', 'nb_NO', 'sv'],
    pl: ['pl'],
  });
  for (const [language, u, d, label, note] of LANGUAGE_HAND) {
    add(u, d, label, `hand-written: ${note}`, false, language);
  }
  // The languages added later, after every row of the others.
  addRolePhrases(MORE_LANGUAGE_ROLE_PHRASES);
  addFakerLogins({
    cs: ['cs_CZ', 'sk'],
    fi: ['fi', 'et'],
    hu: ['hu'],
    ro: ['ro', 'ro_MD'],
    tr: ['tr'],
    hr: ['hr', 'sr_RS_latin'],
    baltic: ['lv', 'lt'],
  });

  const header = 'username\tdisplay_name\tlabel\tlanguage\tsource\tsplit';
  writeFileSync(OUT, `${[header, ...rows.map((r) => r.join('\t'))].join('\n')}\n`);
  const count = (k, v) => rows.filter((r) => r[k] === v).length;
  console.log(
    `corpus.tsv: ${rows.length} rows (${count(2, 'generic')} generic, ${count(2, 'personal')} personal; ` +
      `${count(5, 'dev')} dev, ${count(5, 'holdout')} held out)`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
