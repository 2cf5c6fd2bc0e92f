import type { System } from '../../../shared/schemas/directory';
import { matchesUrlPattern } from '../page/adapters';
import type { SystemDirectory } from '../page/directory-verdicts';
import { findingsItem, localCopyItem, outboxItem, signedInAsItem } from '../storage';
import { overlay, type Tables } from './local-copy';
import { pendingMutations } from './outbox';

/**
 * What the directory in this browser says about an admin page, for the in-page warnings. The
 * background's judge reads it on every page, and a stopped background starts again for it: it reads
 * only the extension's storage, with none of the API contract or its schemas behind it, so the
 * background can judge a page before it has built the rest of itself (entrypoints/background).
 */

/** The live systems of the directory as it stands here, queued changes included. */
export async function currentTables(): Promise<Tables> {
  const [copy, outbox] = await Promise.all([localCopyItem.getValue(), outboxItem.getValue()]);
  return overlay(copy.tables, pendingMutations(outbox));
}

/** The system a page belongs to: the one it was linked to, else the first whose admin pages cover it. */
export function systemForPage(
  tables: Tables,
  pageUrl: string,
  systemId: string | null = null,
): System | null {
  const systems = Object.values(tables.system).filter((system) => !system.deleted);
  if (systemId) {
    const linked = systems.find((system) => system.id === systemId);
    if (linked) return linked;
  }
  return (
    systems.find((system) =>
      system.adminUrlPatterns.some((pattern) => matchesUrlPattern(pattern, pageUrl)),
    ) ?? null
  );
}

/** The accounts and open findings of the page's system, as the signed-in local copy holds them. */
export async function systemDirectory(pageUrl: string): Promise<SystemDirectory | null> {
  if (!(await signedInAsItem.getValue())) return null;
  const tables = await currentTables();
  const system = systemForPage(tables, pageUrl);
  if (!system) return null;
  const { findings } = await findingsItem.getValue();
  return {
    systemId: system.id,
    accounts: Object.values(tables.account)
      .filter((account) => account.systemId === system.id && !account.deleted)
      .map(({ id, systemId, username, email, status, deleted, ownerPersonId }) => ({
        id,
        systemId,
        username,
        email,
        status,
        deleted,
        ownerPersonId,
      })),
    // Stored findings are the open ones: a dismissed finding stays off the page too.
    findings: findings
      .filter((finding) => finding.systemId === system.id && finding.subject.type === 'account')
      .map(({ ruleId, title, evidence, tip, subject }) => ({ ruleId, title, evidence, tip, subject })),
  };
}
