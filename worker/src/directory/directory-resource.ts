import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { RunnableQuery } from 'drizzle-orm/runnable-query';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { reusableQuery } from '../db/reusable-query';
import type { accounts, jobRoles, people, systems } from '../db/schema';
import {
  type Db,
  reservedVersion,
  reserveVersions,
  returnedRow,
  toStatement,
  type Write,
} from '../db/versions';
import { ProblemError } from '../http/problem';
import { afterCursor, toPage } from './page-cursor';

export type DirectoryTable = typeof people | typeof systems | typeof jobRoles | typeof accounts;

/** What a directory row is made of besides its own fields: set by the factory, never by a caller. */
type Bookkeeping = 'id' | 'orgId' | 'version' | 'updatedAt' | 'deleted';

/**
 * What else deleting a row changes (a person's accounts unlinked, a system's accounts deleted, a job
 * role's holders unassigned), so a pull sees each of those rows change under a version of its own.
 */
export type DeleteCascade = {
  /** The ids of the other rows the delete changes. */
  rows: (db: Db, orgId: string, id: string) => Promise<string[]>;
  /** One statement changing them all: the i-th id takes reserved version i + 1 (`j.key + 1`). */
  statement: (orgId: string, id: string, ids: readonly string[], count: number, now: number) => SQL;
};

/**
 * One resource of the staff directory (people, systems, job roles, accounts). What they share is
 * here: organisation scoping, soft deletes, versions from the organisation's counter, paging, the
 * 404 of a missing or foreign id, the 409 of a client id already taken. What differs is declared.
 */
export type DirectoryResourceSpec<T extends DirectoryTable, Shown, Query, Create, Update> = {
  table: T;
  /** How answers name one: 'No such job role.' */
  label: string;
  /** The field the list is sorted and paged by (with the id after it). */
  sortBy: 'name' | 'username';
  show: (row: T['$inferSelect']) => Shown;
  /** The list's filters beyond the organisation and not deleted. */
  filters?: (query: Query, orgId: string) => (SQL | undefined)[];
  /** The new row's own fields from a create's input. */
  insert: (input: Create) => Omit<T['$inferInsert'], Bookkeeping>;
  /** Refuses (ProblemError) a create that names what does not exist or breaks a rule. */
  checkCreate?: (db: Db, orgId: string, input: Create) => Promise<void>;
  /** Refuses an update, knowing the row before it. */
  checkUpdate?: (db: Db, orgId: string, before: Shown, input: Update, id: string) => Promise<void>;
  cascade?: DeleteCascade;
};

export type PageQuery = { limit: number; cursor?: string };

/** A read a route can put in a batch (its first read), answering rows of type R. */
export type BatchRead<R> = RunnableQuery<R[], 'sqlite'> & PromiseLike<R[]>;

/** The rows a resource's reads answer: rows of its table. */
type Row<T extends DirectoryTable> = T['$inferSelect'];

/** The queries of one directory resource; each write is a `Write` for the audited-write path. */
export type DirectoryResource<T extends DirectoryTable, Shown, Query, Create, Update> = {
  /** The reads a route's first read is made of (http/route.ts `withFirstRead`); `page` and `found` take their rows. */
  reads: {
    /** One page of the list and the first row of the next. */
    list: (db: Db, orgId: string, query: Query) => BatchRead<Row<T>>;
    /** The live row by id (none for another organisation's id). */
    find: (db: Db, orgId: string, id: string) => BatchRead<Row<T>>;
    /** The row with a client's id, in any organisation: a create must not take it. */
    taken: (db: Db, id: string) => BatchRead<{ id: string }>;
  };
  page: (rows: Row<T>[], query: Query) => { items: Shown[]; nextCursor: string | null };
  /** The row `reads.find` answered, or 404. */
  found: (rows: Row<T>[]) => Shown;
  list: (db: Db, orgId: string, query: Query) => Promise<{ items: Shown[]; nextCursor: string | null }>;
  /** The live row by id, or undefined (also for another organisation's id). */
  find: (db: Db, orgId: string, id: string) => Promise<Shown | undefined>;
  /** The live row by id, or 404. */
  get: (db: Db, orgId: string, id: string) => Promise<Shown>;
  /** A new row; `taken`, the rows `reads.taken` answered for a client's id, when already read. */
  create: (
    db: Db,
    orgId: string,
    input: Create,
    now?: number,
    taken?: { id: string }[],
  ) => Promise<Write<Shown>>;
  /** A change to a live row; `before`, the row as already read, or it is read here. */
  update: (
    db: Db,
    orgId: string,
    id: string,
    input: Update,
    now?: number,
    before?: Shown,
  ) => Promise<{ before: Shown; write: Write<Shown> }>;
  /** Sets fields of one live row under a new version, checking nothing: for writes with rules of their own. */
  set: (db: Db, orgId: string, id: string, fields: Partial<T['$inferInsert']>, now: number) => Write<Shown>;
  /** Deletes a row (a tombstone sync passes on) and runs its cascade. */
  remove: (db: Db, orgId: string, id: string, now?: number) => Promise<{ before: Shown; write: Write<void> }>;
};

export function directoryResource<
  T extends DirectoryTable,
  Shown,
  Query extends PageQuery,
  Create extends { id?: string },
  Update,
