/**
 * CSV as RFC 4180 writes it: comma-separated, fields in double quotes may hold commas, quotes
 * (doubled) and line breaks. Lines may end in CRLF, LF or a lone CR (what Excel for Mac and classic
 * Mac OS write). Pure, so the extension can read a file the same way.
 */

export type CsvRecord = {
  /** The line the record starts on, counting from 1 (a quoted line break makes a record span lines). */
  line: number;
  cells: string[];
};
export type CsvSyntaxError = { line: number; message: string };

export function parseCsv(text: string): { records: CsvRecord[]; errors: CsvSyntaxError[] } {
  const records: CsvRecord[] = [];
  const errors: CsvSyntaxError[] = [];
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let line = 1;
  let index = 0;
  while (index < source.length) {
    const start = line;
    const cells: string[] = [];
    let broken = false;
    for (;;) {
      let cell = '';
      if (source[index] === '"') {
        index += 1;
        let closed = false;
        while (index < source.length) {
          const char = source[index];
          if (char === '"') {
            if (source[index + 1] === '"') {
              cell += '"';
              index += 2;
              continue;
            }
            index += 1;
            closed = true;
            break;
          }
          if (char === '\n' || (char === '\r' && source[index + 1] !== '\n')) line += 1;
          cell += char;
          index += 1;
        }
        if (!closed) {
          errors.push({ line: start, message: 'a quoted field is never closed' });
          return { records, errors };
        }
        const next = source[index];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          broken = true;
          // Skip to the end of the field so one bad row does not hide the rows after it.
          while (index < source.length && !',\r\n'.includes(source[index] as string)) index += 1;
        }
      } else {
        while (index < source.length) {
          const char = source[index];
          if (char === ',' || char === '\n' || char === '\r') break;
          if (char === '"') broken = true;
          cell += char;
          index += 1;
        }
      }
      cells.push(cell);
      if (source[index] === ',') {
        index += 1;
        continue;
      }
      // One line end: CRLF, LF or a lone CR.
      if (source[index] === '\r' || source[index] === '\n') {
        index += source[index] === '\r' && source[index + 1] === '\n' ? 2 : 1;
        line += 1;
      }
      break;
    }
    if (broken) {
      errors.push({
        line: start,
        message: 'a quote inside a field: quote the whole field and double the quote',
      });
    } else if (!(cells.length === 1 && cells[0]?.trim() === '')) {
      records.push({ line: start, cells });
    }
  }
  return { records, errors };
}

/**
 * Cells a spreadsheet would run as a formula (OWASP "CSV injection") get a leading apostrophe on
 * export; `unguardCell` takes it off again on import, so an export imports back unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function unguardCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function formatCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
) {
  // Every record ends with CRLF, the last one too (RFC 4180 allows either; spreadsheets like it).
  return [header, ...rows].map((row) => `${row.map(formatCell).join(',')}\r\n`).join('');
}

/**
 * Maps a header row to known column names, ignoring case, spaces, dashes and underscores, so
 * "Job Role", "job_role" and "JOB-ROLE" are one column. Columns no alias knows are ignored.
 */
export function mapHeader(
  header: readonly string[],
  aliases: Readonly<Record<string, readonly string[]>>,
): Map<string, number> {
  const squash = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');
  const columns = new Map<string, number>();
  header.forEach((cell, index) => {
    const name = squash(cell);
    for (const [column, names] of Object.entries(aliases)) {
      if (!columns.has(column) && names.some((alias) => squash(alias) === name)) columns.set(column, index);
    }
  });
  return columns;
}
