import { describe, expect, it } from 'vitest';
import { dateOrderShown } from '../../shared/directory/date-order';
import { readShownTime } from '../../shared/directory/read-shown-time';
import {
  isDisabledStatus,
  readShownPermissions,
  readShownStatus,
} from '../../shared/directory/read-shown-values';

const captured = Date.UTC(2026, 10, 23, 12, 0);
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Checks that `shown` reads as `back` ms before the page was read, to within `precisionMs`. */
function readsAsPassed(shown: string, back: number, precisionMs: number) {
  expect(readShownTime(shown, captured, 'dmy'), shown).toEqual({
    kind: 'at',
    at: captured - back,
    precisionMs,
  });
}

describe('readShownTime', () => {
  it.each([
    ['2026-11-20', { at: Date.UTC(2026, 10, 20), precisionMs: DAY }],
    ['2026-11-20 09:30', { at: Date.UTC(2026, 10, 20, 9, 30), precisionMs: 60_000 }],
    ['2026-11-20T09:30:15Z', { at: Date.UTC(2026, 10, 20, 9, 30, 15), precisionMs: 1000 }],
    ['20/11/2026', { at: Date.UTC(2026, 10, 20), precisionMs: DAY }],
    ['20/11/2026 2:05 pm', { at: Date.UTC(2026, 10, 20, 14, 5), precisionMs: 60_000 }],
    ['3 days ago', { at: captured - 3 * DAY, precisionMs: DAY }],
    ['an hour ago', { at: captured - 3_600_000, precisionMs: 3_600_000 }],
    ['yesterday', { at: captured - DAY, precisionMs: DAY }],
    ['20 Nov 2026', { at: Date.UTC(2026, 10, 20), precisionMs: DAY }],
  ])('reads %s', (shown, expected) => {
    expect(readShownTime(shown, captured, 'dmy')).toEqual({ kind: 'at', ...expected });
  });

  it.each([
    ['vor 3 Tagen', 3 * DAY, DAY],
    ['vor einem Tag', DAY, DAY],
    ['il y a 2 heures', 2 * 3_600_000, 3_600_000],
    ['hace un año', 365 * DAY, 365 * DAY],
    ['há 2 semanas', 14 * DAY, 7 * DAY],
    ['3 giorni fa', 3 * DAY, DAY],
    ['3 dagen geleden', 3 * DAY, DAY],
    ['för 3 dagar sedan', 3 * DAY, DAY],
    ['for 2 uker siden', 14 * DAY, 7 * DAY],
    ['tydzień temu', 7 * DAY, 7 * DAY],
    ['3 päivää sitten', 3 * DAY, DAY],
    ['před 3 dny', 3 * DAY, DAY],
    ['2 часа назад', 2 * 3_600_000, 3_600_000],
    ['gestern', DAY, DAY],
    ["Aujourd'hui", 0, DAY],
    ['i går', DAY, DAY],
  ])('reads "%s" in its language', readsAsPassed);

  it.each([
    ['20. November 2026', Date.UTC(2026, 10, 20)],
    ['20 novembre 2026 à 10:12', Date.UTC(2026, 10, 20, 10, 12)],
    ['20 de noviembre de 2026', Date.UTC(2026, 10, 20)],
    ['20 de novembro de 2026 10:12', Date.UTC(2026, 10, 20, 10, 12)],
    ['20 mei 2026', Date.UTC(2026, 4, 20)],
    ['1 maj 2026', Date.UTC(2026, 4, 1)],
    ['20 listopada 2026 r.', Date.UTC(2026, 10, 20)],
    ['20. listopadu 2026', Date.UTC(2026, 10, 20)],
    ['20. marraskuuta 2026', Date.UTC(2026, 10, 20)],
    ['Nov 20, 2026 2:05 PM', Date.UTC(2026, 10, 20, 14, 5)],
  ])('reads "%s", its month named', (shown, at) => {
    expect(readShownTime(shown, captured, 'dmy')).toMatchObject({ kind: 'at', at });
  });

  it('knows never in the languages the pages are read in, and a month is not never', () => {
    for (const shown of [
      'Nie',
      'Noch nie angemeldet',
      'Jamais connecté',
      'Nunca',
      'Mai',
      'Nooit',
      'Aldrig',
      'Nigdy',
    ])
      expect(readShownTime(shown, captured, 'dmy'), shown).toEqual({ kind: 'never' });
    // French and German May, with no day: no date the runtime may make up (1 January).
    expect(readShownTime('Mai 2026', captured, 'dmy')).toEqual({ kind: 'unknown' });
  });

  it('reads month-first dates when the page writes them so', () => {
    expect(readShownTime('11/20/2026', captured, 'mdy')).toMatchObject({ at: Date.UTC(2026, 10, 20) });
    expect(readShownTime('11/20/2026', captured, 'dmy')).toEqual({ kind: 'unknown' });
  });

  it('reads a time passed written alone, as Mattermost and Moodle write last logins ("12 days", "3 days 4 hours"), but not a date', () => {
    for (const [shown, back, precisionMs] of [
      ['12 days', 12 * DAY, DAY],
      ['3 Tage', 3 * DAY, DAY],
      ['2 mois', 60 * DAY, 30 * DAY],
      ['5 dni', 5 * DAY, DAY],
      ['4 hrs', 4 * HOUR, HOUR],
      // Moodle's last access: several units.
      ['3 days 4 hours', 3 * DAY + 4 * HOUR, HOUR],
      ['1 hour 5 mins', HOUR + 5 * 60_000, 60_000],
      ['3 Tage 4 Stunden', 3 * DAY + 4 * HOUR, HOUR],
      // With "ago", and with hours, minutes and seconds last, as Matomo writes last logins.
      ['3 days 4 hours ago', 3 * DAY + 4 * HOUR, HOUR],
      ['vor 3 Tagen 4 Stunden', 3 * DAY + 4 * HOUR, HOUR],
      ['4 days 23:48:00 ago', 4 * DAY + 23 * HOUR + 48 * 60_000, 1000],
      ['01:30:00 ago', HOUR + 30 * 60_000, 1000],
    ] as const)
      readsAsPassed(shown, back, precisionMs);
    // A time alone is a time of day, not one passed.
    expect(readShownTime('14:05', captured, 'dmy')).toEqual({ kind: 'unknown' });
    // A day beside a month's short name is not a time passed: "12 Ara" (Turkish December) is not
    // twelve years.
    expect(readShownTime('12 Ara', captured, 'dmy')).toEqual({ kind: 'unknown' });
  });

  it('reads a time passed as date libraries write it: rounded, or with its unit written short', () => {
    for (const [shown, back, precisionMs] of [
      ['about 2 hours ago', 2 * HOUR, HOUR],
      ['over 1 year ago', 365 * DAY, 365 * DAY],
      ['almost 2 years ago', 730 * DAY, 365 * DAY],
      ['less than a minute ago', 60_000, 60_000],
      ['a few seconds ago', 1000, 1000],
      ['vor etwa 2 Stunden', 2 * HOUR, HOUR],
      ["il y a plus d'un an", 365 * DAY, 365 * DAY],
      ['hace casi 2 años', 730 * DAY, 365 * DAY],
      ['2d ago', 2 * DAY, DAY],
      ['3h', 3 * HOUR, HOUR],
      ['5m ago', 5 * 60_000, 60_000],
      ['2 wks ago', 14 * DAY, 7 * DAY],
      // Discourse writes months short as "mon"; Grafana "< 1 minute".
      ['3mon', 90 * DAY, 30 * DAY],
      ['< 1 minute', 60_000, 60_000],
      ['~3 days', 3 * DAY, DAY],
      // Rancher writes a fraction of the unit.
      ['1.9 days ago', 1.9 * DAY, DAY],
      ['vor 2,5 Stunden', 2.5 * HOUR, HOUR],
    ] as const)
      readsAsPassed(shown, back, precisionMs);
  });

  it('reads a day counted back with the time, and a date of this year written without the year', () => {
    const today = Date.UTC(2026, 10, 23);
    for (const [shown, at] of [
      ['yesterday at 3:15 PM', today - DAY + 15.25 * HOUR],
      ['Today at 09:12', today + 9.2 * HOUR],
      ['gestern um 15:15', today - DAY + 15.25 * HOUR],
      ['hier à 15:15', today - DAY + 15.25 * HOUR],
    ] as const) {
      expect(readShownTime(shown, captured, 'dmy'), shown).toEqual({ kind: 'at', at, precisionMs: 60_000 });
    }
    for (const [shown, at] of [
      ['Nov 20', Date.UTC(2026, 10, 20)],
      ['Fri, Nov 20', Date.UTC(2026, 10, 20)],
      ['20 Nov', Date.UTC(2026, 10, 20)],
      ['12 Mai', Date.UTC(2026, 4, 12)],
      // A day after the page was read is last year's.
      ['Dec 24', Date.UTC(2025, 11, 24)],
    ] as const) {
      expect(readShownTime(shown, captured, 'dmy'), shown).toEqual({ kind: 'at', at, precisionMs: DAY });
    }
    expect(readShownTime('2026-11-20 10:12:00 UTC', captured, 'dmy')).toEqual({
      kind: 'at',
      at: Date.UTC(2026, 10, 20, 10, 12),
      precisionMs: 1000,
    });
  });

  it('reads dates written with dots day first, and dates that start with the year', () => {
    // "12.04.2026" is 12 April wherever it is written with dots, even on a page said to be month first.
    expect(readShownTime('12.04.2026 08:12', captured, 'mdy')).toMatchObject({
      at: Date.UTC(2026, 3, 12, 8, 12),
    });
    for (const shown of ['2026/11/20', '2026.11.20', '2026. 11. 20.', '2026/11/20 10:12']) {
      expect(readShownTime(shown, captured, 'mdy'), shown).toMatchObject({
        at: shown.endsWith('10:12') ? Date.UTC(2026, 10, 20, 10, 12) : Date.UTC(2026, 10, 20),
      });
    }
    expect(readShownTime('2026/20/11', captured, 'dmy')).toEqual({ kind: 'unknown' });
  });

  it('reads dates and times passed as Japanese, Chinese and Korean pages write them', () => {
    const at = (shown: string) => readShownTime(shown, captured, 'dmy');
    expect(at('2026年11月20日')).toEqual({ kind: 'at', at: Date.UTC(2026, 10, 20), precisionMs: DAY });
    expect(at('2026年11月20日 14:05')).toMatchObject({ at: Date.UTC(2026, 10, 20, 14, 5) });
    expect(at('2026年11月20日 午後2:05')).toMatchObject({ at: Date.UTC(2026, 10, 20, 14, 5) });
    expect(at('2026년 11월 20일 오후 2:05')).toMatchObject({ at: Date.UTC(2026, 10, 20, 14, 5) });
    expect(at('2026년 11월 20일 오전 9:30')).toMatchObject({ at: Date.UTC(2026, 10, 20, 9, 30) });
    readsAsPassed('3日前', 3 * DAY, DAY);
    readsAsPassed('3天前', 3 * DAY, DAY);
    readsAsPassed('3 時間前', 3 * HOUR, HOUR);
    readsAsPassed('2 週間前', 14 * DAY, 7 * DAY);
    readsAsPassed('3个月前', 90 * DAY, 30 * DAY);
    readsAsPassed('3일 전', 3 * DAY, DAY);
    readsAsPassed('3시간 전', 3 * HOUR, HOUR);
    readsAsPassed('어제', DAY, DAY);
    readsAsPassed('방금 전', 0, 60_000);
    expect(at('なし')).toEqual({ kind: 'never' });
    expect(at('3 本前')).toEqual({ kind: 'unknown' });
  });

  it('reads a time with its zone after a space, as Rails and PHP write it, and dates with dashes', () => {
    const at = (shown: string) => readShownTime(shown, captured, 'dmy');
    expect(at('2026-11-20 14:05:33 +0100')).toEqual({
      kind: 'at',
      at: Date.UTC(2026, 10, 20, 13, 5, 33),
      precisionMs: 1000,
    });
    expect(at('2026-11-20 14:05:33 -0530')).toMatchObject({ at: Date.UTC(2026, 10, 20, 19, 35, 33) });
    expect(at('2026-11-20T14:05+05:45')).toMatchObject({ at: Date.UTC(2026, 10, 20, 8, 20) });
    expect(at('20-nov-2026')).toMatchObject({ at: Date.UTC(2026, 10, 20) });
    expect(at('20-dic-2026 10:12')).toMatchObject({ at: Date.UTC(2026, 11, 20, 10, 12) });
  });
});

