import { describe, expect, it } from 'vitest';
import { classify, loginTokens } from '../../../shared/classifier/classify.ts';
import { defaultAccountName } from '../../../shared/classifier/default-accounts.ts';
import { tokenize } from '../../../shared/classifier/tokenize.ts';

describe('tokenize', () => {
  it('splits at separators, CamelCase humps and digits, and keeps an email local part only', () => {
    expect(tokenize('SalesManager').map((p) => p.text)).toEqual(['sales', 'manager']);
    expect(tokenize('HRManager2').map((p) => p.text)).toEqual(['hr', 'manager', '2']);
    expect(tokenize('front_desk-2.b').map((p) => p.text)).toEqual(['front', 'desk', '2', 'b']);
    expect(tokenize('jane.doe@firm.com.au').map((p) => p.text)).toEqual(['jane', 'doe']);
    expect(tokenize('FIRM\\jdoe').map((p) => p.text)).toEqual(['jdoe']);
    expect(tokenize('Zoë.Brontë').map((p) => p.text)).toEqual(['zoe', 'bronte']);
  });

  it('splits run-together words into known words', () => {
    expect(loginTokens('trustaccounting').map((t) => t.text)).toEqual(['trust', 'accounting']);
    expect(loginTokens('jsmith').map((t) => [t.text, t.kind])).toEqual([
      ['j', 'initial'],
      ['smith', 'surname'],
    ]);
    expect(loginTokens('johnsmith').map((t) => t.text)).toEqual(['john', 'smith']);
  });
});

