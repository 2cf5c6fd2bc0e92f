import { foldLetters } from '../classifier/tokenize';
import type { Account, PermissionDefinition } from '../schemas/directory';

type AccountStatus = Account['status'];

/**
 * Turns the text a system's user-list page shows (status, role, last sign-in) into Rollcall's
 * values. Pages word these freely, so every reader says when it did not understand, instead of
 * guessing silently.
 */

/**
 * Status words by what they say of a login, in every language the page reader reads, lower case and
 * without accents (as `foldLetters` leaves them). Pages word a status freely ("Account locked",
 * "Gesperrt seit 2024", "Nieaktywny"), so these are looked for as words of the text.
 */
export const STATUS_WORDS = {
  disabled: [
    // en
    'disabled',
    'inactive',
    'deactivated',
    'suspended',
    'locked',
    'blocked',
    'expired',
    'archived',
    'revoked',
    'terminated',
    'banned',
    // de
    'inaktiv',
    'deaktiviert',
    'gesperrt',
    'blockiert',
    'abgelaufen',
    'archiviert',
    // fr
    'inactif',
    'desactive',
    'desactivee',
    'bloque',
    'bloquee',
    'suspendu',
    'suspendue',
    'verrouille',
    'verrouillee',
    'expire',
    'expiree',
    'archivee',
    // es, pt
    'inactivo',
    'inactiva',
    'inativo',
    'inativa',
    'desactivado',
    'desactivada',
    'desativado',
    'desativada',
    'deshabilitado',
    'deshabilitada',
    'inhabilitado',
    'inhabilitada',
    'desabilitado',
    'desabilitada',
    'bloqueado',
    'bloqueada',
    'suspendido',
    'suspendida',
    'suspenso',
    'suspensa',
    'caducado',
    'caducada',
    'expirado',
    'expirada',
    // it
    'inattivo',
    'inattiva',
    'disattivato',
    'disattivata',
    'disabilitato',
    'disabilitata',
    'bloccato',
    'bloccata',
    'sospeso',
    'sospesa',
    'scaduto',
    'scaduta',
    // nl
    'inactief',
    'gedeactiveerd',
    'uitgeschakeld',
    'geblokkeerd',
    'geschorst',
    'vergrendeld',
    'verlopen',
    // da, no, sv
    'deaktiveret',
    'deaktivert',
    'inaktiverad',
    'avaktiverad',
    'blokeret',
    'blokkert',
    'blockerad',
    'spaerret',
    'sperret',
    'sparrad',
    // pl
    'nieaktywny',
    'nieaktywna',
    'nieaktywne',
    'wylaczony',
    'wylaczona',
    'wylaczone',
    'zablokowany',
    'zablokowana',
    'zablokowane',
    'dezaktywowany',
    'dezaktywowana',
    'zawieszony',
    'zawieszona',
    'wygasly',
    'wygaslo',
    // cs, sk
    'neaktivní',
    'deaktivován',
    'deaktivovaný',
    'zablokován',
    'zablokovaný',
    'zakázán',
    'zakázaný',
    'pozastaven',
    'neaktívny',
    'zamčený',
    'zamčeno',
    'uzamknutý',
    'uzamknutá',
    'uzamknuté',
    'zakázáno',
    'blokován',
    'blokovaný',
    'vypnuto',
    'vypnuté',
    'vypnutý',
    'zakázané',
    // sl, hr
    'neaktiven',
    'onemogočen',
    'blokiran',
    'neaktivan',
    'onemogućen',
    'deaktiviran',
    'deaktivirano',
    'onemogočeno',
    'onemogućeno',
    'zaklenjen',
    'zaključan',
    'zaključani',
    'zaključano',
    // fi, et
    'passiivinen',
    'estetty',
    'lukittu',
    'suljettu',
    'mitteaktiivne',
    'blokeeritud',
    'keelatud',
    'lukus',
    'lukustatud',
    // lv, lt
    'neaktīvs',
    'bloķēts',
    'atspējots',
    'atslēgts',
    'išjungta',
    'neaktyvus',
    'užblokuotas',
    'išjungtas',
    'slēgts',
    'užrakintas',
    // hu
    'letiltva',
    'letiltott',
    'zárolt',
    'zárolva',
    'felfüggesztett',
    'felfüggesztve',
    // ro
    'inactiv',
    'dezactivat',
    'dezactivată',
    'blocat',
    'blocată',
    'suspendat',
    'suspendată',
    // tr
    'pasif',
    'kilitli',
    'engelli',
    'engellendi',
    'askıda',
    'bloklu',
    'engellenmiş',
    // el
    'ανενεργός',
    'ανενεργό',
    'ανενεργή',
    'απενεργοποιημένος',
    'απενεργοποιημένο',
    'κλειδωμένος',
    'απενεργοποιημένα',
    'κλειδωμένο',
    'κλειδωμένη',
    'αποκλεισμένο',
    'αποκλεισμένος',
    'απενεργοποιημένη',
    // ru, uk, bg
    'неактивен',
    'неактивный',
    'неактивна',
    'отключен',
    'заблокирован',
    'заблокированный',
    'деактивирован',
    'приостановлен',
    'неактивний',
    'вимкнений',
    'вимкнено',
    'заблокований',
    'заблоковано',
    'деактивований',
    'деактивиран',
    'блокиран',
    'спрян',
    'заключен',
    'заключена',
    'изключено',
    'изключен',
    'деактивировано',
    'деактивирована',
    'отключено',
    'заблокировано',
    'дезактивовано',
    'деактивовано',
    // ca
    'inactiu',
    'desactivat',
    'bloquejat',
    'bloquejada',
    'deshabilitat',
    'deshabilitada',
    // ja, zh, ko
    '無効',
    '無効化',
    '停止',
    '停止中',
    'ロック',
    'ロック中',
    '禁用',
    '已禁用',
    '停用',
    '已停用',
    '锁定',
    '已锁定',
    '冻结',
    '已冻结',
    '未启用',
    '停權',
    '鎖定',
    '鎖定中',
    '锁定中',
    '비활성',
    '비활성화',
    '잠김',
    '정지',
    '중지',
    '사용중지',
    '미사용',
    '사용안함',
    '잠금',
    '期限切れ',
    '过期',
    '已过期',
    '過期',
    '만료',
    '만료됨',
    '차단',
    '차단됨',
    '封鎖',
    '封鎖的',
    // id, vi, th, he, ar, fa, sr, sq, eu, is, cy, af
    'nonaktif',
    'diblokir',
    'ditangguhkan',
    'terkunci',
    'ระงับ',
    'ปิดใช้งาน',
    'ล็อก',
    'หมดอายุ',
    'ล็อค',
    'חסום',
    'מושבת',
    'נעול',
    'معطل',
    'محظور',
    'موقوف',
    'غیرفعال',
    'مسدود',
    'قفل',
    'مقفل',
    'неактиван',
    'онемогућен',
    'онемогућено',
    'закључани',
    'закључан',
    'заклучени',
    'заклучен',
    'joaktiv',
    'bllokuar',
    'kyçur',
    'desgaitua',
    'desgaituta',
    'blokeatuta',
    'óvirkur',
    'óvirkt',
    'læstur',
    'anweithredol',
    'onaktief',
    'gedeaktiveer',
    'geblokkeer',
    'funksjonshemmet',
  ],
  removed: [
    'deleted',
    'removed',
    'geloscht',
    'entfernt',
    'supprime',
    'supprimee',
    'eliminado',
    'eliminada',
    'borrado',
    'borrada',
    'excluido',
    'excluida',
    'removido',
    'removida',
    'eliminato',
    'eliminata',
    'rimosso',
    'rimossa',
    'cancellato',
    'cancellata',
    'verwijderd',
    'slettet',
    'borttagen',
    'raderad',
    'usuniety',
    'usunieta',
    'smazán',
    'smazaný',
    'odstraněn',
    'odstraněný',
    'zmazaný',
    'izbrisan',
    'obrisan',
    'poistettu',
    'kustutatud',
    'dzēsts',
    'ištrintas',
    'törölt',
    'törölve',
    'șters',
    'ștearsă',
    'silindi',
    'silinmiş',
    'διαγραμμένος',
    'удален',
    'удаленный',
    'видалений',
    'видалено',
    'изтрит',
    'eliminat',
    'esborrat',
    '削除済み',
    '已删除',
    '已刪除',
    '삭제됨',
  ],
  active: [
    'active',
    'enabled',
    'allowed',
    'current',
    'aktiv',
    'aktiviert',
    'actif',
    'activee',
    'autorise',
    'autorisee',
    'activo',
    'activa',
    'ativo',
    'ativa',
    'habilitado',
    'habilitada',
    'activado',
    'activada',
    'ativado',
    'ativada',
    'attivo',
    'attiva',
    'abilitato',
    'abilitata',
    'actief',
    'geactiveerd',
    'ingeschakeld',
    'aktiveret',
    'aktivert',
    'aktiverad',
    'aktywny',
    'aktywna',
    'aktywne',
    'wlaczony',
    'wlaczona',
    'wlaczone',
    'aktivní',
    'aktívny',
    'povoleno',
    'povolen',
    'povolený',
    'povolené',
    'aktiven',
    'aktivan',
    'aktivirano',
    'omogočeno',
    'omogućeno',
    'омогућено',
    'омогућен',
    'aktiivinen',
    'käytössä',
    'aktiivne',
    'lubatud',
    'aktīvs',
    'aktivizēts',
    'įjungtas',
    'ieslēgts',
    'aktyvus',
    'activ',
    'activat',
    'activată',
    'engedélyezve',
    'engedélyezett',
    'aktif',
    'faal',
    'aktifkan',
    'etkin',
    'ενεργός',
    'ενεργό',
    'ενεργή',
    'ενεργοποιημένα',
    'ενεργοποιημένο',
    'ενεργοποιημένος',
    'ενεργοποιημένη',
    'активен',
    'активный',
    'активна',
    'используется',
    'активний',
    'активно',
    'активировано',
    'активирован',
    'включено',
    'включен',
    'активовано',
    'активований',
    'увімкнено',
    'увімкнений',
    'actiu',
    'habilitat',
    'habilitada',
    '有効',
    'アクティブ',
    '利用中',
    '使用中',
    '启用',
    '已启用',
    '正常',
    '啟用',
    '活动的',
    '活動中',
    '활성',
    '사용',
    'ใช้งาน',
    'פעיל',
    'نشط',
    'نشيط',
    'مفعل',
    'فعال',
    'активан',
    'активни',
    'aktibo',
    'gaituta',
    'virkur',
    'virkt',
    'gweithredol',
    'aktief',
    'aktive',
  ],
  /** Words that turn an active word round: "Not active", "Nicht aktiv", "Nie aktywny". */
  not: [
    'not',
    'nicht',
    'non',
    'pas',
    'no',
    'nao',
    'niet',
    'ikke',
    'inte',
    'nie',
    'ne',
    'ei',
    'nem',
    'nu',
    'nav',
    'ni',
    'nije',
    'μη',
    'не',
    'غیر',
    'לא',
    'غير',
    'tidak',
    'không',
  ],
} as const;