describe('dateOrderShown', () => {
  it('takes the order from a date that can be read only one way', () => {
    expect(dateOrderShown(['12/04/2026', '11/23/2026', null], 'dmy')).toBe('mdy');
    expect(dateOrderShown(['12/04/2026', '23/11/2026 10:00'], 'mdy')).toBe('dmy');
  });

  it('keeps the page’s own order where every date reads both ways, or the dates disagree', () => {
    expect(dateOrderShown(['12/04/2026', '01/02/2026', 'Never', '3 days ago'], 'mdy')).toBe('mdy');
    expect(dateOrderShown(['12/04/2026'], 'dmy')).toBe('dmy');
    expect(dateOrderShown(['23/11/2026', '11/23/2026'], 'mdy')).toBe('mdy');
  });

  it('finds the dates inside longer text, and passes over numbers that are not dates', () => {
    expect(dateOrderShown(['amy\tMember since 23/01/2025\t12/04/2026 10:00'], 'mdy')).toBe('dmy');
    expect(dateOrderShown(['Tel. 12-34-56', 'ref 5-40-2026', '1/2/3/2026'], 'dmy')).toBe('dmy');
    expect(dateOrderShown(['Tel. 12-34-56', 'ref 5-40-2026'], 'mdy')).toBe('mdy');
  });

  it('knows never and admits what it cannot read', () => {
    expect(readShownTime('Never', captured, 'dmy')).toEqual({ kind: 'never' });
    expect(readShownTime('—', captured, 'dmy')).toEqual({ kind: 'never' });
    expect(readShownTime('31/02/2026', captured, 'dmy')).toEqual({ kind: 'unknown' });
    expect(readShownTime('last full moon', captured, 'dmy')).toEqual({ kind: 'unknown' });
  });
});

