import { foldLetters } from '../classifier/tokenize';
import type { DateOrder } from '../schemas/page-row';

/*
 * Reads the last sign-in a system's user-list page shows, in the languages the page reader reads
 * ("Never", "vor 3 Tagen", "20. November 2026"), on the server, as a snapshot is reconciled. Kept
 * apart from the status reader, which the page's script carries: its tables of words are the
 * server's alone.
 */

/**
 * A shown sign-in time: `at` with the precision the page gave it (a date alone is a whole day,
 * "3 hours ago" an hour), so a re-read of the same page is not mistaken for a new sign-in.
 */
export type ShownTime =
  | { kind: 'never' }
  | { kind: 'at'; at: number; precisionMs: number }
  | { kind: 'unknown' };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/**
 * The words of a sign-in time in the languages the pages are read in, as `foldLetters` leaves them
 * (lower case, accents folded): never, now, today, yesterday; "3 days ago" and its kin; the names of
 * the months.
 */
const NEVER = new Set(
  [
    '',
    '-',
    '—',
    'n/a',
    'na',
    'none',
    'not yet',
    'never',
    'nie',
    'nigdy',
    'jamais',
    'nunca',
    'mai',
    'nooit',
    'aldrig',
    'aldri',
    'koskaan',
    'ei koskaan',
    'nikdy',
    'soha',
    'hiç',
    'niciodată',
    'ποτέ',
    'никогда',
    'ніколи',
    '从不',
    '從不',
    '永不',
    'אף פעם',
    'לעולם לא',
    '从未',
    '從未',
    'なし',
    '없음',
  ].map(foldLetters),
);
/**
 * Words that say "never" when they start a short text: "Never signed in", "Nie angemeldet", "Jamais
 * connecté"; and German "noch nie" (not yet ever).
 */
const NEVER_FIRST = new Set(
  ['never', 'nie', 'noch', 'nigdy', 'jamais', 'nunca', 'nooit', 'aldrig', 'aldri', 'nikdy'].map(foldLetters),
);

/** Days back from the capture: today, yesterday; and now. */
const DAYS_BACK = new Map<string, number>([
  ...[
    'today',
    'heute',
    "aujourd'hui",
    'hoy',
    'hoje',
    'oggi',
    'vandaag',
    'i dag',
    'idag',
    'dzisiaj',
    'dziś',
    'tänään',
    'dnes',
    'сегодня',
    'сьогодні',
    'bugün',
    'ma',
    '今天',
    '今日',
    '오늘',
  ].map((word) => [foldLetters(word), 0] as const),
  ...[
    'yesterday',
    'gestern',
    'hier',
    'ayer',
    'ontem',
    'ieri',
    'gisteren',
    'i går',
    'igår',
    'wczoraj',
    'eilen',
    'včera',
    'вчера',
    'учора',
    'dün',
    'tegnap',
    '昨天',
    '昨日',
    '어제',
  ].map((word) => [foldLetters(word), 1] as const),
]);
const NOW = new Set(
  [
    'now',
    'just now',
    'jetzt',
    'gerade eben',
    'maintenant',
    "à l'instant",
    'ahora',
    'agora',
    'adesso',
    'nu',
    'zojuist',
    'just nu',
    'teraz',
    'nyt',
    'nyni',
    'сейчас',
    'たった今',
    '刚刚',
    '剛剛',
    '방금',
    '방금 전',
  ].map(foldLetters),
);

/**
 * The stems of the units of "3 days ago" in each language, longest first, so that a unit word is
 * told by how it starts: "Tagen", "jours", "días", "giorni", "dagen", "dagar", "dni", "päivää".
 */
