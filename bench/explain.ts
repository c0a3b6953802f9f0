/**
 * `npm run bench:explain`: the ops queue's statement, `EXPLAIN (ANALYZE, BUFFERS)` on the volume database, for page 1,
 * a deep page, the cursor at depth and the search forms. Writes bench/results/queue-explain-<date>.md, so the plan
 * that answers the queue at a million cases can be read (and compared after a change) without running the load.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { projectRoot } from '../server/src/config.js';
import { ormConfig } from '../server/src/db/orm-config.js';
import { queueAfterSql, queuePageSql } from '../server/src/modules/queue/queue-sql.js';
import { caseJoinsSql } from '../server/src/modules/returns/case-row.js';
import { CasePriority, CaseStatus, TERMINAL_STATUSES } from '../server/src/modules/returns/return-case.enums.js';
import { parseArgs } from './args.js';
import { DEFAULT_ANCHOR, DEFAULT_SEED, cloneForRun, ensureVolume, startBenchPostgres } from './database.js';

const args = parseArgs(process.argv.slice(2), { cases: 1_000_000, seed: DEFAULT_SEED, out: join(projectRoot, 'bench', 'results') });
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Knex's `?` placeholders as PostgreSQL's `$n`, as the queue service sends them. */
const numbered = (sql: string) => {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};

async function main() {
  const server = await startBenchPostgres();
  let drop: (() => Promise<void>) | undefined;
  try {
    const volume = await ensureVolume(server, { cases: args.cases, seed: args.seed, anchor: DEFAULT_ANCHOR, log: say });
    const run = await cloneForRun(server, volume.name);
    drop = run.drop;
    const orm = await MikroORM.init(ormConfig(run.url, { debug: false }));
    const em = orm.em.fork();
    const related = caseJoinsSql(em); // the joins the queue service sends (returns/case-row.ts)
    await orm.close(true);

    const client = new pg.Client({ connectionString: run.url });
    await client.connect();
    const now = new Date(new Date(volume.meta.anchor).getTime() + 5_000);
    const { rows: [counts] } = await client.query(`select (select count(*)::int from return_cases) as cases,
      (select count(*)::int from return_cases where status <> all($1::case_status[])) as active`, [[...TERMINAL_STATUSES]]);
    // A case, its customer and its order from the middle of the volume, for the search forms.
    const { rows: [sample] } = await client.query(`select rc.number, o.number as order_number, u.email, u.display_name
      from return_cases rc join orders o on o.id = rc.order_id join users u on u.id = rc.customer_id
      order by rc.created_at desc, rc.id limit 1 offset $1`, [Math.floor(counts.cases / 200)]);
    // The position after 15,000 rows, for the cursor at depth.
    const depth = Math.min(15_000, Math.floor(counts.cases / 2 / 15) * 15);
    const walk = queueAfterSql(null, now, null, depth, related);
    const { rows: walked } = await client.query(numbered(walk.sql), walk.params);
    const last = walked[walked.length - 1];
    const position = { segment: last.seg, slaDueAt: last.sla_due_at, createdAt: last.created_at, id: last.id };

    const forms: Array<[string, { sql: string; params: unknown[] }]> = [
      ['Page 1', queuePageSql(null, now, 1, 15, related)],
      [`Page ${depth / 15 + 1} (${depth.toLocaleString('en-US')} rows in)`, queuePageSql(null, now, depth / 15 + 1, 15, related)],
      [`Cursor after ${depth.toLocaleString('en-US')} rows`, queueAfterSql(null, now, position, 16, related)],
      ['Page 1, status IN_REVIEW and priority HIGH', queuePageSql({ status: CaseStatus.IN_REVIEW, priority: CasePriority.HIGH }, now, 1, 15, related)],
      [`Search by case number "${sample.number}"`, queuePageSql({ search: sample.number }, now, 1, 15, related)],
      [`Search by order number "${sample.order_number}"`, queuePageSql({ search: sample.order_number }, now, 1, 15, related)],
      [`Search by customer e-mail "${sample.email}"`, queuePageSql({ search: sample.email }, now, 1, 15, related)],
      [`Search by customer name "${sample.display_name}"`, queuePageSql({ search: sample.display_name }, now, 1, 15, related)],
    ];
    const sections: string[] = [];
    const table: string[] = ['| form | rows | planning ms | execution ms |', '|---|---:|---:|---:|'];
    for (const [label, { sql, params }] of forms) {
      const text = numbered(sql);
      const { rows } = await client.query(text, params); // warm the cache, as a working server's would be
      const plan = (await client.query(`explain (analyze, buffers) ${text}`, params)).rows.map((r) => r['QUERY PLAN'] as string);
      const ms = (name: string) => plan.find((l) => l.startsWith(name))?.replace(/^.*: ([\d.]+) ms$/, '$1') ?? '?';
      table.push(`| ${label} | ${rows.filter((r) => r.id).length} | ${ms('Planning Time')} | ${ms('Execution Time')} |`);
      sections.push(`## ${label}\n\nParameters: \`${JSON.stringify(params.map((p) => (p instanceof Date ? p.toISOString() : p)))}\`\n\n\`\`\`\n${plan.join('\n')}\n\`\`\`\n`);
      say(`  ${label}: planning ${ms('Planning Time')} ms, execution ${ms('Execution Time')} ms`);
    }
    await client.end();

    const date = new Date().toISOString().slice(0, 10);
    mkdirSync(args.out, { recursive: true });
    const file = join(args.out, `queue-explain-${date}.md`);
    writeFileSync(file, [
      `# The ops queue's statement, EXPLAIN ANALYZE — ${date}`,
      '',
      `${counts.cases.toLocaleString('en-US')} cases (${counts.active.toLocaleString('en-US')} active), database ${volume.name}; PostgreSQL ${server.describe}.`,
      'One statement answers a queue request (the other statement of a request is the session lookup); its text is',
      'built by `server/src/modules/queue/queue-sql.ts`. Each form ran once to warm the cache, then under EXPLAIN.',
      '',
      ...table,
      '',
      '## The statement (page 1)',
      '',
      '```sql',
      numbered(forms[0][1].sql),
      '```',
      '',
      ...sections,
    ].join('\n'));
    say(`✓ ${file}`);
  } finally {
    await drop?.();
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
