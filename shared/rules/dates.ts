export const DAY_MS = 86_400_000;

/** The formats read of a moment in a time zone, by what they are for. */
const FORMATS = {
  /** YYYY-MM-DD, as en-CA writes a date. */
  day: ['en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }],
  /** Every part of the moment, on a 24-hour clock. */
  parts: [
    'en-GB',
    {
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    },
  ],
} as const satisfies Record<string, [string, Intl.DateTimeFormatOptions]>;

/** Formatters made once per format and time zone: making one costs far more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The formatter of `format` in a time zone. An unknown zone throws, and is not kept. */
export function formatIn(format: keyof typeof FORMATS, timeZone: string): Intl.DateTimeFormat {
  const key = `${format} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const [locale, options] = FORMATS[format];
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** YYYY-MM-DD of a moment in a time zone. */
export function dateIn(timeZone: string, at: number): string {
  return formatIn('day', timeZone).format(at);
}

/** YYYY-MM-DD (UTC) of a moment; arithmetic instead of Date#toISOString, which is slow in a loop. */
export function isoDate(at: number): string {
  // Howard Hinnant's civil_from_days.
  const z = Math.floor(at / DAY_MS) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Midnight UTC of a YYYY-MM-DD date, in ms (days_from_civil; Date.parse is slow in a loop). */
export function dateMs(date: string): number {
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) * DAY_MS;
}

/** Whole days from a moment to now, never negative. */
export function daysSince(at: number, now: number): number {
  return Math.max(0, Math.floor((now - at) / DAY_MS));
}