// Folded as the words read off the page are.
const foldedSet = (words: readonly string[]) => new Set(words.map(foldLetters));

/**
 * A whole status that is only yes or no, as a column headed "Active" or "Enabled" shows it (the
 * reader only takes such columns as a status, never a "Locked" one).
 */
const SWITCHED_OFF = foldedSet([
  'no',
  'n',
  'false',
  'off',
  '0',
  'nein',
  'nie',
  'non',
  'nao',
  'nee',
  'nej',
  'nei',
  'ne',
  'ei',
  'nem',
  'nu',
  'hayir',
  'όχι',
  'нет',
  'ні',
  'не',
  'いいえ',
  '否',
  '아니오',
]);
const SWITCHED_ON = foldedSet([
  'yes',
  'y',
  'true',
  'on',
  '1',
  'ok',
  'ja',
  'tak',
  'oui',
  'si',
  'sim',
  'ano',
  'áno',
  'kyllä',
  'jah',
  'jā',
  'taip',
  'igen',
  'da',
  'evet',
  'ναι',
  'да',
  'так',
  'はい',
  '是',
  '예',
]);

const DISABLED = foldedSet(STATUS_WORDS.disabled);
const REMOVED = foldedSet(STATUS_WORDS.removed);
const ACTIVE = foldedSet(STATUS_WORDS.active);
const NOT = foldedSet(STATUS_WORDS.not);

