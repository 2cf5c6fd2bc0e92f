import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../shared/classifier/classify.ts';
import data from '../../../shared/classifier/data/lexicon.json' with { type: 'json' };
import lexiconSources from '../../../shared/classifier/data/lexicon-sources.json' with { type: 'json' };
import {
  ANY_NAME,
  ANY_ROLE,
  DEVICE,
  FIRST_NAME,
  lookup,
  OTHER_NAME,
  PLACE,
  PLACEHOLDER,
  ROLE,
  SERVICE,
  SURNAME,
} from '../../../shared/classifier/lexicon.ts';
import { namesTwoPeople } from '../../../shared/classifier/shared-display-name.ts';
import { evaluatePageRows } from '../../../shared/page-verdicts.ts';

describe('the lexicon', () => {
  it('records each source with its version and licence', () => {
    const packages = lexiconSources.sources.filter((s) => 'package' in s);
    expect(packages.map((s) => s.package)).toEqual([
      '@faker-js/faker',
      '@cspell/dict-people-names',
      'role-based-email-addresses',
      'gender-detection-from-name',
    ]);
    for (const s of packages) {
      expect(s).toMatchObject({ licence: 'MIT', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    }
  });

  it('finds every listed word with each list it is on, and no other word', () => {
    const decode = (encoded: string) => {
      const words: string[] = [];
      let prev = '';
      for (const [, shared, rest] of encoded.matchAll(/(\d)(\D*)/g)) {
        prev = prev.slice(0, Number(shared)) + rest;
        words.push(prev);
      }
      return words;
    };
    const expected = new Map<string, number>();
    const lists = [
      [data.first, FIRST_NAME],
      [data.last, SURNAME],
      [data.other, OTHER_NAME],
      [data.role, ROLE],
      [data.device, DEVICE],
      [data.placeholder, PLACEHOLDER],
      [data.service, SERVICE],
      [data.place, PLACE],
    ] as const;
    for (const [encoded, bit] of lists)
      for (const word of decode(encoded)) expected.set(word, (expected.get(word) ?? 0) | bit);
    expect(expected.size).toBeGreaterThan(50_000);
    for (const [word, bits] of expected) if (lookup(word) !== bits) expect(lookup(word), word).toBe(bits);
    // Near misses of listed words: one letter changed, dropped or added.
    let checked = 0;
    for (const word of [...expected.keys()].filter((_, i) => i % 7 === 0)) {
      for (const near of [`${word}q`, word.slice(1), `x${word.slice(1)}`]) {
        if (expected.has(near)) continue;
        checked++;
        if (lookup(near) !== 0) expect(lookup(near), near).toBe(0);
      }
    }
    expect(checked).toBeGreaterThan(20_000);
  });

  it('keeps role words out of the name lists', () => {
    for (const word of ['admin', 'office', 'sales', 'reception', 'test', 'guest', 'service', 'accounts']) {
      expect(lookup(word) & ANY_NAME, word).toBe(0);
      expect(lookup(word) & ANY_ROLE, word).not.toBe(0);
    }
    for (const name of ['rose', 'baker', 'priya', 'nguyen', 'oluwaseun', 'kowalczyk', 'sydney']) {
      expect(lookup(name) & ANY_NAME, name).not.toBe(0);
    }
  });
});

describe('robustness', () => {
  it('never throws and always answers within its contract, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.option(fc.string({ maxLength: 400 })),
        (username, display) => {
          const result = classify(username, display);
          expect(['generic', 'personal', 'unknown']).toContain(result.verdict);
          expect(result.confidence).toBeGreaterThanOrEqual(0);
          expect(result.confidence).toBeLessThanOrEqual(1);
          expect(result.reasons.length).toBeGreaterThan(0);
          namesTwoPeople(display);
          evaluatePageRows([{ username, displayName: display, status: display }]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
