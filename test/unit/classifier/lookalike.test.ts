import { describe, expect, it } from 'vitest';
import { classify } from '../../../shared/classifier/classify.ts';
import { defaultAccountName } from '../../../shared/classifier/default-accounts.ts';
import { lookalike, plainLogin } from '../../../shared/classifier/lookalike.ts';

// Escapes keep the lookalikes visible in review: \u0430 is Cyrillic "а", \u00ad a soft hyphen.
describe('lookalike logins', () => {
  it.each([
    ['\u0430dmin', 'admin'], // Cyrillic а
    ['\u0410DMIN', 'ADMIN'], // Cyrillic А
    ['\uff41\uff44\uff4d\uff49\uff4e', 'admin'], // full-width
    ['recep\u00adtion', 'reception'], // soft hyphen
    ['front\u200bdesk', 'frontdesk'], // zero-width space
    ['j\u043ehn.sm\u0456th', 'john.smith'], // Cyrillic о and Ukrainian і
    ['\u0391dministrator', 'Administrator'], // Greek Alpha
    ['\ud835\udc1a\ud835\udc1d\ud835\udc26\ud835\udc22\ud835\udc27', 'admin'], // mathematical bold
    ['r\u043e\u043et@firm.com', 'root@firm.com'],
  ])('reads %j as %j', (written, plain) => {
    expect(lookalike(written)?.plain).toBe(plain);
    expect(plainLogin(written)).toBe(plain);
  });

  it('names each character that is not what it seems', () => {
    expect(lookalike('\u0430dmin')?.changes.map((c) => c.described)).toEqual([
      'Cyrillic "\u0430" (U+0430) for "a"',
    ]);
    expect(lookalike('recep\u00adtion')?.changes.map((c) => c.described)).toEqual([
      'an invisible soft hyphen (U+00AD)',
    ]);
    expect(lookalike('\uff41dmin')?.changes.map((c) => c.described)).toEqual([
      'full-width "\uff41" (U+FF41) for "a"',
    ]);
  });

  it.each([
    'admin',
    'rbaker',
    'Zo\u00eb', // Zoë, precomposed
    'Zoe\u0308', // Zoë, decomposed
    'Jos\u00e9.garcia',
    'bj\u00f6rn',
    'y\u0131ld\u0131z', // Turkish dotless ı is a letter, not a disguise
    '\u0438\u0432\u0430\u043d', // иван: written in Cyrillic, not imitating Latin
    '\u7530\u4e2d', // 田中
    'jane@firm.com',
  ])('leaves %j as it is', (written) => {
    expect(lookalike(written)).toBeNull();
    expect(plainLogin(written)).toBe(written);
  });

  it('lets the classifier and the built-in list read the plain form', () => {
    expect(defaultAccountName('\u0430dmin')).toBe('admin');
    expect(defaultAccountName('\uff47\uff55\uff45\uff53\uff54')).toBe('guest');
    const reception = classify('recep\u00adtion');
    expect(reception.verdict).toBe('generic');
    expect(reception.reasons).toContain('role word "reception"');
    expect(classify('rec\u0435ption')).toEqual(classify('reception'));
  });
});
