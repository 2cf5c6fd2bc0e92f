import { contract } from '../../shared/contract';
import { planReconcile, removalsNeedConfirmation } from '../../shared/directory/reconcile-snapshot';
import { type SnapshotDiff, snapshotSchema } from '../../shared/schemas/directory-input';
import type { DateOrder, PageRow } from '../../shared/schemas/page-row';
import type { CliApi } from '../api';
import { defineCommand, readInput } from '../command';
import { CliError, EXIT } from '../exit-codes';
import { allSystems, systemNamed } from '../systems';

/**
 * Reads a saved admin page's user list with the extension's own detector (extension/lib/page),
 * in happy-dom instead of a browser. The page's scripts do not run and nothing it links to is
 * loaded: a list the page draws with its script is read only if it was saved after it was drawn.
 * With the rows, how the page writes numeric dates: from its own dates, or its language with this
 * machine's region.
 */
async function readSavedPage(html: string): Promise<{ rows: PageRow[]; dateOrder: DateOrder }> {
  const { Window } = await import('happy-dom');
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true },
    },
  });
  try {
    // The detector asks `instanceof HTMLTableElement` and the like, as in a page: give it this
    // window's classes, as a browser would.
    const scope = globalThis as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(window))
      if (/^[A-Z]/.test(name) && !(name in scope))
        scope[name] = (window as unknown as Record<string, unknown>)[name];
    const page = new window.DOMParser().parseFromString(html, 'text/html');
    const { readUserRows } = await import('../../extension/lib/page/snapshot-rows');
    const { pageDateOrder } = await import('../../extension/lib/page/date-order');
    const doc = page as unknown as Document;
    const locale = Intl.DateTimeFormat().resolvedOptions().locale;
    return { rows: readUserRows(doc), dateOrder: pageDateOrder(doc, doc.body?.textContent, locale) };
  } finally {
    await window.happyDOM.close();
  }
}

/** What sending the list would do, worked out here from the system's accounts and the staff. */
async function planHere(
  api: CliApi,
  system: Awaited<ReturnType<typeof systemNamed>>,
  snapshot: ReturnType<typeof snapshotSchema.parse>,
  progress: (line: string | null) => void,
): Promise<{ diff: SnapshotDiff; live: number }> {
  const accounts = await api.all(
    (cursor) =>
      api.call(contract.accounts.list, {
        query: { systemId: system.id, limit: 500, ...(cursor ? { cursor } : {}) },
      }),
    (count) => progress(`Reading ${system.name}’s accounts: ${count}…`),
  );
  const people = await api.all(
    (cursor) => api.call(contract.people.list, { query: { limit: 500, ...(cursor ? { cursor } : {}) } }),
    (count) => progress(`Reading the staff directory: ${count}…`),
  );
  progress(null);
  const plan = planReconcile({
    system,
    accounts,
    people,
    snapshot,
    capturedAt: snapshot.capturedAt ?? Date.now(),
    newId: () => crypto.randomUUID(),
  });
  return { diff: plan.diff, live: plan.live };
}

const MARK = { added: '+', changed: '~', removed: '-', unchanged: ' ' } as const;

/** A diff in lines: the counts, then each login that changes, with what and any warning. */
function describeDiff(diff: SnapshotDiff): string {
  const lines = [
    `${diff.added} added, ${diff.changed} changed, ${diff.removed} removed, ${diff.unchanged} unchanged`,
  ];
  for (const row of diff.rows) {
    if (row.change === 'unchanged' && !row.warnings?.length) continue;
    const fields = row.fields?.length ? `: ${row.fields.join(', ')}` : '';
    lines.push(`${MARK[row.change]} ${row.username}${fields}`);
    for (const warning of row.warnings ?? []) lines.push(`    ! ${warning}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `rollcall capture`: a saved admin page's user list, reconciled with the system's accounts. */
export const capture = defineCommand({
  name: ['capture'],
  usage: 'SAVED-PAGE.html --system NAME [--complete] [--dry-run]',
  args: ['SAVED-PAGE.html'],
  summary: 'Read a saved admin user-list page and sync it to a system',
  details: `Reads the page's user list the way the browser extension does (save the page from the
browser once the list shows), shows what it changes in the system's accounts, and sends it unless
--dry-run. Logins missing from the page are marked removed only with --complete.`,
  options: {
    system: { type: 'string' },
    'dry-run': { type: 'boolean' },
    complete: { type: 'boolean' },
    'confirm-removals': { type: 'boolean' },
    'fail-on-changes': { type: 'boolean' },
  },
  optionHelp: {
    system: 'the system the page belongs to, by its name in Rollcall (required)',
    'dry-run': 'show what would change, send nothing',
    complete: 'the page shows every user: logins not on it are removed',
    'confirm-removals': 'send a complete list even when it removes more than half of the logins',
    'fail-on-changes': 'exit 1 when anything is (or would be) added, changed or removed',
  },
  async run({ values, args }, context) {
    const [file = ''] = args;
    if (!values.system) throw new CliError(EXIT.usage, 'rollcall capture needs --system NAME.');
    const html = await readInput(file);
    context.progress(`Reading ${file}…`);
    const { snapshotRows } = await import('../../extension/lib/page/snapshot-rows');
    const saved = await readSavedPage(html);
    const rows = snapshotRows(saved.rows);
    context.progress(null);
    if (rows.length === 0)
      throw new CliError(EXIT.refused, `${file}: no user list found on this page: nothing to send.`);
    context.note(`${file}: ${rows.length} login${rows.length === 1 ? '' : 's'} read.`);
    const body = {
      rows,
      dateOrder: saved.dateOrder,
      complete: Boolean(values.complete),
      ...(values['confirm-removals'] ? { confirmRemovals: true } : {}),
    };
    const checked = snapshotSchema.safeParse(body);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new CliError(EXIT.refused, `body.${issue?.path.join('.')}: ${issue?.message}`);
    }
    const api = await context.api();
    const system = systemNamed(await allSystems(api), values.system);
    let diff: SnapshotDiff;
    if (values['dry-run']) {
      const planned = await planHere(api, system, checked.data, context.progress);
      diff = planned.diff;
      context.out(`${system.name} (dry run, nothing sent): ${describeDiff(diff)}`);
      if (body.complete && !body.confirmRemovals && removalsNeedConfirmation(diff.removed, planned.live))
        context.note('Sending this list would remove most of the logins: it needs --confirm-removals.');
    } else {
      context.progress(`Sending ${rows.length} logins to ${system.name}…`);
      diff = await api
        .call(contract.systems.sendSnapshot, { params: { id: system.id }, body })
        .finally(() => context.progress(null));
      context.out(`${system.name}: ${describeDiff(diff)}`);
    }
    const changes = diff.added + diff.changed + diff.removed;
    return values['fail-on-changes'] && changes > 0 ? EXIT.found : EXIT.ok;
  },
});
