import { contract } from '../../shared/contract';
import { type Command, choice, defineCommand, readInput } from '../command';
import { EXIT } from '../exit-codes';
import { csvToJson, emit } from '../output';

/**
 * `rollcall people import|export` and `rollcall accounts import|export`: one pair of commands per
 * directory resource, differing only in their operations and words. The server reads and checks the
 * CSV (the same import the console uses); an export comes as CSV and can be turned into JSON.
 */

type Resource = {
  group: 'people' | 'accounts';
  columns: string;
  importOp: typeof contract.people.import | typeof contract.accounts.import;
  exportOp: typeof contract.people.export | typeof contract.accounts.export;
};

const RESOURCES: readonly Resource[] = [
  {
    group: 'people',
    columns: 'name, email, job_role, start, end (dates as YYYY-MM-DD)',
    importOp: contract.people.import,
    exportOp: contract.people.export,
  },
  {
    group: 'accounts',
    columns: 'system, username, owner_email, permissions (separated by ; or |)',
    importOp: contract.accounts.import,
    exportOp: contract.accounts.export,
  },
];

const EXPORT_FORMATS = ['csv', 'json'] as const;

function importCommand({ group, columns, importOp }: Resource) {
  return defineCommand({
    name: [group, 'import'],
    usage: 'FILE.csv [--dry-run]',
    args: ['FILE.csv'],
    summary: `Add and update ${group} from a CSV file`,
    details: `The file's header names its columns: ${columns}. A row whose ${group === 'people' ? 'email' : 'system and username'} matches updates it;
others are added. Nothing is written when any row is wrong: each mistake is listed with its line and column.`,
    options: { 'dry-run': { type: 'boolean' } },
    optionHelp: { 'dry-run': 'check every row and say what would change, write nothing' },
    async run({ values, args }, context) {
      const [file = ''] = args;
      const csv = await readInput(file);
      const api = await context.api();
      context.progress(`Sending ${file}…`);
      const dryRun = Boolean(values['dry-run']);
      // Both imports take and answer the same: the file, and what was (or would be) added and updated.
      const result = await api
        .call(importOp as typeof contract.people.import, {
          query: { dryRun: dryRun ? 'true' : 'false' },
          body: { csv },
        })
        .finally(() => context.progress(null));
      const verb = result.applied ? '' : 'would be ';
      context.out(
        `${file}: ${result.rows} row${result.rows === 1 ? '' : 's'}: ${result.created} ${verb}added, ${result.updated} ${verb}updated${result.applied ? '.' : ' (dry run: nothing written).'}\n`,
      );
      return EXIT.ok;
    },
  });
}

function exportCommand({ group, exportOp }: Resource) {
  return defineCommand({
    name: [group, 'export'],
    usage: '[--format csv|json] [--output FILE]',
    summary: `Export every ${group === 'people' ? 'person in the staff directory' : 'account'}`,
    details: `CSV in the columns the import reads, so an export imports back unchanged.`,
    options: { format: { type: 'string' }, output: { type: 'string', short: 'o' } },
    optionHelp: { format: 'csv (the default) or json', output: 'write to this file instead of the screen' },
    async run({ values }, context) {
      const format = choice('format', values.format, EXPORT_FORMATS) ?? 'csv';
      const api = await context.api();
      const csv = await api.call(exportOp);
      await emit(context, format === 'json' ? csvToJson(csv) : csv, values.output);
      return EXIT.ok;
    },
  });
}

export const directoryCommands: Command[] = RESOURCES.flatMap((resource) => [
  importCommand(resource) as unknown as Command,
  exportCommand(resource) as unknown as Command,
]);
