import type { EntityManager } from '@mikro-orm/postgresql';
import { Order } from '../orders/order.entity.js';
import { Refund } from '../refunds/refund.entity.js';
import { byIdLoader, childrenLoader } from '../../db/batched-loads.js';
import { preparedRows } from '../../db/plain-rows.js';
import { batchLoader } from '../../shared/batch-loader.js';
import type { Clock } from '../../shared/clock.js';
import type { Viewer } from '../auth/viewer.js';
import { isStaff } from '../auth/viewer.js';
import { actorOf } from './actor.js';
import { type AuditExport, type AuditExportFormat, exportCaseAudit } from './audit-export.js';
import { audienceOf, hiddenEventTypesFor, visibleEventRows } from './case-event-visibility.js';
import { CaseStatus, NoteVisibility, isActiveStatus } from './return-case.enums.js';
import { type CaseEventRow, type CaseNoteRow, type CaseRow, type ReturnItemRow, caseEventsSql, caseItemsSql, caseNotesSql, eventRowsOf, itemRowsOf, noteRowsOf } from './case-row.js';
import type { AvailableTransition } from './return-case.types.js';
import { disputeDeadline, shipDeadline } from './sla.js';
import { availableTransitions } from './transitions.js';

/** The note kinds a viewer reads: internal notes are for ops and admins only. */
export function visibleNoteKinds(viewer: Viewer | null): NoteVisibility[] {
  return isStaff(viewer) ? [NoteVisibility.MESSAGE, NoteVisibility.INTERNAL] : [NoteVisibility.MESSAGE];
}

/** The audit event types hidden from a viewer (the one rule: case-event-visibility.ts). */
export function hiddenEventTypes(viewer: Viewer | null): string[] {
  return hiddenEventTypesFor(audienceOf(viewer));
}

type NoteJson = Parameters<typeof noteRowsOf>[1][number];
type ItemJson = Parameters<typeof itemRowsOf>[1][number];

/** Rows of several cases, by case id, in the order the query returned them, each made into a `T`. */
function groupByCase<R extends { return_case_id: string }, T>(ids: string[], rows: R[], make: (row: R) => T): Map<string, T[]> {
  const byCase = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) byCase.get(row.return_case_id)?.push(make(row));
  return byCase;
}

