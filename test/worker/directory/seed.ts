import { env } from 'cloudflare:workers';
import type { Snapshot } from '../../../shared/schemas/directory-input';
import { snapshotSchema } from '../../../shared/schemas/directory-input';
import { database } from '../../../worker/src/db/client';
import { organisations } from '../../../worker/src/db/schema';
import type { Db, Write } from '../../../worker/src/db/versions';
import { systemsQueries } from '../../../worker/src/directory/systems-queries';

export const db: Db = database(env.DB);

/** Runs a directory write on its own, without the audit events a route adds: test setup only. */
export async function runWrite<T>(db: Db, write: Write<T>): Promise<T> {
  return write.read(await db.$client.batch(write.statements));
}

/** A fresh organisation of its own, so tests in one file never see each other's rows. */
export async function newOrg(name = 'Harbour & Co'): Promise<string> {
  const id = crypto.randomUUID();
  await db.insert(organisations).values({ id, name });
  return id;
}

export async function newSystem(orgId: string, name = 'PayDesk') {
  return runWrite(
    db,
    await systemsQueries.create(db, orgId, {
      name,
      adminUrlPatterns: ['https://paydesk.example/admin/*'],
      signInUrlPatterns: [],
      permissions: [
        { name: 'payments.add', label: 'Add payments' },
        { name: 'transactions.search', label: 'Search' },
        { name: 'refunds.process', label: 'Refunds', privileged: true },
        { name: 'users.manage', label: 'Administrator', privileged: true },
      ],
    }),
  );
}

export const snapshot = (input: Partial<Snapshot> & { rows: Snapshot['rows'] }): Snapshot =>
  snapshotSchema.parse(input);

export async function counter(orgId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT version_counter AS v FROM organisations WHERE id = ?')
    .bind(orgId)
    .first<{ v: number }>();
  return row?.v ?? -1;
}
