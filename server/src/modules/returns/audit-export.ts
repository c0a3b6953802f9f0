import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Viewer } from '../auth/viewer.js';
import { preparedRows } from '../../db/plain-rows.js';
import { findVisibleCase } from '../access/access.js';
import { hiddenEventTypes } from './case-details.service.js';
import { visibleEventRows } from './case-event-visibility.js';
import { caseEventsSql, eventRowsOf } from './case-row.js';

export enum AuditExportFormat {
  JSON = 'json',
  CSV = 'csv',
}
registerEnumType(AuditExportFormat, { name: 'AuditExportFormat' });

@ObjectType({ simpleResolvers: true, description: "A case's complete audit trail as a file." })
export class AuditExport {
  @Field() fileName!: string;
  @Field() contentType!: string;
  @Field() content!: string;
}

const COLUMNS = ['id', 'createdAt', 'type', 'actor', 'fromStatus', 'toStatus', 'payload'] as const;

/** RFC 4180 field quoting; a leading =, +, - or @ is neutralised so spreadsheets do not run it as a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Every event of the case the viewer may see (all of them: only ops and admins may export), oldest first (same instant: in the order written), as JSON or CSV. */
export async function exportCaseAudit(em: EntityManager, viewer: Viewer | null, caseId: string, format: AuditExportFormat): Promise<AuditExport> {
  const rc = await findVisibleCase(em, viewer, caseId);
  // Read and shown like the timeline, through the one visibility rule (all of it for ops and admins, who alone may export).
  const read = await preparedRows<{ event: Record<string, unknown> }>(em, caseEventsSql('e.return_case_id = $1', '$2::text[]'), [rc.id, hiddenEventTypes(viewer)]);
  const events = visibleEventRows(eventRowsOf(em, read.map((r) => r.event)), viewer);
  const rows = events.map((e) => ({
    id: e.id,
    createdAt: e.createdAt.toISOString(),
    type: e.type,
    actor: e.actorLabel,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    payload: e.payload,
  }));
  if (format === AuditExportFormat.JSON) {
    return {
      fileName: `${rc.number}-audit.json`,
      contentType: 'application/json',
      content: JSON.stringify({ case: { id: rc.id, number: rc.number, status: rc.status }, exportedAt: new Date().toISOString(), events: rows }, null, 2),
    };
  }
  const lines = [COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(COLUMNS.map((c) => csvField(c === 'payload' ? JSON.stringify(row.payload) : String(row[c] ?? ''))).join(','));
  }
  return { fileName: `${rc.number}-audit.csv`, contentType: 'text/csv', content: `${lines.join('\r\n')}\r\n` };
}