describe('classify', () => {
  it.each([
    ['SalesManager'],
    ['frontdesk2'],
    ['trustaccounting'],
    ['reception'],
    ['nightshift'],
    ['bookings@firm.com'],
    ['ClaimsTeam'],
    ['scanner01'],
    ['travelconsultant1'],
    ['conveyancing.team'],
  ])('calls %s generic', (username) => {
    const result = classify(username);
    expect(result.verdict).toBe('generic');
    expect(result.confidence).toBeGreaterThan(0.6);
    expect(result.reasons.length).toBeGreaterThan(0);
  });

  it.each([
    ['rbaker', 'Rose Baker'],
    ['mark.sales', 'Mark Sales'],
    ['reception.amy', null],
    ['JohnDoe', null],
    ['jsmith', null],
    ['smithj', null],
    ['priya.raman', null],
    ['akowalczyk', null],
    ['j.wong@firm.com', null],
    ['tevita.fifita', 'Tevita Fifita'],
  ])('calls %s (%s) personal', (username, displayName) => {
    expect(classify(username, displayName).verdict).toBe('personal');
  });

  it('says which words decided it, in plain words', () => {
    expect(classify('frontdesk2').reasons).toContain('role word "frontdesk"');
    expect(classify('SalesManager').reasons).toEqual(['role word "sales"', 'role word "manager"']);
    expect(classify('mark.sales', 'Mark Sales').reasons).toContain('matches the display name "Mark Sales"');
  });

  it('does not say a login matches a display name that is an acronym', () => {
    // "LDAP", "SSO": where the account comes from, not a name whose initial the login carries.
    for (const [username, displayName] of [
      ['lnguyen', 'LDAP'],
      ['sjones', 'SSO'],
      ['ctaylor', 'CRM'],
    ] as const) {
      const classification = classify(username, displayName);
      expect(classification.verdict).toBe('personal');
      expect(classification.reasons.join('; ')).not.toContain('display name');
    }
    expect(classify('lnguyen', 'Linh Nguyen').reasons).toContain('matches the display name "Linh Nguyen"');
  });

  it('uses the display name both ways', () => {
    // A role display name tips an unknown login over; a matching person's name rescues a role word.
    expect(classify('desk7', 'Front Desk').verdict).toBe('generic');
    expect(classify('m.sales', 'Mark Sales').verdict).toBe('personal');
    // The login must carry the person: "reception" shown as "Kim Reception" is still the desk's.
    expect(classify('reception', 'Kim Reception').verdict).toBe('generic');
    // A login of role words alone is not a person because a display word starts the same: the
    // settlements desk, shown in the inflected "Dział rozliczeń", is still the desk's.
    expect(classify('rozliczenia@biuro.example', 'Dział rozliczeń').verdict).toBe('generic');
    expect(classify('faktury', 'Fakturowanie Anna').verdict).not.toBe('personal');
    const alone = classify('mark.sales');
    const withName = classify('mark.sales', 'Mark Sales');
    expect(withName.confidence).toBeGreaterThan(alone.confidence);
  });

  it('generalises past whole-word lookups: unseen compounds and unlisted surnames', () => {
    // None of these logins is a word in the lists; the verdict comes from their parts.
    expect(classify('ReceptionDeskLevel3').verdict).toBe('generic');
    expect(classify('renewalsteam').verdict).toBe('generic');
    expect(classify('bookkeepingdept').verdict).toBe('generic');
    expect(classify('d.okonkwo-adeyemi').verdict).toBe('personal');
  });

  it('reads a city beside a role word as where the role is, even where the city is also a name', () => {
    for (const login of [
      'office.paris',
      'paris.office',
      'sales-london',
      'londonoffice',
      'reception.manchester',
      'salesbarcelona',
      'empfang.wien',
      'Empfang München',
      'accueil_lyon',
      'recepcion.sevilla',
      'biuro.krakow',
    ])
      expect(classify(login).verdict, login).toBe('generic');
    expect(classify('office.paris').reasons).toEqual(['role word "office"', 'place "paris"']);
    expect(classify('Paris Office').verdict).toBe('generic');
    expect(classify('bookings2', 'Bookings Madrid').verdict).toBe('generic');
    // Beside names, or alone, a city that is also a name is still the name.
    expect(classify('paris.hilton').verdict).toBe('personal');
    expect(classify('Paris Hilton').verdict).toBe('personal');
    expect(classify('sydney.okafor').verdict).toBe('personal');
    expect(classify('london.smith').verdict).toBe('personal');
    expect(classify('mark.sales').verdict).toBe('personal');
    // A login that is its owner's name stays theirs, whatever city it also names.
    expect(classify('sales.london', 'London Okafor').verdict).toBe('personal');
    // A city alone says neither.
    expect(classify('manchester').verdict).toBe('unknown');
  });

  it('says unknown when nothing decides it', () => {
    expect(classify('x7').verdict).toBe('unknown');
    expect(classify('12345').verdict).toBe('unknown');
  });
});

describe('defaultAccountName', () => {
  it('recognises built-in and test logins, not a person with an admin login', () => {
    expect(defaultAccountName('admin')).toBe('admin');
    expect(defaultAccountName('Administrator1')).toBe('administrator');
    expect(defaultAccountName('test_user')).toBe('test user');
    expect(defaultAccountName('guest@firm.com')).toBe('guest');
    expect(defaultAccountName('admin.jane')).toBeNull();
    expect(defaultAccountName('rbaker')).toBeNull();
  });

  it.each([
    ['gast', 'gast'],
    ['Gäste', 'gaste'],
    ['schulung1', 'schulung'],
    ['invitado', 'invitado'],
    ['Prueba', 'prueba'],
    ['essai', 'essai'],
    ['formation', 'formation'],
    ['invité', 'invite'],
    ['ospite', 'ospite'],
    ['teste', 'teste'],
    ['gość', 'gosc'],
    ['testbruker', 'testbruker'],
    ['beheerder', 'beheerder'],
    ['mariadb.sys', 'mariadb sys'],
  ])('reads "%s" as the default login "%s" in its language', (login, name) => {
    expect(defaultAccountName(login)).toBe(name);
  });

  it('keeps a person whose login starts with such a word a person', () => {
    expect(defaultAccountName('gast.mueller')).toBeNull();
    expect(defaultAccountName('formation-jdupont')).toBeNull();
    expect(defaultAccountName('gastone')).toBeNull();
  });
});