const UNIT_STEMS: readonly (readonly [string, number])[] = (
  [
    ['second', 1000],
    ['sekund', 1000],
    ['seconde', 1000],
    ['segund', 1000],
    ['secondi', 1000],
    ['sec', 1000],
    ['sek', 1000],
    ['seg', 1000],
    ['minut', MINUTE],
    ['мин', MINUTE],
    ['min', MINUTE],
    ['hour', HOUR],
    ['hr', HOUR],
    ['stund', HOUR],
    ['heure', HOUR],
    ['hora', HOUR],
    ['ore', HOUR],
    ['ora', HOUR],
    ['uur', HOUR],
    ['tim', HOUR],
    ['godzin', HOUR],
    ['tunti', HOUR],
    ['tunni', HOUR],
    ['hodin', HOUR],
    ['час', HOUR],
    ['day', DAY],
    ['tag', DAY],
    ['jour', DAY],
    ['dia', DAY],
    ['giorn', DAY],
    ['dag', DAY],
    ['dzien', DAY],
    ['dn', DAY],
    ['den', DAY],
    ['paiv', DAY],
    ['дн', DAY],
    ['ден', DAY],
    ['день', DAY],
    ['week', WEEK],
    ['woche', WEEK],
    ['semaine', WEEK],
    ['semana', WEEK],
    ['settiman', WEEK],
    ['weken', WEEK],
    ['veck', WEEK],
    ['uge', WEEK],
    ['uke', WEEK],
    ['tydzien', WEEK],
    ['tygodn', WEEK],
    ['tyden', WEEK],
    ['tydn', WEEK],
    ['viikk', WEEK],
    ['недел', WEEK],
    ['month', MONTH],
    ['monat', MONTH],
    ['mois', MONTH],
    ['mes', MONTH],
    ['maand', MONTH],
    ['manad', MONTH],
    ['maned', MONTH],
    ['miesi', MONTH],
    ['kuukau', MONTH],
    ['месяц', MONTH],
    ['year', YEAR],
    ['jahr', YEAR],
    ['ans', YEAR],
    ['an', YEAR],
    ['ano', YEAR],
    ['anni', YEAR],
    ['anno', YEAR],
    ['jaar', YEAR],
    ['ar', YEAR],
    ['rok', YEAR],
    ['lat', YEAR],
    ['vuo', YEAR],
    ['let', YEAR],
    ['год', YEAR],
    ['лет', YEAR],
  ] as const
)
  .map(([stem, ms]) => [foldLetters(stem), ms] as const)
  .sort((a, b) => b[0].length - a[0].length);

/** The unit a word names, as its stem and milliseconds: "Tagen" is ["tag", a day]. */
const unitStem = (word: string) => UNIT_STEMS.find(([stem]) => word.startsWith(stem));

/** Units written in two or three letters: French "an", "ans"; Nordic "år"; Polish and Czech days. */
const SHORT_UNITS = new Set(['an', 'ans', 'ar', 'dni', 'dny', 'dn', 'hr', 'hrs'].map(foldLetters));

/** "a", "one", "ein", "un", "een", "ett", "jeden": one of the unit. */
const ONE = new Set(
  [
    'a',
    'an',
    'one',
    'ein',
    'eine',
    'einem',
    'einer',
    'einen',
    'un',
    'une',
    'uno',
    'una',
    'um',
    'uma',
    'een',
    'en',
    'ett',
    'et',
    'jeden',
    'jedna',
    'jedno',
    'yksi',
    'один',
    'одна',
    'одну',
  ].map(foldLetters),
);
/**
 * "3 days ago" as the languages write it: a word before ("vor 3 Tagen", "il y a 3 jours", "hace 3
 * días", "há 3 dias", "před 3 dny"), or after ("3 giorni fa", "3 dagen geleden", "3 dni temu", "3
 * päivää sitten", "3 дня назад", "för 3 dagar sedan", "for 3 dage siden"). The count may be a word
 * for one ("vor einem Tag"), or left out ("tydzień temu").
 */