describe('readShownStatus', () => {
  it('maps the usual wordings and flags the rest', () => {
    expect(readShownStatus('Active')).toEqual({ status: 'active', understood: true });
    expect(readShownStatus(' Locked ')).toEqual({ status: 'disabled', understood: true });
    expect(readShownStatus('No')).toEqual({ status: 'disabled', understood: true });
    expect(readShownStatus('Deleted')).toEqual({ status: 'removed', understood: true });
    expect(readShownStatus('On leave')).toEqual({ status: 'active', understood: false });
  });

  it('reads where someone is now, as chat apps show it, as a login that can be used', () => {
    for (const presence of ['Online', 'Offline', 'Away', 'Do not disturb', 'Hors ligne', 'Nicht stören'])
      expect(readShownStatus(presence), presence).toEqual({ status: 'active', understood: true });
  });

  it('reads an invitation not yet taken up as a login that can be used, and an expired one as not', () => {
    for (const invited of [
      'Pending',
      'Invited',
      'Invite pending',
      'Einladung ausstehend',
      'En attente',
      'Zaproszony',
    ])
      expect(readShownStatus(invited), invited).toEqual({ status: 'active', understood: true });
    expect(readShownStatus('Invitation expired')).toEqual({ status: 'disabled', understood: true });
  });

  it('reads a login that runs out later as one that can be used, and one that ran out as not', () => {
    for (const later of [
      'Expires in 5 days',
      // Matomo's pending invitation, in German.
      'Läuft in 5 Tagen ab',
      'Läuft am 31.01.2027 ab',
      'Expire dans 5 jours',
      'Expira en 5 días',
      'Scade tra 5 giorni',
      'Verloopt over 5 dagen',
      'Expires soon',
    ])
      expect(readShownStatus(later), later).toEqual({ status: 'active', understood: true });
    // "Expiré le" (ran out on) folds into "expire le": read as written.
    for (const over of ['Expiré le 03/12/2026', 'Expired', 'Abgelaufen', 'Locked, expires in 3 days'])
      expect(readShownStatus(over), over).toEqual({ status: 'disabled', understood: true });
  });

  it('reads a user taken out of use (OpenMRS "retired") and Seafile\'s "not activated" as switched off', () => {
    for (const off of ['Retired', '未激活'])
      expect(readShownStatus(off), off).toEqual({ status: 'disabled', understood: true });
    for (const on of ['激活', '已激活'])
      expect(readShownStatus(on), on).toEqual({ status: 'active', understood: true });
  });

  it("reads OTRS's validity, and takes a second factor's state for no status of the login", () => {
    for (const off of ['invalid', 'invalid-temporarily', 'ungültig', 'ongeldig'])
      expect(readShownStatus(off), off).toEqual({ status: 'disabled', understood: true });
    for (const on of ['valid', 'gültig', 'geldig'])
      expect(readShownStatus(on), on).toEqual({ status: 'active', understood: true });
    // n8n's tag beside each user: the user signs in all the same.
    for (const factor of ['2FA Disabled', '2FA Enabled', 'MFA not enabled', 'Zwei-Faktor deaktiviert'])
      expect(readShownStatus(factor), factor).toEqual({ status: 'active', understood: false });
  });

  it('reads a tick or a cross written as a character', () => {
    for (const tick of ['✓', '✔', '☑', '✅'])
      expect(readShownStatus(tick), tick).toEqual({ status: 'active', understood: true });
    for (const cross of ['✗', '✘', '×', '☒', '❌'])
      expect(readShownStatus(cross), cross).toEqual({ status: 'disabled', understood: true });
  });

  it.each([
    ['Gesperrt', 'disabled'],
    ['Deaktiviert seit 2024', 'disabled'],
    ['Nieaktywny', 'disabled'],
    ['Nie', 'disabled'],
    ['Nein', 'disabled'],
    ['Désactivé', 'disabled'],
    ['Não', 'disabled'],
    ['Nicht aktiv', 'disabled'],
    ['Inactivo', 'disabled'],
    ['Account locked', 'disabled'],
    ['Supprimé', 'removed'],
    ['Gelöscht', 'removed'],
    ['Usunięty', 'removed'],
    ['Tak', 'active'],
    ['Oui', 'active'],
    ['Aktiviert', 'active'],
    ['Attivo', 'active'],
    ['Włączony', 'active'],
    ['Neaktivní', 'disabled'],
    ['Ei aktiivinen', 'disabled'],
    ['Letiltva', 'disabled'],
    ['Inactiv', 'disabled'],
    ['Pasif', 'disabled'],
    ['Заблокирован', 'disabled'],
    ['Не активен', 'disabled'],
    ['Вимкнено', 'disabled'],
    ['Απενεργοποιημένος', 'disabled'],
    ['無効', 'disabled'],
    ['已禁用', 'disabled'],
    ['사용 중지', 'disabled'],
    ['Smazaný', 'removed'],
    ['Удалён', 'removed'],
    ['Aktivní', 'active'],
    ['Aktif', 'active'],
    ['Активен', 'active'],
    ['有効', 'active'],
    ['启用', 'active'],
    ['Igen', 'active'],
    ['Nem', 'disabled'],
    ['Нет', 'disabled'],
    ['Nonaktif', 'disabled'],
    ['לא פעיל', 'disabled'],
    ['غير نشط', 'disabled'],
    ['غیرفعال', 'disabled'],
    ['פעיל', 'active'],
  ])('reads %j, in the firm’s language, as %s', (shown, status) => {
    expect(readShownStatus(shown)).toEqual({ status, understood: true });
  });

  it('tells whether a shown status says the login cannot be used', () => {
    expect(isDisabledStatus('Zablokowany')).toBe(true);
    expect(isDisabledStatus('Nee')).toBe(true);
    expect(isDisabledStatus('Aktiv')).toBe(false);
    expect(isDisabledStatus('Einladung ausstehend')).toBe(false);
    expect(isDisabledStatus(null)).toBe(false);
  });

  it('reads a Nordic "låst" as locked, and an English "last" as no status word', () => {
    expect(readShownStatus('Låst')).toEqual({ status: 'disabled', understood: true });
    expect(readShownStatus('Kontoen er låst')).toEqual({ status: 'disabled', understood: true });
    expect(readShownStatus('Active, last seen 3 days ago')).toEqual({ status: 'active', understood: true });
  });

  it('reads statuses written in several words where no one word says it', () => {
    expect(readShownStatus('Devre dışı')).toEqual({ status: 'disabled', understood: true });
    expect(readShownStatus('Đã vô hiệu hóa')).toEqual({ status: 'disabled', understood: true });
    expect(readShownStatus('Chưa kích hoạt')).toEqual({ status: 'disabled', understood: true });
    expect(readShownStatus('Đang hoạt động')).toEqual({ status: 'active', understood: true });
    expect(readShownStatus('Không hoạt động')).toEqual({ status: 'disabled', understood: true });
    expect(readShownStatus('Etkin değil')).toEqual({ status: 'disabled', understood: true });
  });

  it('reads a status whose words carry marks that are letters of their own', () => {
    // Thai vowels and tone marks, Japanese voicing marks: not accents to fold away.
    expect(isDisabledStatus('ปิดใช้งาน')).toBe(true);
    expect(isDisabledStatus('アカウント ロック中')).toBe(true);
    expect(isDisabledStatus('ใช้งาน')).toBe(false);
  });

  it.each([
    // Words run together, with no space between them.
    ['利用停止', 'disabled'],
    ['停用中', 'disabled'],
    ['已停權', 'disabled'],
    ['已过期', 'disabled'],
    ['有効期限切れ', 'disabled'],
    ['ระงับการใช้งาน', 'disabled'],
    ['ถูกล็อก', 'disabled'],
    // Korean endings, and "not" after the word.
    ['비활성화됨', 'disabled'],
    ['정지됨', 'disabled'],
    ['사용 안 함', 'disabled'],
    ['사용 불가', 'disabled'],
    ['활성화됨', 'active'],
    ['사용 중', 'active'],
    // "Not" written just before the word.
    ['未启用', 'disabled'],
    ['非アクティブ', 'disabled'],
    ['ไม่ใช้งาน', 'disabled'],
    ['未禁用', 'active'],
    // A lock undone.
    ['ロック解除', 'active'],
    ['잠금 해제', 'active'],
    ['解除锁定', 'active'],
    ['잠금', 'disabled'],
    // Thai "enabled" holds the letters of "disabled" after its leading vowel, not the word.
    ['เปิดใช้งาน', 'active'],
    ['ใช้งานอยู่', 'active'],
  ])('reads %j, its words run together, as %s', (shown, status) => {
    expect(readShownStatus(shown)).toEqual({ status, understood: true });
  });
});

describe('readShownPermissions', () => {
  const catalogue = [
    { name: 'payments.add', label: 'Add payments' },
    { name: 'users.manage', label: 'Administrator', privileged: true },
  ];
  it('matches names, then names or labels ignoring case, and returns what it could not match', () => {
    expect(readShownPermissions('administrator; payments.add, Superuser', catalogue)).toEqual({
      permissions: ['payments.add', 'users.manage'],
      unknown: ['Superuser'],
    });
    expect(readShownPermissions(['ADD PAYMENTS', ''], catalogue)).toEqual({
      permissions: ['payments.add'],
      unknown: [],
    });
  });
});
