import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { AuditEvent, auditVerifySchema } from '../../../shared/schemas/audit';
import { useSend } from '../popup/popup-context';
import { callApi } from './api';
import { useConsole } from './console-context';
import { contract } from './contract';
import { download, fileDate, LoadedView, Message, type Said, ScreenHeading, useLoaded } from './ui';

type Filters = { action: string; targetType: string; actorId: string; from: string; to: string };
const NO_FILTERS: Filters = { action: '', targetType: '', actorId: '', from: '', to: '' };

/** The filters as the API's query: empty ones left out, days as the start of that day in UTC. */
export function auditQuery(filters: Filters, cursor: number | null) {
  return {
    limit: 100,
    ...(filters.action.trim() ? { action: filters.action.trim() } : {}),
    ...(filters.targetType.trim() ? { targetType: filters.targetType.trim() } : {}),
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.from ? { from: `${filters.from}T00:00:00Z` } : {}),
    // "To" a day includes that day.
    ...(filters.to ? { to: new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000).toISOString() } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/** The audit trail: every change and sign-in, newest first; verify its hash chain; export it. */
export function AuditScreen() {
  const send = useSend();
  const { can } = useConsole();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [older, setOlder] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const [events] = useLoaded(
    () => callApi(send, contract.audit.list, { query: auditQuery(filters, null) }),
    [filters],
  );
  const [members] = useLoaded(() => callApi(send, contract.members.list), []);
  const [verdict, setVerdict] = useState<z.infer<typeof auditVerifySchema> | null>(null);
  const [said, setSaid] = useState<Said>(null);

  async function verify() {
    setSaid({ kind: 'ok', text: 'Checking every event…' });
    const result = await callApi(send, contract.audit.verify);
    if (!result.ok) return setSaid({ kind: 'error', text: result.message });
    setSaid(null);
    setVerdict(result.value);
  }

  async function exportAs(format: 'csv' | 'ndjson') {
    const result = await callApi(send, contract.audit.export, { query: { format } });
    if (!result.ok) return setSaid({ kind: 'error', text: result.message });
    download(
      result.value,
      `rollcall-audit-${fileDate()}.${format}`,
      format === 'csv' ? 'text/csv' : 'application/x-ndjson',
    );
  }

  async function more(next: number) {
    const result = await callApi(send, contract.audit.list, { query: auditQuery(filters, next) });
    if (!result.ok) return setSaid({ kind: 'error', text: result.message });
    setOlder([...older, ...result.value.events]);
    setCursor(result.value.nextCursor ?? -1);
  }

  return (
    <section>
      <ScreenHeading
        actions={
          <>
            {can(contract.audit.verify) && (
              <button type="button" onClick={verify}>
                Verify the trail
              </button>
            )}
            {can(contract.audit.export) && (
              <>
                <button type="button" onClick={() => exportAs('csv')}>
                  Export CSV
                </button>
                <button type="button" onClick={() => exportAs('ndjson')}>
                  Export NDJSON
                </button>
              </>
            )}
          </>
        }
      >
        Audit log
      </ScreenHeading>
      <Message said={said} />
      {verdict && (
        <p
          class={verdict.intact ? 'notice verdict-ok' : 'error'}
          role={verdict.intact ? 'status' : 'alert'}
          data-testid="audit-verdict"
        >
          {verdict.intact
            ? `Intact: all ${verdict.checked} events are chained as written; none was changed or removed.`
            : `Broken at event ${verdict.brokenAt}: ${verdict.reason ?? 'the chain does not hold'}. ${verdict.checked} events checked.`}
        </p>
      )}
      <form
        class="filter-bar row wrap"
        aria-label="Filter the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          setOlder([]);
          setCursor(null);
          setFilters(draft);
        }}
      >
        <div class="field">
          <label for="audit-action">Action</label>
          <input
            id="audit-action"
            data-filter
            placeholder="e.g. person.update"
            value={draft.action}
            onInput={(e) => setDraft({ ...draft, action: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="audit-target">Target</label>
          <input
            id="audit-target"
            placeholder="e.g. person"
            value={draft.targetType}
            onInput={(e) => setDraft({ ...draft, targetType: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="audit-actor">Who</label>
          <select
            id="audit-actor"
            value={draft.actorId}
            onChange={(e) => setDraft({ ...draft, actorId: e.currentTarget.value })}
          >
            <option value="">Anyone</option>
            {members.state === 'ready' &&
              members.value.members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
          </select>
        </div>
        <div class="field">
          <label for="audit-from">From</label>
          <input
            id="audit-from"
            type="date"
            value={draft.from}
            onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="audit-to">To</label>
          <input
            id="audit-to"
            type="date"
            value={draft.to}
            onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
        </div>
        <button type="submit">Filter</button>
      </form>
      <LoadedView loaded={events} what="the audit log">
        {(page) => {
          const all = [...page.events, ...older];
          const next = cursor === null ? page.nextCursor : cursor > 0 ? cursor : null;
          return all.length === 0 ? (
            <p class="empty">No events match.</p>
          ) : (
            <>
              <div class="table-wrap">
                <table class="data" aria-label="Audit events">
                  <thead>
                    <tr>
                      <th scope="col" class="num">
                        #
                      </th>
                      <th scope="col">When (UTC)</th>
                      <th scope="col">Who</th>
                      <th scope="col">Action</th>
                      <th scope="col">Target</th>
                    </tr>
                  </thead>
                  <tbody>
                    {all.map((event) => (
                      <tr key={event.seq}>
                        <td class="num">{event.seq}</td>
                        <td>{event.at.replace('T', ' ').slice(0, 19)}</td>
                        <td>{event.actorName}</td>
                        <td>
                          <code>{event.action}</code>
                        </td>
                        <td>
                          {event.targetType}
                          {event.targetId ? <span class="muted"> {event.targetId.slice(0, 8)}</span> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {next && (
                <button type="button" onClick={() => more(next)}>
                  Older events
                </button>
              )}
            </>
          );
        }}
      </LoadedView>
    </section>
  );
}
