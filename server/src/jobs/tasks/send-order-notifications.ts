import type { Task } from 'graphile-worker';
import { OrderNotifications } from '../../modules/notifications/order-notifications.service.js';
import type { WorkerDeps } from '../worker-deps.js';
import { payloadStrings } from './payload.js';

/** The customer's e-mail about one order event (at least once; once per event). */
export const sendOrderNotificationsTask = (deps: WorkerDeps): Task => async (payload) => {
  const { orderId, eventId } = payloadStrings(payload, 'orderId', 'eventId');
  await new OrderNotifications(deps.orm.em.fork(), deps.mail, deps.config).send(orderId, eventId);
};
