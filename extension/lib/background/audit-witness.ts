import { type AuditSigningKey, checkpointSignatureValid } from '../../../shared/audit/checkpoint';
import { contract } from '../../../shared/contract';
import { type AuditWitness, auditWitnessItem, signedInAsItem } from '../storage';
import type { ApiClient } from '../sync/api-client';

/**
 * Each admin's browser is a witness of the firm's audit trail: it keeps the newest signed checkpoint
 * of the trail's head it has seen (sequence number and hash, signed with the server's key) and
 * warns when the server later shows a head that went backwards, a different hash at the same
 * point, or a checkpoint whose signature does not verify. Someone who rewrites the server's
 * database cannot also rewrite what every admin's browser remembers.
 */

/** Who keeps a witness: the roles that read the trail and act on a warning. */
const WITNESSES = new Set(['owner', 'admin', 'auditor']);

/** What the server showed: its newest checkpoint, its key, and the hash it has now at the witness's point. */
type Seen = {
  checkpoint: AuditWitness['checkpoint'];
  key: AuditSigningKey;
  since?: { seq: number; hash: string | null } | null;
};

type Context = { serverUrl: string; organisationId: string };

/** Whether the witness kept so far is of this server and firm (else it starts afresh). */
function sameFirm(previous: AuditWitness | null, context: Context): previous is AuditWitness {
  return previous?.serverUrl === context.serverUrl && previous.organisationId === context.organisationId;
}

/**
 * The witness after the server showed `seen`: the newest genuine checkpoint is kept, and a warning
 * once raised stays until another firm or server is signed in to, so it cannot scroll away.
 */
export async function witness(
  previous: AuditWitness | null,
  seen: Seen,
  context: Context,
  now: number,
): Promise<AuditWitness> {
  const kept: AuditWitness = sameFirm(previous, context)
    ? { ...previous, checkedAt: now }
    : { ...context, checkpoint: null, key: null, checkedAt: now, warning: null };
  const warn = (kind: NonNullable<AuditWitness['warning']>['kind']): AuditWitness => ({
    ...kept,
    warning: kept.warning ?? {
      kind,
      seenAt: now,
      shownSeq: seen.checkpoint?.seq ?? 0,
      knownSeq: kept.checkpoint?.seq ?? null,
      knownAt: kept.checkpoint?.at ?? null,
    },
  });
  const known = kept.checkpoint;
  if (kept.key && seen.key.publicKey !== kept.key.publicKey) return warn('key-changed');
  if (!seen.checkpoint) return known ? warn('went-back') : { ...kept, key: seen.key };
  if (
    seen.checkpoint.orgId !== context.organisationId ||
    !(await checkpointSignatureValid(seen.checkpoint, seen.key))
  )
    return warn('signature-bad');
  if (known && seen.checkpoint.seq < known.seq) return warn('went-back');
  if (known && seen.checkpoint.seq === known.seq && seen.checkpoint.hash !== known.hash)
    return warn('rewritten');
  // The head moved on: the event this browser saw signed must still read the same.
  if (known && seen.since?.seq === known.seq && seen.since.hash !== known.hash) return warn('rewritten');
  return { ...kept, checkpoint: seen.checkpoint, key: seen.key };
}

/** After a sync: asks the server for its newest checkpoint and updates the witness. */
export function createAuditWitness({ api, now }: { api: ApiClient; now: () => number }) {
  return {
    async checkAuditHead(): Promise<void> {
      const who = await signedInAsItem.getValue();
      if (who?.state !== 'signed-in' || !WITNESSES.has(who.member.role)) return;
      // An unreachable server or an older one without checkpoints is no sign of tampering.
      const context = { serverUrl: who.serverUrl, organisationId: who.organisation.id };
      const previous = await auditWitnessItem.getValue();
      const known = sameFirm(previous, context) ? previous.checkpoint : null;
      const answer = await api
        .call(contract.audit.checkpoint, { query: known ? { since: known.seq } : {} })
        .catch(() => null);
      if (!answer?.ok) return;
      await auditWitnessItem.setValue(await witness(previous, answer.value, context, now()));
    },
  };
}