const AGO_BEFORE_WORDS = ['vor', 'il y a', 'hace', 'há', 'před'];
const AGO_AFTER_WORDS = [
  'ago',
  'fa',
  'geleden',
  'temu',
  'sitten',
  'назад',
  'atrás',
  'zuvor',
  'sedan',
  'siden',
];
const AGO_BEFORE = new RegExp(
  `^(?:${AGO_BEFORE_WORDS.map(foldLetters).join('|')})\\s+(?:(\\d+(?:[.,]\\d+)?|\\p{L}+)\\s+)?(\\p{L}+)$`,
  'u',
);
/** The word that says "ago", before or after a time passed. */
const AGO_WORD = new RegExp(
  `^(?:${AGO_BEFORE_WORDS.map(foldLetters).join('|')})\\s+|\\s+(?:${AGO_AFTER_WORDS.map(foldLetters).join('|')})$`,
  'u',
);
const CLOCK_PASSED = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/;
const AGO_AFTER = new RegExp(
  `^(?:${['för', 'før'].map(foldLetters).join('|')}\\s+)?(?:(\\d+(?:[.,]\\d+)?|\\p{L}+)\\s+)?(\\p{L}+)\\s+(?:${AGO_AFTER_WORDS.map(foldLetters).join('|')})$`,
  'u',
);

/** The months by name and short name, in the languages the pages are read in. */
const MONTHS = new Map<string, number>(
  (
    [
      'january janvier januar jänner enero janeiro gennaio januari styczeń stycznia tammikuu tammikuuta leden ledna jan janv ene gen sty',
      'february février februar febrero fevereiro febbraio februari luty lutego helmikuu helmikuuta únor února feb fév févr fevr fev lut',
      'march mars märz marts marzo março maart marzec marca maaliskuu maaliskuuta březen března mar mär mrt',
      'april avril abril aprile kwiecień kwietnia huhtikuu huhtikuuta duben dubna apr avr abr kwi',
      'may mai mayo maio maggio mei maj maja toukokuu toukokuuta květen května mag',
      'june juin juni junio junho giugno czerwiec czerwca kesäkuu kesäkuuta červen června jun giu cze',
      'july juillet juli julio julho luglio lipiec lipca heinäkuu heinäkuuta červenec července jul juil lug lip',
      'august août agosto augustus augusti sierpień sierpnia elokuu elokuuta srpen srpna aug ago sie',
      'september septembre septiembre setiembre setembro settembre wrzesień września syyskuu syyskuuta září sep sept set wrz',
      'october octobre oktober octubre outubro ottobre październik października lokakuu lokakuuta říjen října oct okt out ott paź',
      'november novembre noviembre novembro listopad listopada listopadu marraskuu marraskuuta nov lis',
      'december décembre dezember diciembre dezembro dicembre grudzień grudnia joulukuu joulukuuta prosinec prosince dec déc dez dic gru',
    ] as const
  ).flatMap((names, index) => names.split(' ').map((name) => [foldLetters(name), index + 1] as const)),
);
const ENGLISH_MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/;
const TIME_AFTER = '(?:[^\\d]{0,12}?(\\d{1,2}:\\d{2}(?::\\d{2})?)\\s*(am|pm)?)?';
/**
 * "20 Nov 2026", "20. November 2026", "20 de noviembre de 2026 10:12", "20 listopada 2026 r.", and
 * with dashes: "20-nov-2026", "20-dic-2026".
 */
const DAY_MONTH_YEAR = new RegExp(
  `^(\\d{1,2})(?:\\.?\\s+(?:de\\s+)?|-)(\\p{L}+)(?:\\.?,?\\s+(?:de\\s+)?|\\.?-)(\\d{4})(?:\\s*r\\.)?${TIME_AFTER}$`,
  'u',
);
/** "Nov 20, 2026", "November 20, 2026 2:05 PM". */
const MONTH_DAY_YEAR = new RegExp(`^(\\p{L}+)\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})${TIME_AFTER}$`, 'u');

