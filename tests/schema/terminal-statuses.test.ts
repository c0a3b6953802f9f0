// The terminal statuses (TERMINAL_STATUSES in server/src/modules/returns/return-case.enums.ts: after these nothing more
// happens to a case) are also written out where that constant cannot reach: in the database (the queue's active-case
// partial index, from migration queue_at_scale; earlier trigger functions of queue_day_counts and queue_month_counts,
// since retired), in the entity's copy of that index, in the volume generator and in the web app. One list differing
// from the others would quietly split the queue, its counts and its pages. This file finds every copy and compares it.
//
// What counts as a copy: a list of two or more quoted case statuses (`'a', 'b'`, `'a'::case_status, …`, `"a", "b"`) that
// names at least half of the terminal statuses. Shorter lists with a terminal status in them say something else (e.g.
// the risk features' "rejected or closed") and are left alone.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/src/config.js';
import { queueAfterSql, queuePageSql } from '../../server/src/modules/queue/queue-sql.js';
import { caseJoinsSql } from '../../server/src/modules/returns/case-row.js';
import { CaseStatus, TERMINAL_STATUSES } from '../../server/src/modules/returns/return-case.enums.js';
import { TERMINAL as VOLUME_TERMINAL } from '../../seeds/volume-shape.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';

const TERMINAL = [...TERMINAL_STATUSES].sort();
const STATUSES = new Set<string>(Object.values(CaseStatus));

/** Every list of two or more quoted case statuses in `text`, each sorted. */
function statusLists(text: string): string[][] {
  const lists = text.match(/(?:['"][a-z_]+['"](?:::[a-z_]+)?\s*,\s*)+['"][a-z_]+['"]/g) ?? [];
  return lists
    .map((list) => [...list.matchAll(/['"]([a-z_]+)['"]/g)].map((m) => m[1]))
    .filter((words) => words.every((w) => STATUSES.has(w)))
    .map((words) => words.sort());
}

/** The lists in `text` that are copies of the terminal statuses (see the top of this file). */
const copiesOfTerminal = (text: string): string[][] =>
  statusLists(text).filter((list) => list.filter((s) => TERMINAL_STATUSES.has(s as CaseStatus)).length * 2 >= TERMINAL.length);

interface Place {
  place: string;
  text: string;
}

/** Each place's copies that differ from TERMINAL_STATUSES (empty when all agree). */
const differing = (places: Place[]) =>
  places.flatMap(({ place, text }) => copiesOfTerminal(text).filter((list) => list.join() !== TERMINAL.join()).map((list) => ({ place, list })));

/** The definitions in the live catalog: indexes, functions (not extensions'), triggers, check constraints, views. */
async function catalog(db: TestDatabase): Promise<Place[]> {
  return db.orm.em.getConnection().execute<Place[]>(`
    select 'index ' || indexname as place, indexdef as text from pg_indexes where schemaname = 'public'
    union all
    select 'function ' || p.proname, pg_get_functiondef(p.oid) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'public' and p.prokind in ('f', 'p') and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
    union all
    select 'trigger ' || t.tgname, pg_get_triggerdef(t.oid) from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and not t.tgisinternal
    union all
    select 'constraint ' || c.conname, pg_get_constraintdef(c.oid) from pg_constraint c join pg_namespace n on n.oid = c.connamespace
     where n.nspname = 'public' and c.contype = 'c'
    union all
    select 'view ' || viewname, definition from pg_views where schemaname = 'public'`);
}

/** The TypeScript (and scripts) of the server, seeds, bench and scripts; migrations are read from the catalog instead. */
function sources(): Place[] {
  return ['server/src', 'seeds', 'bench', 'scripts'].flatMap((dir) =>
    readdirSync(join(projectRoot, dir), { recursive: true, encoding: 'utf8' })
      .map((file) => join(projectRoot, dir, file))
      .filter((path) => /\.(ts|mjs)$/.test(path) && !path.endsWith('.test.ts') && !path.includes('/db/migrations/') && !path.includes('/.data/'))
      .map((path) => ({ place: relative(projectRoot, path), text: readFileSync(path, 'utf8') })));
}

describe('the terminal statuses, wherever they are written', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterAll(() => db?.drop());

  it('in the database: every index predicate, function, trigger, constraint and view that lists them', async () => {
    const places = await catalog(db);
    const copies = places.filter((p) => copiesOfTerminal(p.text).length).map((p) => p.place);
    // The queue's active-case index (`status <> ALL (ARRAY[…])`) is one; the sweep must see it.
    expect(copies).toContain('index return_cases_queue_active_idx');
    expect(differing(places)).toEqual([]);
  });

  it("in the entity's copy of the active-case index (what the schema generator compares with the database)", () => {
    const indexes = db.orm.getMetadata().find('ReturnCase')!.indexes;
    const active = indexes.find((i) => i.name === 'return_cases_queue_active_idx');
    expect(active?.expression).toBeDefined();
    expect(copiesOfTerminal(String(active!.expression))).toEqual([TERMINAL]);
  });

  it('in the SQL the queue builds and in the code of the server, seeds, bench and scripts', () => {
    const now = new Date();
    const joins = caseJoinsSql(db.orm.em.fork());
    const built: Place[] = [
      { place: 'queuePageSql (open cases)', text: queuePageSql({ open: true }, now, 3, 15, joins).sql },
      { place: 'queueAfterSql (open cases)', text: queueAfterSql({ open: true }, now, null, 15, joins).sql },
    ];
    for (const place of built) expect(copiesOfTerminal(place.text).length, place.place).toBeGreaterThan(0);
    const code = sources();
    expect(code.filter((p) => copiesOfTerminal(p.text).length).map((p) => p.place)).toContain('seeds/volume-shape.ts');
    expect(differing([...built, ...code])).toEqual([]);
    expect([...VOLUME_TERMINAL].sort()).toEqual(TERMINAL);
  });

  it("in the web app's TERMINAL_STATUSES (GraphQL enum names)", () => {
    const text = readFileSync(join(projectRoot, 'client/src/lib/case-status.ts'), 'utf8');
    const set = /TERMINAL_STATUSES[^=]*=\s*new Set\(\[([^\]]*)\]/.exec(text);
    expect(set, 'client/src/lib/case-status.ts declares TERMINAL_STATUSES as new Set([...])').not.toBeNull();
    const names = [...set![1].matchAll(/'([A-Z_]+)'/g)].map((m) => m[1].toLowerCase()).sort();
    expect(names).toEqual(TERMINAL);
  });

  it('catches a copy that differs: an index or a function one status short, or one too many', async () => {
    const conn = db.orm.em.getConnection();
    const short = TERMINAL.filter((s) => s !== 'expired').map((s) => `'${s}'`).join(', ');
    await conn.execute(`create index "drifted_idx" on "return_cases" ("id") where "status" not in (${short})`);
    await conn.execute(`create function "drifted_fn"(s case_status) returns boolean language sql as $$ select s in (${short}, 'rejected') $$`);
    const found = differing(await catalog(db)).map((d) => d.place);
    expect(found).toEqual(expect.arrayContaining(['index drifted_idx', 'function drifted_fn']));
    expect(differing([{ place: 'a client copy', text: `new Set(['refunded', 'exchanged', 'closed'])` }])).toHaveLength(1);
    await conn.execute(`drop index "drifted_idx"; drop function "drifted_fn"`);
  });
});
