import { afterEach, describe, expect, it } from 'vitest';
import { localeDateOrder, pageDateOrder } from '../../../extension/lib/page/date-order';

afterEach(() => {
  document.documentElement.lang = '';
});

describe('how a page writes numeric dates, from its language', () => {
  it('is month first in American English, day first in British English, German and French', () => {
    expect(localeDateOrder('en-US')).toBe('mdy');
    expect(localeDateOrder('en-GB')).toBe('dmy');
    expect(localeDateOrder('de-DE')).toBe('dmy');
    expect(localeDateOrder('fr')).toBe('dmy');
    // Year first: numeric dates with the year last are not written there; day first is the default.
    expect(localeDateOrder('ja')).toBe('dmy');
    expect(localeDateOrder('not a language!')).toBe('dmy');
  });

  it('takes the page’s language, with the browser’s region where the page names none', () => {
    document.documentElement.lang = 'en-US';
    expect(pageDateOrder(document, null, 'en-GB')).toBe('mdy');
    document.documentElement.lang = 'en';
    expect(pageDateOrder(document, null, 'en-GB')).toBe('dmy');
    expect(pageDateOrder(document, null, 'en-US')).toBe('mdy');
    // A page in German read in an American browser writes dates as Germans do.
    document.documentElement.lang = 'de';
    expect(pageDateOrder(document, null, 'en-US')).toBe('dmy');
    document.documentElement.lang = '';
    expect(pageDateOrder(document, null, 'en-US')).toBe('mdy');
  });

  it('takes the list’s own dates first, where one can be read only one way', () => {
    document.documentElement.lang = 'en-US';
    expect(pageDateOrder(document, 'amy  Member since 23/01/2025  04/12/2026', 'en-US')).toBe('dmy');
    expect(pageDateOrder(document, 'amy  04/12/2026', 'en-US')).toBe('mdy');
  });
});