/** What a case shows to its viewer: items, refunds, exchange order, thread, internal notes, timeline, allowed moves, SLA state. */
export class CaseDetails {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly clock: Clock,
  ) {}

  // Items, notes and events of several cases (a list's rows) load with one statement each, batched per tick and once
  // per case, as plain rows (db/plain-rows.ts): they are only read.
  private readonly loadItems = batchLoader(async (ids: string[]) => {
    const rows = await preparedRows<{ return_case_id: string; item: ItemJson }>(this.em, caseItemsSql('ri.return_case_id = any($1::uuid[])'), [ids]);
    return groupByCase(ids, rows, (row) => itemRowsOf(this.em, [row.item])[0]);
  });
  private readonly notes = new Map<string, Promise<CaseNoteRow[]>>();
  private readonly loadNotes = batchLoader(async (ids: string[]) => {
    const sql = caseNotesSql(this.em, 'n.return_case_id = any($1::uuid[])', '$2::text[]');
    const rows = await preparedRows<{ return_case_id: string; note: NoteJson }>(this.em, sql, [ids, visibleNoteKinds(this.viewer)]);
    return groupByCase(ids, rows, (row) => noteRowsOf(this.em, [row.note])[0]);
  });
  private readonly loadEvents = batchLoader(async (ids: string[]) => {
    const sql = caseEventsSql('e.return_case_id = any($1::uuid[])', '$2::text[]');
    const rows = await preparedRows<{ return_case_id: string; event: Record<string, unknown> }>(this.em, sql, [ids, hiddenEventTypes(this.viewer)]);
    return groupByCase(ids, rows, (row) => eventRowsOf(this.em, [row.event])[0]);
  });

  // Refunds and exchange orders are entities (their own field resolvers take entities), loaded in batches as well.
  private readonly loadRefunds = childrenLoader(this.em, Refund, 'returnCase', { createdAt: 'asc', id: 'asc' });
  private readonly loadOrders = byIdLoader(this.em, Order);

  /** The case's return items with their order lines, oldest position first. */
  async items(rc: CaseRow): Promise<ReturnItemRow[]> {
    return rc.items ?? (await this.loadItems(rc.id)) ?? []; // or read with the case (the case page)
  }

  /** The case's refund attempts, oldest first. */
  refunds(rc: CaseRow): Promise<Refund[]> {
    return this.loadRefunds(rc.id);
  }

  /** The replacement order of an exchange, if any. */
  async exchangeOrder(rc: CaseRow): Promise<Order | null> {
    return rc.exchangeOrder ? ((await this.loadOrders(rc.exchangeOrder.id)) ?? null) : null;
  }

  /** One note as the thread shows it (`addCaseNote` answers with it, read after its commit). */
  async note(id: string): Promise<CaseNoteRow> {
    const sql = caseNotesSql(this.em, 'n.id = $1::uuid', '$2::text[]');
    const [row] = await preparedRows<{ note: NoteJson }>(this.em, sql, [id, visibleNoteKinds(this.viewer)]);
    return noteRowsOf(this.em, [row.note])[0];
  }

  /** The notes of a case the viewer may read (internal ones for staff only), loaded once per request. */
  private notesOf(rc: CaseRow): Promise<CaseNoteRow[]> {
    if (rc.notes) return Promise.resolve(rc.notes); // read with the case (the case page)
    let loading = this.notes.get(rc.id);
    if (!loading) {
      loading = this.loadNotes(rc.id).then((notes) => notes ?? []);
      this.notes.set(rc.id, loading);
    }
    return loading;
  }

  async messages(rc: CaseRow): Promise<CaseNoteRow[]> {
    return (await this.notesOf(rc)).filter((note) => note.visibility === NoteVisibility.MESSAGE);
  }

  /** Only reachable for ops and admins: the shield map guards the field. */
  async internalNotes(rc: CaseRow): Promise<CaseNoteRow[]> {
    return (await this.notesOf(rc)).filter((note) => note.visibility === NoteVisibility.INTERNAL);
  }

  /** The events the viewer may see, as they may see them (case-event-visibility.ts): payloads projected, actors named. */
  async timeline(rc: CaseRow): Promise<CaseEventRow[]> {
    const events = rc.events ?? ((await this.loadEvents(rc.id)) ?? []); // or read with the case (the case page)
    return visibleEventRows(events, this.viewer);
  }

  availableTransitions(rc: CaseRow): AvailableTransition[] {
    if (!this.viewer) return [];
    return availableTransitions(rc, actorOf(this.viewer), this.clock.now()).map((t) => ({
      to: t.to,
      action: t.action,
      requiresNote: t.requiresNote,
      operation: t.dedicated ?? 'transitionReturnCase',
      forMerchant: t.forMerchant,
    }));
  }

  /** `caseAuditExport`: the case's audit trail (audit-export.ts). */
  exportAudit(caseId: string, format: AuditExportFormat): Promise<AuditExport> {
    return exportCaseAudit(this.em, this.viewer, caseId, format);
  }

  /** While a return is approved (and once it expired unshipped): the last moment to ship the items, the rule the API enforces. */
  shipBy(rc: CaseRow): Date | null {
    const shipping = rc.status === CaseStatus.APPROVED || rc.status === CaseStatus.EXPIRED;
    return shipping && rc.decidedAt ? shipDeadline(rc.decidedAt) : null;
  }

  /** While a rejection has not been disputed: the last moment to dispute it, the rule the API enforces. */
  disputableUntil(rc: CaseRow): Date | null {
    return rc.status === CaseStatus.REJECTED && !rc.disputedAt && rc.decidedAt ? disputeDeadline(rc.decidedAt) : null;
  }

  slaBreached(rc: CaseRow): boolean {
    return isActiveStatus(rc.status) && rc.slaDueAt < this.clock.now();
  }
}
