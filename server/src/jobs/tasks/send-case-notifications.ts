import type { Task } from 'graphile-worker';
import { CaseNotifications } from '../../modules/notifications/case-notifications.service.js';
import type { WorkerDeps } from '../worker-deps.js';
import { payloadStrings } from './payload.js';

/** The milestone e-mails of one audit event (at least once; each recipient once per event). */
export const sendCaseNotificationsTask = (deps: WorkerDeps): Task => async (payload) => {
  const { caseId, eventId, type } = payloadStrings(payload, 'caseId', 'eventId', 'type');
  const to = (payload as { to?: unknown }).to;
  await new CaseNotifications(deps.orm.em.fork(), deps.mail, deps.config).send({ caseId, eventId, type, to: typeof to === 'string' ? to : null });
};
