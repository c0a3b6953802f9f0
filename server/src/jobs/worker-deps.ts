import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppDeps } from '../http/context.js';
import type { MailPort } from '../modules/notifications/mail.port.js';
import type { RiskRescorer } from '../modules/risk/risk-rescorer.js';
import type { WebhookHttpClient } from '../modules/webhooks/webhook-http.js';

/** What the job worker's tasks share: the app's deps plus the ports only background work uses. */
export interface WorkerDeps extends AppDeps {
  orm: MikroORM;
  mail: MailPort;
  /** The escalation-risk model; null until the lead wires it (rescore jobs then complete without scoring). */
  rescorer: RiskRescorer | null;
  webhookHttp: WebhookHttpClient;
}
