// What a signed-in owner's extension storage holds for a directory: the local copy, its findings and
// the home summary, as the background would have written them. Benchmarks put it in storage with
// chrome.storage.local.set from an extension page, then time the pages that read it.
import { buildStaffIndex } from '../../../extension/lib/staff-index.ts';
import { checkedCounts, evaluate, openFindings, summarise } from '../../../shared/rules/index.ts';

export function extensionSeed(tables, cursor, now) {
  const data = {
    people: Object.values(tables.person),
    systems: Object.values(tables.system),
    jobRoles: Object.values(tables.jobRole),
    accounts: Object.values(tables.account),
  };
  const findings = openFindings(evaluate(data, {}, now), [], now);
  const seed = {
    serverUrl: 'http://127.0.0.1:9',
    signedInAs: {
      state: 'signed-in',
      serverUrl: 'http://127.0.0.1:9',
      member: { id: 'm1', name: 'Ann Owner', email: 'ann@firm.test', role: 'owner' },
      organisation: { id: 'org1', name: 'Harbour & Vale Solicitors' },
    },
    directoryCopy: { organisationId: 'org1', tables, cursor, pulledAt: now },
    syncCursor: cursor,
    outbox: { queue: [], conflicts: [], rejected: [] },
    syncStatus: { state: 'synced', lastSyncedAt: now, message: null },
    findings: { computedAt: now, findings },
    homeSummary: {
      computedAt: now,
      summary: summarise(findings, checkedCounts(data)),
      top: findings.slice(0, 3),
      directoryEmpty: false,
    },
    // The home summary's storage version, so it is read as current rather than migrated.
    homeSummary$: { v: 2 },
    staffIndex: buildStaffIndex(tables, findings),
  };
  return { seed, findings };
}
