import { describe, expect, it } from 'vitest';
import { classify, loginTokens } from '../../../shared/classifier/classify.ts';
import lexiconSources from '../../../shared/classifier/data/lexicon-sources.json' with { type: 'json' };
import { defaultAccountName } from '../../../shared/classifier/default-accounts.ts';
import { namesTwoPeople } from '../../../shared/classifier/shared-display-name.ts';
import { foldLetters } from '../../../shared/classifier/tokenize.ts';

describe('role logins in the languages a firm works in', () => {
  it.each([
    ['Empfangstheke', 'de'],
    ['praxisempfang', 'de'],
    ['Behandlungsraum1', 'de'],
    ['Büro', 'de'],
    ['buero2', 'de'],
    ['anmeldung@praxis-weber.de', 'de'],
    ['accueil2', 'fr'],
    ['contabilité', 'fr'],
    ['secretariat.cabinet', 'fr'],
    ['caja1', 'es'],
    ['atencion_cliente', 'es'],
    ['recepcao', 'pt'],
    ['Faturação', 'pt'],
    ['segreteria', 'it'],
    ['ufficio.acquisti', 'it'],
    ['receptie01', 'nl'],
    ['Klantenservice', 'nl'],
    ['kundtjänst', 'sv'],
    ['resepsjon', 'nb'],
    ['bogholderi', 'da'],
    ['księgowość', 'pl'],
    ['recepcja1', 'pl'],
    ['exam.room.2', 'en'],
    ['xray1', 'en'],
    ['TriageNurse', 'en'],
    ['floater2', 'en'],
    ['MFA1', 'de'],
    ['arzt', 'de'],
    ['sjukskoterska', 'sv'],
    ['sykepleier', 'nb'],
    ['ekonomiavd', 'sv'],
    ['sairaanhoitaja', 'fi'],
    ['huisarts', 'nl'],
    ['reisbureau', 'nl'],
    ['médecin', 'fr'],
    ['viagens', 'pt'],
    ['polisy', 'pl'],
  ])('calls %s (%s) generic', (username) => {
    expect(classify(username).verdict).toBe('generic');
  });

  it('reads an unlisted word by its function-word ending in each language', () => {
    expect(classify('Zahlungsabwicklung').verdict).toBe('generic');
    expect(classify('produzione2').verdict).toBe('generic');
    expect(classify('Qualitätssicherung').verdict).toBe('generic');
    // A surname with such an ending after a short stem is still a name.
    expect(classify('m.cheung').verdict).toBe('personal');
  });

  it('splits German compounds at their linking s, with accents kept or folded', () => {
    expect(loginTokens('Empfangstheke').map((t) => [t.text, t.kind])).toEqual([
      ['empfangs', 'role'],
      ['theke', 'role'],
    ]);
    expect(loginTokens('Praxisempfang').map((t) => t.text)).toEqual(['praxis', 'empfang']);
    expect(loginTokens('Rezeption_Büro2').map((t) => t.text)).toEqual(['rezeption', 'buro', '2']);
  });

  it('reads a compound of a role word and an unlisted word as the role', () => {
    expect(loginTokens('Empfangsbereich').map((t) => [t.text, t.kind])).toEqual([
      ['empfangs', 'role'],
      ['bereich', 'unknown'],
    ]);
    expect(classify('Empfangsbereich').verdict).toBe('generic');
    expect(classify('kundenkonto2').verdict).toBe('generic');
    expect(classify('Verwaltungsangestellte').verdict).toBe('generic');
  });

  it.each([
    ['thomas.koch', 'Thomas Koch'],
    ['srichter', null],
    ['jmueller', 'Jürgen Müller'],
    ['marie.marchand', null],
    ['jose.herrero', 'José Herrero'],
    ['luca.ferrari', null],
    ['pieter.bakker', null],
    ['lars.moeller', 'Lars Møller'],
    ['jan.kowalski', null],
    ['michał.wiśniewski', null],
    // A Polish woman's surname: Kowalska, Wiśniewska.
    ['akowalska', null],
    ['m.wisniewska', 'Maria Wiśniewska'],
  ])('calls %s (%s) personal: a trade word as a surname', (username, displayName) => {
    expect(classify(username, displayName).verdict).toBe('personal');
  });

  it.each(['pvandijk', 'jvanderberg', 't.vanderlinden', 'kvonbraun', 'mdossantos', 'ydelacruz'])(
    'reads %s as an initial and a surname with its particles',
    (username) => {
      const classification = classify(username);
      expect(classification.verdict).toBe('personal');
      expect(classification.tokens.at(-1)?.kind).toBe('surname');
    },
  );

  it('reads a username written as "First Last" with no display name as a person', () => {
    expect(classify('Dawn Service').verdict).toBe('personal');
    expect(classify('Mark Sales').reasons).toContain('written as a person\'s name "Mark Sales"');
    expect(classify('Mark Sales', 'Mark Sales').confidence).toBeGreaterThan(0.9);
    // Still a role or a device when written like one.
    expect(classify('Front Desk').verdict).toBe('generic');
    expect(classify('Iris Scanner').verdict).toBe('generic');
  });

  it('records where the word lists of each language come from', () => {
    const curated = lexiconSources.sources.find((s) => 'files' in s);
    expect(curated?.files).toEqual(
      expect.arrayContaining([
        'de.txt',
        'fr.txt',
        'es.txt',
        'pt.txt',
        'it.txt',
        'nl.txt',
        'nordic.txt',
        'pl.txt',
      ]),
    );
  });
});

