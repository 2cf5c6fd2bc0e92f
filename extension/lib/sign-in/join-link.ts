/**
 * The link a member of staff opens to join as staff: Rollcall's popup page, with the enrolment code
 * and the firm's Rollcall address in its fragment (never sent anywhere). Opened in a browser with
 * Rollcall installed, it shows the join screen filled in; pasted into the join screen's code field,
 * it fills both fields (where the link's extension address is another installation's, as every
 * Firefox installation's is).
 */
const MARK = '#/join-staff/';

export type StaffJoin = { code: string; serverUrl: string };

export function staffJoinLink(popupUrl: string, { code, serverUrl }: StaffJoin): string {
  return `${popupUrl}${MARK}${encodeURIComponent(code)}/${encodeURIComponent(serverUrl)}`;
}

/** The code and address a join link carries, or null when `text` is not one. */
export function readStaffJoinLink(text: string): StaffJoin | null {
  const at = text.indexOf(MARK);
  if (at < 0) return null;
  const [code, serverUrl] = text
    .slice(at + MARK.length)
    .trim()
    .split('/')
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return '';
      }
    });
  return code && serverUrl && URL.canParse(serverUrl) ? { code, serverUrl } : null;
}
