import { writeFile } from 'node:fs/promises';
import { parseCsv, unguardCell } from '../shared/csv';
import type { Context } from './command';
import { usageError } from './exit-codes';

/** Rows as a plain text table: a header, then one line a row, columns padded to their widest cell. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((name, column) =>
    Math.max(name.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].map((text) => `${text}\n`).join('');
}

/** A CSV file the server wrote as JSON: one object a row, keyed by the header, cells as written. */
export function csvToJson(csv: string): string {
  const [header, ...records] = parseCsv(csv).records;
  const names = header?.cells ?? [];
  const objects = records.map((record) =>
    Object.fromEntries(names.map((name, column) => [name, unguardCell(record.cells[column] ?? '')])),
  );
  return `${JSON.stringify(objects, null, 2)}\n`;
}

/** Writes a command's data to `--output FILE`, or to stdout. */
export async function emit(context: Context, text: string, output: string | undefined): Promise<void> {
  if (output === undefined || output === '-') {
    context.out(text);
    return;
  }
  try {
    await writeFile(output, text);
  } catch (error) {
    throw usageError(`Cannot write ${output}: ${(error as NodeJS.ErrnoException).code}.`);
  }
  context.note(`Wrote ${output}.`);
}
