import { describe, expect, it } from 'vitest';
import { classify, loginTokens } from '../../../shared/classifier/classify.ts';
import lexiconSources from '../../../shared/classifier/data/lexicon-sources.json' with { type: 'json' };
import { namesTwoPeople } from '../../../shared/classifier/shared-display-name.ts';

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
