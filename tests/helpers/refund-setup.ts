import { FulfilmentEffects } from '../../server/src/modules/fulfilment/fulfilment-effects.js';
import { RefundService } from '../../server/src/modules/refunds/refund.service.js';
import type { Actor } from '../../server/src/modules/returns/actor.js';
import { CaseWorkflow } from '../../server/src/modules/returns/case-workflow.service.js';
import { CaseStatus, ItemCondition } from '../../server/src/modules/returns/return-case.enums.js';
import { ReturnCase } from '../../server/src/modules/returns/return-case.entity.js';
import { User } from '../../server/src/modules/users/user.entity.js';
import type { TestServer } from './test-server.js';

/**
 * The transaction of a passed inspection of a RECEIVED refund case, as `recordInspection` commits it (INSPECTED,
 * REFUND_PENDING, the refund row and its `refund.requested` outbox message), without the request's own provider
 * call after the commit — as when the API process dies right after committing. Only the queue can then pay.
 * With `rollback`, the transaction fails at its end instead.
 */
export async function openRefundWithoutCalling(server: TestServer, caseId: string, options: { rollback?: boolean } = {}): Promise<void> {
  const inspector = await server.orm.em.fork().findOneOrFail(User, { username: 'ops.demo' });
  const actor: Actor = { kind: 'ops', userId: inspector.id, merchantId: null, label: inspector.username };
  await server.orm.em.fork().transactional(async (tx) => {
    const rc = await tx.findOneOrFail(ReturnCase, caseId, { populate: ['items'] });
    for (const item of rc.items) {
      item.condition = ItemCondition.LIKE_NEW;
      item.restockable = false;
    }
    rc.inspectionPassed = true;
    const now = server.clock.now();
    await new CaseWorkflow(tx, null, server.clock, new FulfilmentEffects(server.deps)).applyTransition(tx, rc, CaseStatus.INSPECTED, actor, now, { dedicated: 'recordInspection' });
    await new RefundService(tx, server.deps).openCaseRefund(tx, rc, new Date(now.getTime() + 1));
    if (options.rollback) throw new Error('rolled back');
  });
}
