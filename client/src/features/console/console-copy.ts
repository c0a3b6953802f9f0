import type { Role } from '../../gql/graphql';
import type { CaseTableColumns } from './components/CaseTable';

interface ConsoleCopy {
  heading: string;
  description: string;
  emptyTitle: string;
  emptyText: string;
  /** Who is on the other side of a case, from this role's point of view. */
  columns: CaseTableColumns;
  /** Where this role does its work. */
  links: ReadonlyArray<{ to: string; title: string; text: string }>;
}

export const CONSOLE_COPY: Record<Role, ConsoleCopy> = {
  CUSTOMER: {
    heading: 'Your returns',
    description: 'Every return you have requested, newest first.',
    emptyTitle: 'No returns yet',
    emptyText: 'When you ask to return items from a delivered order, the request appears here.',
    columns: { customer: false, merchant: true },
    links: [{ to: '/customer', title: 'Your returns', text: 'Follow each return from request to refund, message the merchant, cancel or dispute.' }],
  },
  MERCHANT: {
    heading: 'Returns on your orders',
    description: 'Cases customers opened on orders from your store, newest first.',
    emptyTitle: 'No return cases',
    emptyText: 'No customer has asked to return an order from your store yet.',
    columns: { customer: true, merchant: false },
    links: [
      { to: '/merchant', title: 'Waiting for your decision', text: 'Approve, reject or ask for information within your response deadline.' },
      { to: '/merchant?view=all', title: 'All returns', text: 'Every return on your orders, whatever its status.' },
    ],
  },
  OPS: {
    heading: 'All return cases',
    description: 'Every case across all merchants, newest first.',
    emptyTitle: 'No return cases',
    emptyText: 'There are no return cases on the platform yet.',
    columns: { customer: true, merchant: true },
    links: [
      { to: '/ops', title: 'Work the queue', text: 'Breached and urgent cases first, with SLA and risk at a glance.' },
      { to: '/ops?assignee=me', title: 'Assigned to me', text: 'The cases you have picked up.' },
      { to: '/ops?risk=HIGH', title: 'High-risk cases', text: 'Cases the model expects to escalate.' },
    ],
  },
  ADMIN: {
    heading: 'All return cases',
    description: 'Platform-wide view of every case across all merchants, newest first.',
    emptyTitle: 'No return cases',
    emptyText: 'There are no return cases on the platform yet.',
    columns: { customer: true, merchant: true },
    links: [
      { to: '/admin', title: 'Analytics', text: 'Volumes, approval and SLA figures with charts for any range.' },
      { to: '/admin?tab=models', title: 'Risk models', text: 'Compare model versions and choose the one that scores cases.' },
      { to: '/admin?tab=tokens', title: 'Partner API tokens', text: 'Give a merchant’s system access to the API; revoke it.' },
      { to: '/ops', title: 'Ops queue', text: 'Everything ops agents see, and the case workspace.' },
    ],
  },
};
