import { foldLetters } from '../classifier/tokenize';
import type { Account, PermissionDefinition } from '../schemas/directory';

type AccountStatus = Account['status'];

/**
 * Turns the text a system's user-list page shows (status, permissions) into Rollcall's values; its
 * last sign-in is read in read-shown-time.ts. Pages word these freely, so every reader says when it
 * did not understand, instead of guessing silently.
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
    // OpenMRS: a user taken out of use.
    'retired',
    // OTRS and Znuny: "invalid", "invalid-temporarily" ("ungültig", "ongeldig").
    'invalid',
    'ungültig',
    'invalide',
    'inválido',
    'inválida',
    'invalido',
    'ongeldig',
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
    'valid',
    'gültig',
    'valide',
    'válido',
    'válida',
    'valido',
    'geldig',
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
    // Seafile: "激活" (activated), "未激活" (not activated).
    '激活',
    '已激活',
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
  // A cross written as a character.
  '✗',
  '✘',
  '×',
  '☒',
  '❌',
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
  // A tick written as a character.
  '✓',
  '✔',
  '☑',
  '✅',
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
 * "kích hoạt", activated). The switched-off ones first: "chưa kích hoạt" is "not yet activated",
 * "không hoạt động" "not working".
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
    ['không hoạt động', 'disabled'],
    ['ngừng hoạt động', 'disabled'],
    ['kích hoạt', 'active'],
    ['hoạt động', 'active'],
    // Invited, not yet signed in: a login that can be used as soon as the invitation is taken up.
    ...(
      [
        'pending',
        'invited',
        'invitation sent',
        'ausstehend',
        'eingeladen',
        'en attente',
        'invité',
        'invitée',
        'pendiente',
        'invitado',
        'invitada',
        'pendente',
        'convidado',
        'convidada',
        'in attesa',
        'invitato',
        'invitata',
        'uitgenodigd',
        'in afwachting',
        'oczekuj',
        'zaproszon',
      ] as const
    ).map((phrase) => [phrase, 'active'] as const),
  ] as const
).map(([phrase, status]) => [foldLetters(phrase), status] as const);

/**
 * Words read as written, before their accents are folded: Danish, Norwegian and Swedish "låst"
 * (locked) folds into English "last" ("Active, last seen 3 days ago").
 */
const DISABLED_AS_WRITTEN = new Set(['låst', 'låste']);
const WORD_BREAK = /[^\p{L}\p{M}\p{N}]+/u;

/**
 * Where someone is now, as chat apps show it in their users' status column (Rocket.Chat, Mattermost):
 * online, away or offline, the login is usable.
 */
const PRESENCE = foldedSet([
  'online',
  'offline',
  'away',
  'busy',
  'idle',
  'invisible',
  'available',
  'do not disturb',
  'dnd',
  'in a meeting',
  'abwesend',
  'beschaftigt',
  'nicht storen',
  'en ligne',
  'hors ligne',
  'occupe',
  'ne pas deranger',
  'en linea',
  'desconectado',
  'ausente',
  'ocupado',
  'no molestar',
  'desligado',
  'non in linea',
  'assente',
  'occupato',
  'afwezig',
  'bezet',
  'niet storen',
]);

/** Whether a shown status is only a yes or a no ("No", "✓", "Nein"): it says so of the column's header. */
export function isYesOrNo(shown: string): boolean {
  const text = foldLetters(shown.trim().toLowerCase());
  return SWITCHED_OFF.has(text) || SWITCHED_ON.has(text);
}

/**
 * A login that runs out later, as written where an invitation or an account has an end: "Expires in
 * 5 days", "Läuft in 5 Tagen ab", "Expire dans 5 jours", "Scade il 31/01/2027". Read as written: the
 * French "expiré le" (ran out on) folds into "expire le".
 */
const EXPIRES_LATER =
  /(?<!\p{L})(?:expires?|expiring|expira|caduca|vence|scade|verloopt|wygasa|läuft|laeuft)\s+(?:in|on|at|soon|dans|le|bientôt|en|el|em|pronto|tra|fra|il|presto|over|op|binnenkort|za|dnia|am|bald)(?!\p{L})/u;

/**
 * A second factor's state, not the login's: "2FA Disabled" (n8n's tag beside each user), "MFA not
 * enabled", "Zwei-Faktor deaktiviert".
 */
const SECOND_FACTOR =
  /(?<![\p{L}\p{N}])(?:2fa|mfa|totp|otp|2-step|two[- ]factor|two[- ]step|multi[- ]factor|zwei[- ]faktor|passkeys?|webauthn|u2f)(?![\p{L}\p{N}])/u;

function readStatus(shown: string): ShownStatus {
  const written = shown.trim().toLowerCase();
  if (SECOND_FACTOR.test(written)) return { status: 'active', understood: false };
  // Still usable until then, unless the rest says otherwise ("Locked, expires in 3 days").
  const expires = EXPIRES_LATER.exec(written);
  if (expires) {
    const rest = readStatus(written.replace(expires[0], ' '));
    return rest.understood ? rest : { status: 'active', understood: true };
  }
  const text = foldLetters(written);
  if (SWITCHED_OFF.has(text)) return { status: 'disabled', understood: true };
  if (SWITCHED_ON.has(text) || PRESENCE.has(text)) return { status: 'active', understood: true };
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
/** Korean and Turkish say "not" after the word: "사용 안 함" (not in use), "사용 불가", "etkin değil". */
const NOT_AFTER = new Set(['안', '안함', '않음', '불가', foldLetters('değil')]);
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
