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

/** When a merchant's refund (or store credit) is paid (issue 22 §4): at approval, at the first carrier scan (IN_TRANSIT), on delivery to the warehouse (RECEIVED), or after inspection (the default). */
export enum RefundTiming {
  AT_APPROVAL = 'at_approval',
  FIRST_CARRIER_SCAN = 'first_carrier_scan',
  WAREHOUSE_DELIVERY = 'warehouse_delivery',
  AFTER_INSPECTION = 'after_inspection',
}
registerEnumType(RefundTiming, {
  name: 'RefundTiming',
  description: 'When money moves: AT_APPROVAL, FIRST_CARRIER_SCAN (the move to IN_TRANSIT), WAREHOUSE_DELIVERY (the move to RECEIVED), or AFTER_INSPECTION (the default). A refund paid before inspection is reconciled at inspection.',
});
