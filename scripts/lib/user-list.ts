/**
 * Reads a user list exported from any system: CSV or TSV with a header row that names the username
 * column (and maybe a display-name column, or first- and last-name columns), or plain
 * `username<TAB>display name` lines with no header.
 */

export interface UserRow {
  username: string;
  displayName: string | null;
}

const USERNAME_HEADER =
  /^(user ?name|user ?id|user|login|login ?name|logon ?name|logon|account|account ?name|sign-?in ?name|e-?mail|email ?address|sam ?account ?name|user ?principal ?name|upn)$/i;
const DISPLAY_HEADER =
  /^(display ?name|full ?name|name|staff ?name|user'?s? ?name|person|employee|employee ?name|owner)$/i;
const FIRST_HEADER = /^(first ?name|given ?name|forename)$/i;
const LAST_HEADER = /^(last ?name|surname|family ?name)$/i;

/** One line of CSV (RFC 4180 quoting) or TSV into its fields. */
export function splitLine(line: string, delimiter: string): string[] {
  if (delimiter === '\t' || !line.includes('"')) return line.split(delimiter).map((f) => f.trim());
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}

/** Joins CSV lines whose quoted field runs over a line break. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    pending = pending ? `${pending}\n${line}` : line;
    if ((pending.match(/"/g)?.length ?? 0) % 2 === 0) {
      out.push(pending);
      pending = '';
    }
  }
  if (pending) out.push(pending);
  return out.filter((l) => l.trim() !== '');
}

export function parseUserList(text: string): UserRow[] {
  const lines = logicalLines(text);
  const first = lines[0];
  if (first === undefined) return [];
  const delimiter = first.includes('\t')
    ? '\t'
    : first.includes(',')
      ? ','
      : first.includes(';')
        ? ';'
        : '\t';
  const header = splitLine(first, delimiter);
  const userCol = header.findIndex((h) => USERNAME_HEADER.test(h));
  if (userCol < 0) {
    // No header: username, then display name.
    return lines.map((line) => {
      const [username = '', ...rest] = splitLine(line, delimiter);
      const displayName = rest.join(' ').trim();
      return { username, displayName: displayName || null };
    });
  }
  // Prefer a real username column over an email column when a file has both.
  const preferred = header.findIndex((h) => USERNAME_HEADER.test(h) && !/mail|upn|principal/i.test(h));
  const usernameCol = preferred >= 0 ? preferred : userCol;
  const displayCol = header.findIndex((h, i) => i !== usernameCol && DISPLAY_HEADER.test(h));
  const firstCol = header.findIndex((h) => FIRST_HEADER.test(h));
  const lastCol = header.findIndex((h) => LAST_HEADER.test(h));
  return lines.slice(1).map((line) => {
    const fields = splitLine(line, delimiter);
    let displayName = displayCol >= 0 ? (fields[displayCol] ?? '') : '';
    if (!displayName && (firstCol >= 0 || lastCol >= 0)) {
      displayName = [fields[firstCol] ?? '', fields[lastCol] ?? ''].join(' ').trim();
    }
    return { username: fields[usernameCol] ?? '', displayName: displayName || null };
  });
}
