// The volume's shape: how far back it reaches, the names and goods it draws from, and the path each case took to its
// status (see volume.ts).

/** Cases are spread over this many days before the anchor. */
export const HISTORY_DAYS = 730;
/** Delivered orders without a return, for benchmarks that open cases: at least this many, or 5 % of the cases. */
export const MIN_FRESH_ORDERS = 6_000;
export type Priority = 'low' | 'medium' | 'high' | 'urgent';
export type Reason = 'defective_damaged' | 'wrong_item' | 'not_as_described' | 'changed_mind' | 'other';
export const TERMINAL = new Set(['refunded', 'exchanged', 'returned_to_customer', 'cancelled', 'expired', 'closed']);

export const FIRST = ['Ava', 'Liam', 'Mia', 'Noah', 'Zoe', 'Omar', 'Lena', 'Ivan', 'Sofia', 'Kenji', 'Amara', 'Lucas', 'Priya', 'Mateo', 'Chloe', 'Yusuf', 'Hana', 'Diego', 'Freya', 'Tariq'];
export const LAST = ['Smith', 'Garcia', 'Chen', 'Okafor', 'Novak', 'Silva', 'Kowalski', 'Haddad', 'Tanaka', 'Murphy', 'Rossi', 'Larsen', 'Patel', 'Dubois', 'Moreau', 'Nguyen', 'Fischer', 'Alvarez', 'Khan', 'Berg'];
export const GOODS = ['Headphones', 'Kettle', 'Desk lamp', 'Hiking boots', 'Rain jacket', 'Mug set', 'Wristwatch', 'Scarf', 'Speaker', 'Planter', 'Rug', 'Backpack', 'Blender', 'Sneakers', 'Monitor', 'Keyboard', 'Yoga mat', 'Cookware set', 'Sunglasses', 'Phone case'];
export const DESCRIPTIONS: Record<Reason, string> = {
  defective_damaged: 'Arrived damaged and does not work.',
  wrong_item: 'Received a different model than the one ordered.',
  not_as_described: 'Does not match the listing.',
  changed_mind: 'No longer needed; unopened.',
  other: 'Duplicate gift.',
};

/** The path from `submitted` to each status, and who moves it (a shortened copy of the workflow's usual routes). */
export const PATHS: Record<string, Array<[string, 'ops' | 'merchant' | 'customer' | 'system']>> = {
  submitted: [],
  in_review: [['in_review', 'merchant']],
  waiting_customer: [['in_review', 'ops'], ['waiting_customer', 'ops']],
  waiting_merchant: [['in_review', 'ops'], ['waiting_merchant', 'ops']],
  approved: [['in_review', 'merchant'], ['approved', 'merchant']],
  rejected: [['in_review', 'merchant'], ['rejected', 'merchant']],
  disputed: [['in_review', 'merchant'], ['rejected', 'merchant'], ['disputed', 'customer']],
  closed: [['in_review', 'merchant'], ['rejected', 'merchant'], ['closed', 'system']],
  in_transit: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer']],
  expired: [['in_review', 'merchant'], ['approved', 'merchant'], ['expired', 'system']],
  received: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer'], ['received', 'merchant']],
  inspected: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer'], ['received', 'merchant'], ['inspected', 'merchant']],
  refund_pending: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer'], ['received', 'merchant'], ['inspected', 'merchant'], ['refund_pending', 'system']],
  refund_failed: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer'], ['received', 'merchant'], ['inspected', 'merchant'], ['refund_pending', 'system'], ['refund_failed', 'system']],
  refunded: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer'], ['received', 'merchant'], ['inspected', 'merchant'], ['refund_pending', 'system'], ['refunded', 'system']],
  exchanged: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer'], ['received', 'merchant'], ['inspected', 'merchant'], ['exchanged', 'system']],
  returned_to_customer: [['in_review', 'merchant'], ['approved', 'merchant'], ['in_transit', 'customer'], ['received', 'merchant'], ['inspected', 'merchant'], ['returned_to_customer', 'merchant']],
  cancelled: [['cancelled', 'customer']],
};

export interface Person {
  id: string;
  username: string;
}
export interface Merchant extends Person {
  profileId: string;
  windowDays: number;
  slaHours: number;
  restockingPercent: number;
  products: Array<{ id: string; sku: string; name: string; price: number }>;
}