function clockOf(time: string | undefined, meridiem: string | undefined): number | undefined {
  if (!time) return 0;
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = Number(match[3] ?? 0);
  if (meridiem) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

function utcDay(year: number, month: number, day: number): number | undefined {
  const at = Date.UTC(year, month - 1, day);
  const date = new Date(at);
  // Date.UTC rolls 31/02 over into March: a date that does not exist is not understood.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? at
    : undefined;
}

/** A day and the time shown after it (none: the whole day), as a shown time. */
function atDay(date: number | undefined, time: string | undefined, meridiem: string | undefined): ShownTime {
  const clock = clockOf(time, meridiem);
  if (date === undefined || clock === undefined) return { kind: 'unknown' };
  return { kind: 'at', at: date + clock, precisionMs: time ? (time.length > 5 ? 1000 : MINUTE) : DAY };
}

/** "23/11/2026", "11-23-26 2:05 pm", "23.11.2026 10:12": day and month in either order, then the year. */
const NUMERIC_DATE =
  /^(\d{1,2})([/.-])(\d{1,2})[/.-](\d{2}|\d{4}),?(?:\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*(am|pm)?)?$/;
/**
 * "2026年12月6日 14:05", "2026년 12월 6일 오후 2:05": year, month and day marked by their signs, as
 * Japanese, Chinese and Korean pages write them, with a time after, perhaps marked morning or
 * afternoon (午前, 午後, 上午, 下午, 오전, 오후).
 */
const CJK_DATE =
  /^(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일号號]?(?:[\s(（]*(午前|午後|上午|下午|오전|오후)?\s*(\d{1,2}:\d{2}(?::\d{2})?)\s*(午前|午後|上午|下午|오전|오후)?[)）]?)?$/u;
const CJK_AFTERNOON = new Set(['午後', '下午', '오후']);
/**
 * "3日前", "3 時間前", "3天前", "3个月前", "3일 전", "3시간 전": a count, a unit and "before", as
 * Japanese, Chinese and Korean write a time passed. The unit's sign, and how long it is.
 */
const CJK_AGO = /^(\d+)\s*(\S+?)\s*(?:前|전)$/u;
const CJK_UNITS = new Map<string, number>([
  ...(['秒', '초'] as const).map((unit) => [unit, 1000] as const),
  ...(['分', '分钟', '分鐘', '분'] as const).map((unit) => [unit, MINUTE] as const),
  ...(['時間', '小时', '小時', '个小时', '個小時', '시간'] as const).map((unit) => [unit, HOUR] as const),
  ...(['日', '天', '일'] as const).map((unit) => [unit, DAY] as const),
  ...(['週間', '周', '週', '个星期', '星期', '주'] as const).map((unit) => [unit, WEEK] as const),
  ...(['ヶ月', 'か月', 'カ月', 'ヵ月', '个月', '個月', '月', '개월', '달'] as const).map(
    (unit) => [unit, MONTH] as const,
  ),
  ...(['年', '년'] as const).map((unit) => [unit, YEAR] as const),
]);

const YEAR_FIRST_DATE =
  /^(\d{4})[/.]\s?(\d{1,2})[/.]\s?(\d{1,2})\.?,?(?:\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*(am|pm)?)?$/;

/**
 * A time passed as date libraries write it, made plain for the readers of "3 days ago": the
 * qualifiers of a rounded time left out ("about 2 hours ago", "over 1 year ago", "less than a minute
 * ago", "vor etwa 2 Stunden", "il y a plus d'un an", "hace casi 2 años"), a unit written short put
 * in full ("2d ago", "3h", "2 wks ago").
 */
function plainElapsed(folded: string): string {
  return (
    folded
      .replace(QUALIFIERS, ' ')
      // "< 1 minute", as Grafana writes its users' last activity; "~3 days".
      .replace(/^[<>≤≥~]\s*/, '')
      .replace(SHORT_UNIT, (_, count: string, unit: string) => `${count} ${SHORT_UNIT_WORDS[unit] ?? unit}`)
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const QUALIFIERS = new RegExp(
  `(?:^|\\s)(?:${[
    'about',
    'over',
    'almost',
    'nearly',
    'around',
    'approximately',
    'roughly',
    'less than',
    'more than',
    'a few',
    'few',
    'etwa',
    'ungefähr',
    'fast',
    'über',
    'mehr als',
    'weniger als',
    'environ',
    'presque',
    "plus d'",
    'plus de',
    "moins d'",
    'moins de',
    'alrededor de',
    'casi',
    'más de',
    'menos de',
    'cerca de',
    'quase',
    'mais de',
    'circa',
    'quasi',
    'più di',
    'meno di',
    'ongeveer',
    'bijna',
    'meer dan',
    'minder dan',
  ]
    .map(foldLetters)
    .join('|')})(?=\\s|$|(?<=')\\p{L})`,
  'gu',
);

/** "2d", "3h", "5m", "2 wks", "1y", "2mo": a count and a unit written short. */
const SHORT_UNIT = /(?<![\p{L}\d])(\d+)\s?(s|secs?|m|mins?|h|hrs?|d|w|wks?|mo|mos|mon|y|yrs?)(?![\p{L}\d])/gu;
const SHORT_UNIT_WORDS: Record<string, string> = {
  s: 'seconds',
  sec: 'seconds',
  secs: 'seconds',
  m: 'minutes',
  min: 'minutes',
  mins: 'minutes',
  h: 'hours',
  hr: 'hours',
  hrs: 'hours',
  d: 'days',
  w: 'weeks',
  wk: 'weeks',
  wks: 'weeks',
  mo: 'months',
  mos: 'months',
  // Discourse: "3mon".
  mon: 'months',
  y: 'years',
  yr: 'years',
  yrs: 'years',
};

/** "yesterday at 3:15 pm", "today, 09:12", "heute um 9:12", "hier à 15:15", "ayer a las 15:15". */
const DAY_AND_TIME =
  /^(\p{L}+(?:\s\p{L}+)??),?\s+(?:(?:at|um|a|a las|alle|om|kl|klo|o|as|à|às|w|v)\.?\s+)?(\d{1,2}:\d{2}(?::\d{2})?)\s*(am|pm)?$/u;

/**
 * A date with its month named and no year ("Dec 4", "Thu, Dec 4", "4 Dec", "4. Dezember"), as lists
 * write the dates of this year: the latest such day on or before the day the page was read.
 */
function readDateThisYear(folded: string, capturedAt: number): ShownTime | null {
  const match = NO_YEAR_MONTH_DAY.exec(folded) ?? NO_YEAR_DAY_MONTH.exec(folded);
  if (!match?.groups) return null;
  const { weekday, day, month: monthName, time, meridiem } = match.groups;
  if (weekday && MONTHS.has(weekday)) return null;
  const month = MONTHS.get(monthName ?? '');
  if (!month) return null;
  const year = new Date(capturedAt).getUTCFullYear();
  // A day after the page was read is last year's.
  const thisYear = utcDay(year, month, Number(day));
  const date =
    thisYear !== undefined && thisYear <= capturedAt ? thisYear : utcDay(year - 1, month, Number(day));
  return atDay(date, time, meridiem);
}

const WEEKDAY = '(?:(?<weekday>\\p{L}+)\\.?,?\\s+)?';
const NO_YEAR_MONTH_DAY = new RegExp(
  `^${WEEKDAY}(?<month>\\p{L}+)\\.?\\s+(?<day>\\d{1,2})(?:st|nd|rd|th)?${TIME_AFTER.replace('(\\d{1,2}', '(?<time>\\d{1,2}').replace('(am|pm)', '(?<meridiem>am|pm)')}$`,
  'u',
);
const NO_YEAR_DAY_MONTH = new RegExp(
  `^${WEEKDAY}(?<day>\\d{1,2})\\.?\\s+(?:de\\s+)?(?<month>\\p{L}+)\\.?${TIME_AFTER.replace('(\\d{1,2}', '(?<time>\\d{1,2}').replace('(am|pm)', '(?<meridiem>am|pm)')}$`,
  'u',
);

/**
 * A time passed written alone, in one unit or several: "12 days", "3 Tage", "2 mois", as Mattermost
 * writes its users' last logins; "3 days 4 hours", "1 hour 5 mins", as Moodle writes last access. In a
 * sign-in column, how long ago. Not "12 Mai": a month's name is a date. Null for anything else.
 */
function readElapsed(folded: string, saidAgo: boolean): { ms: number; precisionMs: number } | null {
  if (!/^\d/.test(folded)) return null;
  const parts = folded.split(' ');
  // Hours, minutes and seconds last ("23:48:00"): after days, or alone where the text says "ago"
  // (alone, it may be the time of day).
  const clock = CLOCK_PASSED.exec(parts.at(-1) ?? '');
  if (clock && (saidAgo || parts.length > 1)) parts.pop();
  if (parts.length % 2 !== 0 || parts.length > 6) return null;
  let ms = 0;
  let precisionMs = YEAR;
  if (clock && (saidAgo || parts.length > 0)) {
    const [, hours = '0', minutes = '0', seconds] = clock;
    ms += Number(hours) * HOUR + Number(minutes) * MINUTE + Number(seconds ?? 0) * 1000;
    precisionMs = seconds === undefined ? MINUTE : 1000;
  }
  for (let i = 0; i < parts.length; i += 2) {
    const [count = '', word = ''] = [parts[i], parts[i + 1]];
    if (!/^\d+$/.test(count) || !/^\p{L}+$/u.test(word) || MONTHS.has(word)) return null;
    // A stem of two letters ("ar", "dn") is a unit only as a whole word: "12 Ara" is a date.
    const [stem = '', unit] = unitStem(word) ?? [];
    if (!unit || (stem.length <= 2 && !SHORT_UNITS.has(word))) return null;
    ms += Number(count) * unit;
    precisionMs = Math.min(precisionMs, unit);
  }
  return { ms, precisionMs };
}

/** Times without a zone are read as UTC: the page does not say, and a day's precision absorbs it. */
export function readShownTime(shown: string, capturedAt: number, dateOrder: DateOrder): ShownTime {
  const text = shown.trim().toLowerCase();
  const folded = foldLetters(text)
    .replace(/\s+/g, ' ')
    .replace(/\u2019/g, "'");
  if (NEVER.has(folded)) return { kind: 'never' };
  // "Never signed in", "Nie angemeldet", "Noch nie angemeldet": a few words, no date.
  const words = folded.split(' ');
  if (
    words.length <= 4 &&
    !/\d/.test(folded) &&
    NEVER_FIRST.has(words[0] ?? '') &&
    (words[0] !== 'noch' || words[1] === 'nie')
  )
    return { kind: 'never' };
  if (NOW.has(folded)) return { kind: 'at', at: capturedAt, precisionMs: MINUTE };
  const daysBack = DAYS_BACK.get(folded);
  if (daysBack !== undefined) return { kind: 'at', at: capturedAt - daysBack * DAY, precisionMs: DAY };

  // "yesterday at 3:15 PM", "heute, 09:12", "gestern um 15:15": a day counted back, and the time.
  const dayAndTime = DAY_AND_TIME.exec(folded);
  const dayBack = dayAndTime ? DAYS_BACK.get(dayAndTime[1] ?? '') : undefined;
  if (dayAndTime && dayBack !== undefined) {
    const clock = clockOf(dayAndTime[2], dayAndTime[3]);
    const day = capturedAt - (capturedAt % DAY) - dayBack * DAY;
    if (clock !== undefined) return { kind: 'at', at: day + clock, precisionMs: MINUTE };
  }

  const passed = plainElapsed(folded);
  const ago = AGO_BEFORE.exec(passed) ?? AGO_AFTER.exec(passed);
  if (ago) {
    const [, count = '1', unitWord = ''] = ago;
    const unit = unitStem(unitWord)?.[1];
    // "1.9 days ago", as Rancher writes it.
    const times = /^\d+(?:[.,]\d+)?$/.test(count)
      ? Number(count.replace(',', '.'))
      : ONE.has(count)
        ? 1
        : undefined;
    if (!unit || times === undefined) return { kind: 'unknown' };
    return { kind: 'at', at: capturedAt - times * unit, precisionMs: unit };
  }
  const cjkAgo = CJK_AGO.exec(passed);
  const cjkUnit = cjkAgo && CJK_UNITS.get(cjkAgo[2] ?? '');
  if (cjkAgo && cjkUnit)
    return { kind: 'at', at: capturedAt - Number(cjkAgo[1]) * cjkUnit, precisionMs: cjkUnit };
  // "3 days 4 hours", "3 days 4 hours ago", "4 days 23:48:00 ago", "01:30:00 ago" (as Matomo
  // writes last logins): a time passed of several parts.
  const unmarked = passed.replace(AGO_WORD, '');
  const elapsed = readElapsed(unmarked, unmarked !== passed);
  if (elapsed) return { kind: 'at', at: capturedAt - elapsed.ms, precisionMs: elapsed.precisionMs };

  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[ t](\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?)?\s*(z|([+-]\d{2}):?(\d{2}))?$/.exec(
      // "2026-12-04 10:12:00 UTC": the zone named is Z.
      text.replace(/\s+(?:utc|gmt)$/, 'z'),
    );
  if (iso) {
    const day = utcDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    const clock = clockOf(iso[4], undefined);
    if (day === undefined || clock === undefined) return { kind: 'unknown' };
    if (iso[5] && iso[4]) {
      // "2026-12-04T10:12:00+01:00", and as Rails and PHP write it: "2026-12-04 10:12:00 +0100".
      const [, , , , time, , hours = '+00', minutes = '0'] = iso;
      const offset =
        (hours.startsWith('-') ? -1 : 1) * (Math.abs(Number(hours)) * HOUR + Number(minutes) * MINUTE);
      return { kind: 'at', at: day + clock - offset, precisionMs: time.length > 5 ? 1000 : MINUTE };
    }
    return { kind: 'at', at: day + clock, precisionMs: iso[4] ? (iso[4].length > 5 ? 1000 : MINUTE) : DAY };
  }

  const numeric = NUMERIC_DATE.exec(text);
  if (numeric) {
    const [, firstShown, separator, secondShown, yearShown = '', time, meridiem] = numeric;
    const first = Number(firstShown);
    const second = Number(secondShown);
    const year = yearShown.length === 2 ? 2000 + Number(yearShown) : Number(yearShown);
    // "23.11.2026": a date written with dots is day first wherever it is written so.
    const dayFirst = dateOrder === 'dmy' || separator === '.';
    const [day, month] = dayFirst ? [first, second] : [second, first];
    return atDay(utcDay(year, month, day), time, meridiem);
  }
  // "2026/11/23", "2026.11.23", "2026. 11. 23.": year, month, day, as Japanese, Chinese, Korean and
  // Hungarian pages write them.
  const yearFirst = YEAR_FIRST_DATE.exec(text);
  if (yearFirst) {
    const [, year, month, day, time, meridiem] = yearFirst;
    return atDay(utcDay(Number(year), Number(month), Number(day)), time, meridiem);
  }

  const cjk = CJK_DATE.exec(text);
  if (cjk) {
    const [, year, month, day, before, time, after] = cjk;
    const half = before ?? after;
    const meridiem = half === undefined ? undefined : CJK_AFTERNOON.has(half) ? 'pm' : 'am';
    return atDay(utcDay(Number(year), Number(month), Number(day)), time, meridiem);
  }

  const named = readNamedDate(folded) ?? readDateThisYear(folded, capturedAt);
  if (named) return named;

  // Other English forms ("Fri, 20 Nov 2026 10:12:00 GMT"): the runtime's parser reads English month
  // names, and makes a date of words it does not know ("Mai 2026" as 1 January); it uses local time
  // without a zone, which is UTC in Workers.
  const parsed = Date.parse(shown.trim());
  if (!Number.isNaN(parsed) && ENGLISH_MONTH.test(text) && /\d{4}/.test(text)) {
    return { kind: 'at', at: parsed, precisionMs: /\d:\d\d/.test(text) ? MINUTE : DAY };
  }
  return { kind: 'unknown' };
}

/** A date written with its month's name, in any of the languages of MONTHS; null for anything else. */
function readNamedDate(folded: string): ShownTime | null {
  const dayFirst = DAY_MONTH_YEAR.exec(folded);
  const monthFirst = dayFirst ? null : MONTH_DAY_YEAR.exec(folded);
  const [day, monthName, year, time, meridiem] = dayFirst
    ? [dayFirst[1], dayFirst[2], dayFirst[3], dayFirst[4], dayFirst[5]]
    : monthFirst
      ? [monthFirst[2], monthFirst[1], monthFirst[3], monthFirst[4], monthFirst[5]]
      : [];
  const month = MONTHS.get(monthName ?? '');
  if (!month) return null;
  return atDay(utcDay(Number(year), month, Number(day)), time, meridiem);
}
