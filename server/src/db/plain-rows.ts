import { createHash } from 'node:crypto';
import { type Collection, type EntityClass, type EntityData, type EntityName, ReferenceKind, Utils } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type pg from 'pg';

/**
 * Plain rows: what a read-only path (the ops queue) hands to GraphQL instead of managed entities. The same property
 * names and JavaScript values as the entity — so type-graphql's simple resolvers read them alike — but no identity
 * map, no unit of work, no per-instance bookkeeping: turning rows into entities was a third of a queue request's CPU.
 *
 * A field resolver whose parent may be a plain row takes `Entity | Row<Entity>`: columns read the same from either;
 * a collection or a relation the row did not join loads by id, in batches (db/batched-loads.ts). A case is only ever
 * a plain row (case-row.ts): every read and mutation answers with the case reader's row.
 */

/** A relation the row did not read: only its id. */
export interface Stub {
  id: string;
}

type Columns<T> = { [K in keyof T as T[K] extends Collection<object> ? never : K]: T[K] };

/** An entity's columns as a plain object, with its relations `R` as id stubs (null where the relation is optional). */
export type Row<T, R extends keyof T = never> = Omit<Columns<T>, R> & { [K in R]: null extends T[K] ? Stub | null : Stub };

interface Plan {
  columns: string[];
  relations: string[];
}

const plans = new Map<string, Plan>();

function planOf(em: EntityManager, entity: EntityName<object>): Plan {
  const name = Utils.className(entity);
  let plan = plans.get(name);
  if (!plan) {
    const props = em.getMetadata().get(name).props;
    const isRelation = (kind: ReferenceKind, owner?: boolean) => kind === ReferenceKind.MANY_TO_ONE || (kind === ReferenceKind.ONE_TO_ONE && !!owner);
    plan = {
      // Lazy columns (a password hash) are never read for display.
      columns: props.filter((p) => p.fieldNames?.length && !p.lazy && (p.kind === ReferenceKind.SCALAR || isRelation(p.kind, p.owner))).flatMap((p) => p.fieldNames),
      relations: props.filter((p) => isRelation(p.kind, p.owner)).map((p) => p.name),
    };
    plans.set(name, plan);
  }
  return plan;
}

/**
 * One result row's columns split by their `<alias>__` prefix (`''` for unprefixed ones and unknown prefixes); keys in
 * `skip` are left out.
 */
export function splitByAlias(row: Record<string, unknown>, aliases: readonly string[], skip?: ReadonlySet<string>): Record<string, Record<string, unknown>> {
  const parts: Record<string, Record<string, unknown>> = { '': {} };
  for (const alias of aliases) parts[alias] = {};
  for (const key in row) {
    if (skip?.has(key)) continue;
    const cut = key.indexOf('__');
    const part = cut < 0 ? undefined : parts[key.slice(0, cut)];
    if (part && cut > 0) part[key.slice(cut + 2)] = row[key];
    else parts[''][key] = row[key];
  }
  return parts;
}

/** `x."col" as "<alias>__col"` for each column: a joined row's columns, to be split again by `splitByAlias`. */
export function aliasedColumns(alias: string, names: string[], table = 'x'): string {
  return names.map((n) => `${table}."${n}" as "${alias}__${n}"`).join(', ');
}

/** The columns a plain row of this entity is made from, for the SELECT list. */
export function columnsOf(em: EntityManager, entity: EntityName<object>): string[] {
  return planOf(em, entity).columns;
}

/**
 * A plain row from one result row's columns (keyed by column name): property names and JavaScript values (dates,
 * numbers) by the ORM's compiled result mapper, relations as id stubs. Null when the row found nothing (a LEFT JOIN).
 */
export function toRow<R>(em: EntityManager, entity: EntityClass<object>, columns: Record<string, unknown>): R | null {
  if (columns.id === null || columns.id === undefined) return null;
  const row = em.getDriver().mapResult(columns as EntityData<object>, em.getMetadata().get(entity.name)) as Record<string, unknown>;
  for (const name of planOf(em, entity).relations) {
    const id = row[name];
    if (id !== undefined) row[name] = id === null ? null : { id };
  }
  return row as R;
}

/**
 * Runs a statement (`$n` parameters) as a named prepared statement on one of the ORM's pooled connections, or on the
 * connection of the transaction `ctx` (by default `em`'s, when it has one). The ORM inlines parameters into the text,
 * so PostgreSQL would plan a long statement afresh every time (the queue's: ~8 ms at a million cases, more than
 * running it); prepared, each connection plans each statement text once.
 */
export async function preparedRows<T>(em: EntityManager, text: string, values: unknown[], ctx: Knex.Transaction | undefined = em.getTransactionContext()): Promise<T[]> {
  const name = `rh_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  // A transaction's client hands out the transaction's own connection (and its release is a no-op).
  const client = (ctx ?? em.getConnection().getKnex()).client;
  const connection = (await client.acquireConnection()) as pg.Client;
  try {
    const result = await connection.query({ name, text, values });
    return result.rows as T[];
  } catch (error) {
    throw em.getDriver().convertException(error as Error);
  } finally {
    await client.releaseConnection(connection);
  }
}