describe('shared-login wording in other languages', () => {
  it.each([
    ['Anna und Piotr', 2],
    ['Marie et Paul', 2],
    ['Ana y Luis', 2],
    ['João e Maria', 2],
    ['Giulia e Marco', 2],
    ['Jan en Piet', 2],
    ['Lars og Mette', 2],
    ['Lars och Anna', 2],
    ['Anna i Piotr', 2],
    ['Lars + Mette', 2],
    ['Jana a Petr', 2],
    ['Anna és Péter', 2],
    ['Ayşe ve Mehmet', 2],
    ['Ion și Maria', 2],
    ['Matti ja Liisa', 2],
  ])('finds the people in "%s"', (displayName, count) => {
    expect(namesTwoPeople(displayName)?.people).toHaveLength(count);
  });

  it.each([
    'Familie Müller',
    'Famille Dupont',
    'Familia García',
    'Família Silva',
    'Famiglia Rossi',
    'Familjen Andersson',
    'Gezin de Vries',
    'Rodzina Kowalskich',
    'Rodzina Nowaków',
    'Obitelj Horvat',
    'Yılmaz ailesi',
    'Kovács család',
  ])('finds a household in "%s"', (displayName) => {
    expect(namesTwoPeople(displayName)?.reason).toContain('household');
  });

  it.each([
    'Maria da Silva e Sousa',
    'Maria E. Costa',
    'Juan Y Lopez',
    'Jan i Kowalski',
    'Mario e Rossi',
    'Empfang und Kasse',
    'Familie Empfang',
    'Familie Beratung',
    // A law firm's departments, not households.
    'Family Law',
    'Family Court',
    'Jana A. Nováková',
    'Recepce a Pokladna',
    'Kim Ja Young',
  ])('does not call "%s" two people', (displayName) => {
    expect(namesTwoPeople(displayName)).toBeNull();
  });
});

