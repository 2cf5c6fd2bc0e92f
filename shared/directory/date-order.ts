import type { DateOrder } from '../schemas/page-row';

/**
 * A numeric date with the year after the day and the month, in either order: "23/11/2026",
 * "11-23-26". Dates written with dots are left out: they are day first wherever they are written.
 */
const DAY_AND_MONTH = /(?<![\d/-])(\d{1,2})([/-])(\d{1,2})\2(?:19\d\d|20\d\d|\d\d)(?![\d/-])/g;

/**
 * The order a list writes its numeric dates in, told by the dates in its text that can be read only
 * one way ("23/11/2026" is day first, "11/23/2026" month first); otherwise `declared` (from the
 * page's language). Dates that read both ways tell nothing; nor do dates that disagree.
 */
export function dateOrderShown(texts: Iterable<string | null | undefined>, declared: DateOrder): DateOrder {
  let dayFirst = false;
  let monthFirst = false;
  for (const text of texts) {
    if (!text) continue;
    for (const [, firstShown, , secondShown] of text.matchAll(DAY_AND_MONTH)) {
      const first = Number(firstShown);
      const second = Number(secondShown);
      // "12-34-56" is a number, not a date.
      if (first > 12 && first <= 31 && second >= 1 && second <= 12) dayFirst = true;
      else if (second > 12 && second <= 31 && first >= 1 && first <= 12) monthFirst = true;
    }
  }
  if (dayFirst === monthFirst) return declared;
  return dayFirst ? 'dmy' : 'mdy';
}