export type ShownStatus = { status: AccountStatus; understood: boolean };

/**
 * "Active", "Locked", "No", "Gesperrt", "Nie"…: unknown wording counts as active (the page lists the
 * login) and says so.
 */
export function readShownStatus(shown: string): Readonly<ShownStatus> {
  // A list shows a handful of statuses ("Active", "Disabled") on thousands of rows.
  let read = shownStatuses.get(shown);
  if (read === undefined) {
    read = readStatus(shown);
    if (shownStatuses.size >= 500) shownStatuses.clear();
    shownStatuses.set(shown, read);
  }
  return read;
}

const shownStatuses = new Map<string, Readonly<ShownStatus>>();

/**
 * Statuses written in more than one word, where no one word says it: Turkish "devre dışı" (out of
 * circuit), Vietnamese, whose words are syllables ("vô hiệu hóa", made void; "bị khóa", locked;
 * "kích hoạt", activated). The switched-off ones first: "chưa kích hoạt" is "not yet activated".
 */
const STATUS_PHRASES = (
  [
    ['devre dışı', 'disabled'],
    // Finnish "removed from use", not removed.
    ['poistettu käytöstä', 'disabled'],
    ['vô hiệu', 'disabled'],
    ['bị khóa', 'disabled'],
    ['đã khóa', 'disabled'],
    ['chưa kích hoạt', 'disabled'],
    ['ngừng hoạt động', 'disabled'],
    ['kích hoạt', 'active'],
    ['hoạt động', 'active'],
  ] as const
).map(([phrase, status]) => [foldLetters(phrase), status] as const);