>(
  spec: DirectoryResourceSpec<T, Shown, Query, Create, Update>,
): DirectoryResource<T, Shown, Query, Create, Update> {
  // drizzle cannot build queries over a union of tables from a generic one: the factory works on
  // the union, the spec's types keep each resource's rows and inputs apart.
  const table: DirectoryTable = spec.table;
  const show = (row: DirectoryTable['$inferSelect']) => spec.show(row as T['$inferSelect']);
  const sortColumn = (table as unknown as Record<string, SQLiteColumn>)[spec.sortBy] as SQLiteColumn;
  const sortKey = (row: DirectoryTable['$inferSelect']) =>
    (row as unknown as Record<string, string>)[spec.sortBy] as string;
  const live = (orgId: string, id: string) =>
    and(eq(table.orgId, orgId), eq(table.id, id), eq(table.deleted, false));

  const listQuery = (db: Db, orgId: string, query: Query) =>
    db
      .select()
      .from(table)
      .where(
        and(
          eq(table.orgId, orgId),
          eq(table.deleted, false),
          ...(spec.filters?.(query, orgId) ?? []),
          afterCursor(sortColumn, table.id, query.cursor),
        ),
      )
      .orderBy(asc(sortColumn), asc(table.id))
      .limit(query.limit + 1);
  // The first page unfiltered, the live row by id, a client's id: the SQL of each built once.
  const firstPage = reusableQuery((db, v: { orgId: string; limit: number }) =>
    db
      .select()
      .from(table)
      .where(and(eq(table.orgId, v.orgId), eq(table.deleted, false)))
      .orderBy(asc(sortColumn), asc(table.id))
      .limit(v.limit),
  );
  const findRead = reusableQuery((db, v: { orgId: string; id: string }) =>
    db.select().from(table).where(live(v.orgId, v.id)),
  );
  const takenRead = reusableQuery((db, v: { id: string }) =>
    db.select({ id: table.id }).from(table).where(eq(table.id, v.id)),
  );

  const reads = {
    list: (db: Db, orgId: string, query: Query) =>
      !query.cursor && (spec.filters?.(query, orgId) ?? []).every((filter) => filter === undefined)
        ? firstPage(db, { orgId, limit: query.limit + 1 })
        : listQuery(db, orgId, query),
    find: (db: Db, orgId: string, id: string) => findRead(db, { orgId, id }),
    taken: (db: Db, id: string) => takenRead(db, { id }),
  } as unknown as DirectoryResource<T, Shown, Query, Create, Update>['reads'];

  const page = (rows: Row<T>[], query: Query) =>
    toPage(rows as DirectoryTable['$inferSelect'][], query.limit, (row) => [sortKey(row), row.id], show);

  const found = (rows: Row<T>[]) => {
    const [row] = rows;
    if (!row) throw new ProblemError(404, `No such ${spec.label}.`);
    return spec.show(row);
  };

  const find = async (db: Db, orgId: string, id: string) => {
    const [row] = await reads.find(db, orgId, id);
    return row ? spec.show(row) : undefined;
  };

  const get = async (db: Db, orgId: string, id: string) => found(await reads.find(db, orgId, id));

  const set = (
    db: Db,
    orgId: string,
    id: string,
    fields: Partial<T['$inferInsert']>,
    now: number,
  ): Write<Shown> => ({
    statements: [
      reserveVersions(db, orgId, 1),
      toStatement(
        db,
        db
          .update(table)
          .set({ ...fields, version: reservedVersion(orgId, 1, 0), updatedAt: now })
          .where(live(orgId, id))
          .returning(),
      ),
    ],
    read: (results) => show(returnedRow(table, results, 1)),
  });

  return {
    reads,
    page,
    found,
    list: async (db, orgId, query) => page(await reads.list(db, orgId, query), query),
    find,
    get,
    create: async (db, orgId, input, now = Date.now(), taken = undefined) => {
      // An id the client made must not be taken, in this organisation or any other.
      if (input.id) {
        const [row] = taken ?? (await reads.taken(db, input.id));
        if (row) {
          throw new ProblemError(409, `The id ${input.id} is taken.`, [
            { field: 'body.id', message: 'id taken' },
          ]);
        }
      }
      await spec.checkCreate?.(db, orgId, input);
      const values = {
        ...spec.insert(input),
        id: input.id ?? crypto.randomUUID(),
        orgId,
        version: reservedVersion(orgId, 1, 0),
        updatedAt: now,
      };
      return {
        statements: [
          reserveVersions(db, orgId, 1),
          toStatement(
            db,
            db
              .insert(table)
              .values(values as never)
              .returning(),
          ),
        ],
        read: (results) => show(returnedRow(table, results, 1)),
      };
    },
    update: async (db, orgId, id, input, now = Date.now(), known = undefined) => {
      const before = known ?? (await get(db, orgId, id));
      await spec.checkUpdate?.(db, orgId, before, input, id);
      return { before, write: set(db, orgId, id, input as Partial<T['$inferInsert']>, now) };
    },
    set,
    remove: async (db, orgId, id, now = Date.now()) => {
      const before = await get(db, orgId, id);
      const others = spec.cascade ? await spec.cascade.rows(db, orgId, id) : [];
      const count = others.length + 1;
      const statements = [
        reserveVersions(db, orgId, count),
        toStatement(
          db,
          db
            .update(table)
            .set({ deleted: true, version: reservedVersion(orgId, count, 0), updatedAt: now })
            .where(and(eq(table.orgId, orgId), eq(table.id, id))),
        ),
      ];
      if (spec.cascade)
        statements.push(toStatement(db, spec.cascade.statement(orgId, id, others, count, now)));
      return { before, write: { statements, read: () => undefined } };
    },
  };
}
