import type { EntityManager } from '@mikro-orm/postgresql';
import { type Row, aliasedColumns, columnsOf, splitByAlias, toRow } from '../../db/plain-rows.js';
import { Order } from '../orders/order.entity.js';
import { OrderItem } from '../orders/order-item.entity.js';
import { RiskScore } from '../risk/risk-score.entity.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { User } from '../users/user.entity.js';
import { CaseEvent } from './case-event.entity.js';
import { CaseNote } from './case-note.entity.js';
import { ReturnCase } from './return-case.entity.js';
import { ReturnItem } from './return-item.entity.js';

/** Plain rows of a case and what its reads join to it (db/plain-rows.ts). */
export type UserRow = Row<User>;
export type MerchantRow = Row<MerchantProfile, 'user'>;
export type OrderRow = Row<Order, 'customer' | 'merchant'>;
export type OrderItemRow = Row<OrderItem, 'order' | 'product'>;
export type ReturnItemRow = Omit<Row<ReturnItem, 'returnCase'>, 'orderItem'> & { orderItem: OrderItemRow };
export type RiskScoreRow = Row<RiskScore, 'returnCase'>;
export type CaseRow = Omit<Row<ReturnCase, 'exchangeOrder'>, 'order' | 'customer' | 'merchant' | 'assignee'> & {
  order: OrderRow;
  customer: UserRow;
  merchant: MerchantRow;
  assignee: UserRow | null;
  // Read with the case by the case page (notes and events as its viewer may see them); absent on queue rows,
  // whose fields load them in batches on demand.
  items?: ReturnItemRow[];
  notes?: CaseNoteRow[];
  events?: CaseEventRow[];
};

export type CaseNoteRow = Omit<Row<CaseNote, 'returnCase'>, 'author'> & { author: UserRow | null };
export type CaseEventRow = Row<CaseEvent, 'returnCase' | 'actor'> & {
  /** The acting user's role and display name (a merchant's: its shop name), read with the event, for naming it to the parties. */
  actorFacts?: { role: string | null; displayName: string | null };
};

/** The columns each joined row is read with (entity metadata, once). */
interface JoinedColumns {
  orders: string[];
  users: string[];
  merchantProfiles: string[];
  riskScores: string[];
}
let joinedColumns: JoinedColumns | undefined;

function columns(em: EntityManager): JoinedColumns {
  joinedColumns ??= {
    orders: columnsOf(em, Order),
    users: columnsOf(em, User),
    merchantProfiles: columnsOf(em, MerchantProfile),
    riskScores: columnsOf(em, RiskScore),
  };
  return joinedColumns;
}

/**
 * SQL joined to a case row `rc`: its order, customer, merchant, assignee and latest risk score, each column
 * prefixed `<alias>__` in the result (`o`, `cu`, `m`, `au`, `rs`; `caseRowOf` splits them again). Each is a LATERAL
 * lookup by key (`limit 1` keeps the planner from flattening it into a join over a whole table).
 */
export function caseJoinsSql(em: EntityManager): { select: string; joins: string } {
  const c = columns(em);
  const list = (alias: string, names: string[]) => aliasedColumns(alias, names);
  const one = (alias: string, table: string, names: string[], key: string) =>
    `left join lateral (select ${list(alias, names)} from ${table} x where x.id = ${key} limit 1) ${alias} on true`;
  return {
    select: 'o.*, cu.*, m.*, au.*, rs.*',
    joins: `${one('o', 'orders', c.orders, 'rc.order_id')}
            ${one('cu', 'users', c.users, 'rc.customer_id')}
            ${one('m', 'merchant_profiles', c.merchantProfiles, 'rc.merchant_id')}
            ${one('au', 'users', c.users, 'rc.assignee_id')}
            left join lateral (select ${list('rs', c.riskScores)} from risk_scores x where x.return_case_id = rc.id
                                order by x.created_at desc, x.id desc limit 1) rs on true`,
  };
}

const ALIASES = ['o', 'cu', 'm', 'au', 'rs'];

/**
 * A case row and its latest risk score from one result row of `caseJoinsSql`: the case's own columns unprefixed,
 * the joined ones by alias. Keys in `skip` are not the case's (a query's own extra columns).
 */
export function caseRowOf(em: EntityManager, row: Record<string, unknown>, skip?: ReadonlySet<string>): { rc: CaseRow; risk: RiskScoreRow | null } {
  const parts = splitByAlias(row, ALIASES, skip);
  const rc = toRow<CaseRow>(em, ReturnCase, parts[''])!;
  rc.order = toRow<OrderRow>(em, Order, parts.o)!;
  rc.customer = toRow<UserRow>(em, User, parts.cu)!;
  rc.merchant = toRow<MerchantRow>(em, MerchantProfile, parts.m)!;
  rc.assignee = toRow<UserRow>(em, User, parts.au);
  return { rc, risk: toRow<RiskScoreRow>(em, RiskScore, parts.rs) };
}