/**
 * Words read as written, before their accents are folded: Danish, Norwegian and Swedish "låst"
 * (locked) folds into English "last" ("Active, last seen 3 days ago").
 */
const DISABLED_AS_WRITTEN = new Set(['låst', 'låste']);
const WORD_BREAK = /[^\p{L}\p{M}\p{N}]+/u;

function readStatus(shown: string): ShownStatus {
  const written = shown.trim().toLowerCase();
  const text = foldLetters(written);
  if (SWITCHED_OFF.has(text)) return { status: 'disabled', understood: true };
  if (SWITCHED_ON.has(text)) return { status: 'active', understood: true };
  for (const [phrase, status] of STATUS_PHRASES)
    if (text.includes(phrase)) return { status, understood: true };
  if (
    written
      .normalize('NFC')
      .split(WORD_BREAK)
      .some((word) => DISABLED_AS_WRITTEN.has(word))
  )
    return { status: 'disabled', understood: true };
  const words = text.split(WORD_BREAK);
  if (words.some((word) => REMOVED.has(word))) return { status: 'removed', understood: true };
  if (words.some((word) => DISABLED.has(word)))
    return { status: UNDONE.test(text) ? 'active' : 'disabled', understood: true };
  const active = words.findIndex((word) => ACTIVE.has(word));
  if (active >= 0) {
    const turned = NOT.has(words[active - 1] ?? '') || NOT_AFTER.has(words[active + 1] ?? '');
    return { status: turned ? 'disabled' : 'active', understood: true };
  }
  return RUN_SCRIPT.test(text) ? readRuns(words) : { status: 'active', understood: false };
}

/**
 * Letters of the scripts whose words run together with no space between them (Chinese, Japanese,
 * Thai) or take their endings without one (Korean): "利用停止" (use stopped), "停用中", "비활성화됨",
 * "ระงับการใช้งาน" (use suspended).
 */
