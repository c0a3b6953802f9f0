import { LoadStrategy } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader } from '../../shared/batch-loader.js';
import type { Clock } from '../../shared/clock.js';
import type { Viewer } from '../auth/viewer.js';
import { isStaff } from '../auth/viewer.js';
import { actorOf } from './actor.js';
import { CaseEvent } from './case-event.entity.js';
import { CaseNote } from './case-note.entity.js';
import { NoteVisibility, isActiveStatus } from './return-case.enums.js';
import type { CaseRoot } from './case-row.js';
import type { AvailableTransition } from './return-case.types.js';
import { availableTransitions } from './transitions.js';

/** Audit events that only ops and admins see (they reveal internal work, risk, or the provider's errors). */
export const STAFF_ONLY_EVENTS = ['internal_note_added', 'risk_scored', 'assigned', 'refund_retries_exhausted'];

/** What a case shows to its viewer: thread, internal notes, timeline, allowed moves, SLA state. */
/** Rows of several cases, by case id, in the order the query returned them. */
function groupByCase<T extends { returnCase: { id: string } }>(ids: string[], rows: T[]): Map<string, T[]> {
  const byCase = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) byCase.get(row.returnCase.id)?.push(row);
  return byCase;
}

export class CaseDetails {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly clock: Clock,
  ) {}

  // Notes and events of several cases (a list's rows) load with one query each: batched per tick, once per case.
  private readonly notes = new Map<string, Promise<CaseNote[]>>();
  private readonly loadNotes = batchLoader((ids: string[]) => {
    const visibility = isStaff(this.viewer) ? [NoteVisibility.MESSAGE, NoteVisibility.INTERNAL] : [NoteVisibility.MESSAGE];
    return this.em
      .find(CaseNote, { returnCase: { $in: ids }, visibility: { $in: visibility } }, { orderBy: { createdAt: 'asc', id: 'asc' }, populate: ['author'], strategy: LoadStrategy.JOINED })
      .then((notes) => groupByCase(ids, notes));
  });
  private readonly loadEvents = batchLoader((ids: string[]) => {
    const where = isStaff(this.viewer) ? { returnCase: { $in: ids } } : { returnCase: { $in: ids }, type: { $nin: STAFF_ONLY_EVENTS } };
    return this.em.find(CaseEvent, where, { orderBy: { createdAt: 'asc', id: 'asc' } }).then((events) => groupByCase(ids, events));
  });

  /** The notes of a case the viewer may read (internal ones for staff only), loaded once per request. */
  private notesOf(rc: CaseRoot): Promise<CaseNote[]> {
    let loading = this.notes.get(rc.id);
    if (!loading) {
      loading = this.loadNotes(rc.id).then((notes) => notes ?? []);
      this.notes.set(rc.id, loading);
    }
    return loading;
  }

  async messages(rc: CaseRoot): Promise<CaseNote[]> {
    return (await this.notesOf(rc)).filter((note) => note.visibility === NoteVisibility.MESSAGE);
  }

  /** Only reachable for ops and admins: the shield map guards the field. */
  async internalNotes(rc: CaseRoot): Promise<CaseNote[]> {
    return (await this.notesOf(rc)).filter((note) => note.visibility === NoteVisibility.INTERNAL);
  }

  async timeline(rc: CaseRoot): Promise<CaseEvent[]> {
    return (await this.loadEvents(rc.id)) ?? [];
  }

  availableTransitions(rc: CaseRoot): AvailableTransition[] {
    if (!this.viewer) return [];
    return availableTransitions(rc, actorOf(this.viewer), this.clock.now()).map((t) => ({
      to: t.to,
      action: t.action,
      requiresNote: t.requiresNote ?? false,
      operation: t.dedicated ?? 'transitionReturnCase',
    }));
  }

  slaBreached(rc: CaseRoot): boolean {
    return isActiveStatus(rc.status) && rc.slaDueAt < this.clock.now();
  }
}
