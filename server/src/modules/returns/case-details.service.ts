import { LoadStrategy } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../shared/clock.js';
import type { Viewer } from '../auth/viewer.js';
import { isStaff } from '../auth/viewer.js';
import { actorOf } from './actor.js';
import { CaseEvent } from './case-event.entity.js';
import { CaseNote } from './case-note.entity.js';
import { NoteVisibility, isActiveStatus } from './return-case.enums.js';
import type { ReturnCase } from './return-case.entity.js';
import type { AvailableTransition } from './return-case.types.js';
import { availableTransitions } from './transitions.js';

/** Audit events that only ops and admins see (they reveal internal work, risk, or the provider's errors). */
export const STAFF_ONLY_EVENTS = ['internal_note_added', 'risk_scored', 'assigned', 'refund_retries_exhausted'];

/** What a case shows to its viewer: thread, internal notes, timeline, allowed moves, SLA state. */
export class CaseDetails {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly clock: Clock,
  ) {}

  /** The notes of a case the viewer may read (internal ones for staff only), loaded once per request. */
  private readonly notes = new Map<string, Promise<CaseNote[]>>();

  private notesOf(rc: ReturnCase): Promise<CaseNote[]> {
    let loading = this.notes.get(rc.id);
    if (!loading) {
      const visibility = isStaff(this.viewer) ? [NoteVisibility.MESSAGE, NoteVisibility.INTERNAL] : [NoteVisibility.MESSAGE];
      loading = this.em.find(CaseNote, { returnCase: rc, visibility: { $in: visibility } }, { orderBy: { createdAt: 'asc', id: 'asc' }, populate: ['author'], strategy: LoadStrategy.JOINED });
      this.notes.set(rc.id, loading);
    }
    return loading;
  }

  async messages(rc: ReturnCase): Promise<CaseNote[]> {
    return (await this.notesOf(rc)).filter((note) => note.visibility === NoteVisibility.MESSAGE);
  }

  /** Only reachable for ops and admins: the shield map guards the field. */
  async internalNotes(rc: ReturnCase): Promise<CaseNote[]> {
    return (await this.notesOf(rc)).filter((note) => note.visibility === NoteVisibility.INTERNAL);
  }

  timeline(rc: ReturnCase): Promise<CaseEvent[]> {
    const where = isStaff(this.viewer) ? { returnCase: rc } : { returnCase: rc, type: { $nin: STAFF_ONLY_EVENTS } };
    return this.em.find(CaseEvent, where, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async availableTransitions(rc: ReturnCase): Promise<AvailableTransition[]> {
    if (!this.viewer) return [];
    await this.em.populate(rc, ['items']);
    return availableTransitions(rc, actorOf(this.viewer), this.clock.now()).map((t) => ({
      to: t.to,
      action: t.action,
      requiresNote: t.requiresNote ?? false,
      operation: t.dedicated ?? 'transitionReturnCase',
    }));
  }

  slaBreached(rc: ReturnCase): boolean {
    return isActiveStatus(rc.status) && rc.slaDueAt < this.clock.now();
  }
}