/**
 * The return items of the cases `caseCondition` selects (on `ri.return_case_id`), in their order: one row each with
 * `return_case_id`, `position` and `item`, a JSON object `{ ri: the item, oi: its order line }` for `itemRowsOf`. The
 * case page aggregates them into its statement; lists read them for many cases at once.
 */
export function caseItemsSql(caseCondition: string): string {
  return `select ri.return_case_id, ri.position, json_build_object('ri', to_jsonb(ri), 'oi', to_jsonb(oi)) as item
            from return_items ri join order_items oi on oi.id = ri.order_item_id
           where ${caseCondition}
           order by ri.position`;
}

/** Return items with their order lines, from `json_build_object('ri', to_jsonb(ri), 'oi', to_jsonb(oi))` objects. */
export function itemRowsOf(em: EntityManager, items: Array<{ ri: Record<string, unknown>; oi: Record<string, unknown> }>): ReturnItemRow[] {
  return items.map(({ ri, oi }) => {
    const item = toRow<ReturnItemRow>(em, ReturnItem, ri)!;
    item.orderItem = toRow<OrderItemRow>(em, OrderItem, oi)!;
    return item;
  });
}

/** A user's columns as a JSON object (the display columns only: never a password hash), or null; for `json_agg`. */
function userJsonSql(em: EntityManager, alias: string): string {
  const pairs = columns(em).users.map((c) => `'${c}', ${alias}."${c}"`).join(', ');
  return `case when ${alias}.id is null then null else json_build_object(${pairs}) end`;
}

/**
 * The notes of the cases `caseCondition` selects (on `n.return_case_id`) whose visibility is in `kinds` (a text[]
 * expression), oldest first: one row each with `return_case_id`, `created_at`, `id` and `note`, a JSON object
 * `{ n: the note, a: its author or null }` for `noteRowsOf`. The case page aggregates them into its statement; lists
 * read them for many cases at once.
 */
export function caseNotesSql(em: EntityManager, caseCondition: string, kinds: string): string {
  return `select n.return_case_id, n.created_at, n.id, json_build_object('n', to_jsonb(n), 'a', ${userJsonSql(em, 'a')}) as note
            from case_notes n left join users a on a.id = n.author_id
           where ${caseCondition} and n.visibility::text = any(${kinds})
           order by n.created_at, n.id`;
}

/** Keys of an event's JSON that carry its actor's facts, not columns of the event. */
const ACTOR_ROLE = 'actor__role';
const ACTOR_NAME = 'actor__name';

/**
 * The audit events of the cases `caseCondition` selects (on `e.return_case_id`) but the types in `hidden` (text[]),
 * oldest first (same instant: in the order written), as `event` JSON for `eventRowsOf`, each with the facts its actor is named by (case-event-visibility.ts).
 */
export function caseEventsSql(caseCondition: string, hidden: string): string {
  return `select e.return_case_id, e.created_at, e.seq, e.id,
                 to_jsonb(e) || jsonb_build_object('${ACTOR_ROLE}', a.role, '${ACTOR_NAME}', coalesce(am.name, a.display_name)) as event
            from case_events e
            left join users a on a.id = e.actor_id
            left join merchant_profiles am on am.user_id = a.id
           where ${caseCondition} and not (e.type = any(${hidden}))
           order by e.created_at, e.seq`;
}

/** Notes from `caseNotesSql`'s `note` objects. */
export function noteRowsOf(em: EntityManager, notes: Array<{ n: Record<string, unknown>; a: Record<string, unknown> | null }>): CaseNoteRow[] {
  return notes.map(({ n, a }) => {
    const note = toRow<CaseNoteRow>(em, CaseNote, n)!;
    note.author = a ? toRow<UserRow>(em, User, a) : null;
    return note;
  });
}

/** Events from `caseEventsSql`'s `event` objects. */
export function eventRowsOf(em: EntityManager, events: Array<Record<string, unknown>>): CaseEventRow[] {
  return events.map(({ [ACTOR_ROLE]: role, [ACTOR_NAME]: name, ...e }) => {
    const row = toRow<CaseEventRow>(em, CaseEvent, e)!;
    row.actorFacts = { role: (role as string | null | undefined) ?? null, displayName: (name as string | null | undefined) ?? null };
    return row;
  });
}
