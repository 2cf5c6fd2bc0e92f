import { dateOrderShown } from '../../../shared/directory/date-order';
import type { DateOrder } from '../../../shared/schemas/page-row';

/**
 * How a user list writes numeric dates: told by its own dates where one can be read only one way
 * ("Member since 23/01/2025"), otherwise by the page's language: "en-US" writes 11/23/2026 (month
 * first); "en-GB", "de", "fr" 23/11/2026. A page that names its language without a region ("en")
 * takes the browser's region for that language. The server reads the sign-in times sent with it
 * the same way before it falls back on this.
 */
export function pageDateOrder(
  doc: Document,
  listText: string | null | undefined,
  browserLocale = navigator.language,
): DateOrder {
  const pageLocale = doc.documentElement.lang.trim();
  const language = (locale: string) => locale.split(/[-_]/)[0]?.toLowerCase();
  const locale =
    !pageLocale || (!/[-_]/.test(pageLocale) && language(pageLocale) === language(browserLocale))
      ? browserLocale
      : pageLocale;
  return dateOrderShown([listText], localeDateOrder(locale));
}

/**
 * Whether the locale writes the month first ("11/23/2026"); day first otherwise, also where the year
 * comes first ("2026/11/23"), as a list in such a language writes no date with the year last.
 */
export function localeDateOrder(locale: string): DateOrder {
  try {
    const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(Date.UTC(2026, 10, 23))
      .map((part) => part.type)
      .filter((type) => type === 'day' || type === 'month' || type === 'year');
    return parts[0] === 'month' ? 'mdy' : 'dmy';
  } catch {
    // A language tag the browser does not know.
    return 'dmy';
  }
}