const RUN_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const inRuns = (words: ReadonlySet<string>) => [...words].filter((word) => RUN_SCRIPT.test(word));
const REMOVED_IN_RUNS = inRuns(REMOVED);
const DISABLED_IN_RUNS = inRuns(DISABLED);
const ACTIVE_IN_RUNS = inRuns(ACTIVE);
/** Written just before a word in a run, these say "not": "未启用", "非アクティブ", "미사용", "ไม่ใช้งาน". */
const NOT_IN_RUNS = ['未', '非', '不', '無', '无', '미', '비', 'ไม่'];
/** Korean says "not" after the word: "사용 안 함" (not in use), "사용 불가". */
const NOT_AFTER = new Set(['안', '안함', '않음', '불가']);
/** A lock or a stop written with one of these is undone: "ロック解除", "잠금 해제", "取消禁用". */
const UNDONE = /解除|해제|取消|ปลด/;

/**
 * A status in the scripts of `RUN_SCRIPT` that no whole word told: a status word within a run of
 * letters, unless "not" is written just before it, or the lock it names is undone.
 */
function readRuns(words: readonly string[]): ShownStatus {
  const runs = words.filter((word) => RUN_SCRIPT.test(word));
  if (runs.some((run) => saysIn(run, REMOVED_IN_RUNS))) return { status: 'removed', understood: true };
  const undone = runs.some((run) => UNDONE.test(run));
  const disabled = runs.map((run) => saysIn(run, DISABLED_IN_RUNS));
  if (disabled.includes(true) && !undone) return { status: 'disabled', understood: true };
  // Not disabled, or not locked: the login can be used.
  if (disabled.includes(false) || undone) return { status: 'active', understood: true };
  const active = runs.map((run) => saysIn(run, ACTIVE_IN_RUNS));
  if (active.includes(false)) return { status: 'disabled', understood: true };
  if (active.includes(true)) return { status: 'active', understood: true };
  return { status: 'active', understood: false };
}

/**
 * Whether a run holds one of `words`: true where it says it, false where "not" stands just before
 * it, undefined where none is in it. Thai writes some vowels before the consonant they follow, so a
 * word there does not start after one: "เปิดใช้งาน" (enabled) holds the letters of "ปิดใช้งาน"
 * (disabled) but not the word.
 */
function saysIn(run: string, words: readonly string[]): boolean | undefined {
  let said: boolean | undefined;
  for (const word of words) {
    for (let at = run.indexOf(word); at >= 0; at = run.indexOf(word, at + 1)) {
      if (at > 0 && isThaiLeadingVowel(run.charCodeAt(at - 1))) continue;
      const before = run.slice(0, at);
      if (NOT_IN_RUNS.some((not) => before.endsWith(not))) said ??= false;
      else return true;
    }
  }
  return said;
}

const isThaiLeadingVowel = (code: number) => code >= 0x0e40 && code <= 0x0e44;

/** Whether a shown status says the login cannot be used ("Disabled", "Account locked", "Nie"). */
export function isDisabledStatus(status: string | null | undefined): boolean {
  return !!status && readShownStatus(status).status !== 'active';
}

export type ShownPermissions = { permissions: string[]; unknown: string[] };

/**
 * "Administrator", "payments.add, refunds.process" or a list: each part is matched to the system's
 * catalogue by name, then by name or label ignoring case; parts that match nothing are returned.
 */
