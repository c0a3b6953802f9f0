import { registerEnumType } from 'type-graphql';

export enum Role {
  ADMIN = 'admin',
  OPS = 'ops',
  CUSTOMER = 'customer',
  MERCHANT = 'merchant',
}
registerEnumType(Role, { name: 'Role', description: 'What a signed-in user is. Partner tokens act as MERCHANT.' });

/** What happens when a merchant lets its response deadline pass. */
export enum SlaTimeoutAction {
  ESCALATE = 'escalate',
  AUTO_APPROVE = 'auto_approve',
  AUTO_REJECT = 'auto_reject',
}
registerEnumType(SlaTimeoutAction, { name: 'SlaTimeoutAction' });
