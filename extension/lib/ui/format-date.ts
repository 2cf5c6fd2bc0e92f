/**
 * The one way the extension shows a date: the browser's locale, day month and year ("20 Nov 2026"
 * in en-GB, "Nov 20, 2026" in en-US). A calendar date (YYYY-MM-DD, such as a last day of work) is
 * shown as that day wherever the browser is; a moment (milliseconds since the epoch, such as a last
 * sign-in) as the day it was in the browser's time zone.
 */
export function formatDate(value: string | number, locale?: string): string {
  if (typeof value === 'number') return formatter(locale).format(value);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!day) return value;
  // Read as UTC midnight and shown in UTC, so no time zone moves it to the day before.
  return formatter(locale, 'UTC').format(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, timeZone?: string): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone ?? ''}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) });
    formatters.set(key, made);
  }
  return made;
}