export function readShownPermissions(
  shown: string | string[],
  catalogue: readonly PermissionDefinition[],
): ShownPermissions {
  const parts = (Array.isArray(shown) ? shown : shown.split(/[,;|\n]/))
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const byName = new Map(catalogue.map((permission) => [permission.name, permission.name]));
  const byLowerName = new Map<string, string>();
  for (const permission of catalogue) {
    byLowerName.set(permission.name.toLowerCase(), permission.name);
    if (permission.label && !byLowerName.has(permission.label.toLowerCase())) {
      byLowerName.set(permission.label.toLowerCase(), permission.name);
    }
  }
  const permissions = new Set<string>();
  const unknown: string[] = [];
  for (const part of parts) {
    const name = byName.get(part) ?? byLowerName.get(part.toLowerCase());
    if (name) permissions.add(name);
    else unknown.push(part);
  }
  return { permissions: [...permissions].sort(), unknown };
}

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
    '从未',
    '從未',
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
const AGO_BEFORE = new RegExp(
  `^(?:${['vor', 'il y a', 'hace', 'há', 'před'].map(foldLetters).join('|')})\\s+(?:(\\d+|\\p{L}+)\\s+)?(\\p{L}+)$`,
  'u',
);
const AGO_AFTER = new RegExp(
  `^(?:${['för', 'før'].map(foldLetters).join('|')}\\s+)?(?:(\\d+|\\p{L}+)\\s+)?(\\p{L}+)\\s+(?:${['ago', 'fa', 'geleden', 'temu', 'sitten', 'назад', 'atrás', 'zuvor', 'sedan', 'siden'].map(foldLetters).join('|')})$`,
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
/** "20 Nov 2026", "20. November 2026", "20 de noviembre de 2026 10:12", "20 listopada 2026 r.". */
const DAY_MONTH_YEAR = new RegExp(
  `^(\\d{1,2})\\.?\\s+(?:de\\s+)?(\\p{L}+)\\.?,?\\s+(?:de\\s+)?(\\d{4})(?:\\s*r\\.)?${TIME_AFTER}$`,
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

/** Times without a zone are read as UTC: the page does not say, and a day's precision absorbs it. */
export function readShownTime(shown: string, capturedAt: number, dateOrder: 'dmy' | 'mdy'): ShownTime {
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

  const ago = AGO_BEFORE.exec(folded) ?? AGO_AFTER.exec(folded);
  if (ago) {
    const [, count = '1', unitWord = ''] = ago;
    const unit = UNIT_STEMS.find(([stem]) => unitWord.startsWith(stem))?.[1];
    const times = /^\d+$/.test(count) ? Number(count) : ONE.has(count) ? 1 : undefined;
    if (!unit || times === undefined) return { kind: 'unknown' };
    return { kind: 'at', at: capturedAt - times * unit, precisionMs: unit };
  }

  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[ t](\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?)?\s*(z|[+-]\d{2}:?\d{2})?$/.exec(
      text,
    );
  if (iso) {
    const day = utcDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    const clock = clockOf(iso[4], undefined);
    if (day === undefined || clock === undefined) return { kind: 'unknown' };
    if (iso[5] && iso[4]) {
      const parsed = Date.parse(shown.trim().replace(' ', 'T'));
      if (Number.isNaN(parsed)) return { kind: 'unknown' };
      return { kind: 'at', at: parsed, precisionMs: iso[4].length > 5 ? 1000 : MINUTE };
    }
    return { kind: 'at', at: day + clock, precisionMs: iso[4] ? (iso[4].length > 5 ? 1000 : MINUTE) : DAY };
  }

  const numeric =
    /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4}),?(?:\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*(am|pm)?)?$/.exec(text);
  if (numeric) {
    const first = Number(numeric[1]);
    const second = Number(numeric[2]);
    const yearShown = Number(numeric[3]);
    const year = numeric[3]?.length === 2 ? 2000 + yearShown : yearShown;
    const [day, month] = dateOrder === 'dmy' ? [first, second] : [second, first];
    const date = utcDay(year, month, day);
    const clock = clockOf(numeric[4], numeric[5]);
    if (date === undefined || clock === undefined) return { kind: 'unknown' };
    return {
      kind: 'at',
      at: date + clock,
      precisionMs: numeric[4] ? (numeric[4].length > 5 ? 1000 : MINUTE) : DAY,
    };
  }

  const named = readNamedDate(folded);
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
  const date = utcDay(Number(year), month, Number(day));
  const clock = clockOf(time, meridiem);
  if (date === undefined || clock === undefined) return { kind: 'unknown' };
  return { kind: 'at', at: date + clock, precisionMs: time ? (time.length > 5 ? 1000 : MINUTE) : DAY };
}