describe('logins and display names in other scripts', () => {
  it.each([
    ['Администратор', null, 'administrator'],
    ['Бухгалтерия', null, 'bukhgalteriya'],
    ['ОтделКадров', null, 'otdel'],
    ['u102', 'Отдел кадров', 'Отдел кадров'],
    ['kassa2', 'Касса 2', 'kassa'],
    ['Υποδοχή', null, 'ypodochi'],
    ['u7', 'Λογιστήριο', 'Λογιστήριο'],
    ['前台2', null, '前台'],
    ['u01', '财务部', '财务部'],
    ['u02', '銷售二組', '銷售二組'],
    ['u03', '华东区销售中心', '华东区销售中心'],
    ['u20', '受付', '受付'],
    ['u21', '総務部', '総務部'],
    ['u30', '접수처', '접수처'],
    ['u31', '경리팀', '경리팀'],
    ['u32', '고객 지원', '고객 지원'],
    ['u40', 'الاستقبال', 'الاستقبال'],
    ['u41', 'מזכירות', 'מזכירות'],
    ['u42', 'ฝ่ายขาย', 'ฝ่ายขาย'],
  ])('calls %s shown as %s generic, for "%s"', (username, displayName, word) => {
    const result = classify(username, displayName);
    expect(result.verdict).toBe('generic');
    expect(result.reasons.join('; ')).toContain(word);
  });

  it.each([
    ['ivanov', 'Иван Иванов'],
    ['ipetrov', 'Иван Петров'],
    ['u9', 'Мария Смирнова'],
    ['gpapadopoulos', 'Γιώργος Παπαδόπουλος'],
    ['zhang.wei', '张伟'],
    ['u10', '王芳'],
    ['张伟', null],
    ['yamada', '山田 太郎'],
    ['kim.minjun', '김민준'],
    ['u41', 'أحمد محمد'],
    ['u43', 'דוד כהן'],
    ['u45', 'สมชาย ใจดี'],
  ])('calls %s shown as %s a person', (username, displayName) => {
    expect(classify(username, displayName).verdict).toBe('personal');
  });

  it('does not read a name holding a role word, or a department ending, as the role', () => {
    // "Accountant Wang", and Li Ke (科 also ends a department's name).
    expect(classify('u09', '王会计').verdict).not.toBe('generic');
    expect(classify('u11', '李科').verdict).toBe('personal');
  });

  it('reads the built-in and test logins written in other scripts', () => {
    expect(defaultAccountName('Администратор')).toBe('administrator');
    expect(defaultAccountName('Гость')).toBe('gost');
    expect(defaultAccountName('Тест1')).toBe('test');
    expect(defaultAccountName('管理员')).toBe('管理员');
    expect(defaultAccountName('テスト')).toBe('テスト');
    expect(defaultAccountName('관리자')).toBe('관리자');
    expect(defaultAccountName('אורח1')).toBe('אורח');
    // Another letter beside the word: Wang, the administrator.
    expect(defaultAccountName('王管理员')).toBeNull();
  });

  it.each([
    ['Иван и Мария', ['Иван', 'Мария']],
    ['Ольга / Сергей', ['Ольга', 'Сергей']],
    ['陈杰 / 赵敏', ['陈杰', '赵敏']],
    ['陈杰、赵敏', ['陈杰', '赵敏']],
    ['赵敏和陈杰', ['赵敏', '陈杰']],
    ['山田と佐藤', ['山田', '佐藤']],
    ['김민준 및 이서연', ['김민준', '이서연']],
  ])('finds the people in "%s"', (displayName, people) => {
    expect(namesTwoPeople(displayName)?.people).toEqual(people);
  });

  it.each(['财务 / 人事', '王和平', '前台、客服', 'Отдел продаж и маркетинга'])(
    'finds no two people in "%s"',
    (displayName) => {
      expect(namesTwoPeople(displayName)).toBeNull();
    },
  );

  it('keeps the letters that are not accents as they are written', () => {
    // Japanese "ゲ" is ケ with a voicing mark; a Hangul syllable is its letters composed.
    expect(foldLetters('ゲスト')).toBe('ゲスト');
    expect(foldLetters('관리자')).toBe('관리자');
    expect(foldLetters('Zoë Ωμέγα й')).toBe('Zoe Ωμεγα и');
  });
});
