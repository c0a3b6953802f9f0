import type { Role } from '../../gql/graphql';
import type { CaseTableColumns } from './components/CaseTable';

interface ConsoleCopy {
  heading: string;
  description: string;
  emptyTitle: string;
  emptyText: string;
  /** Who is on the other side of a case, from this role's point of view. */
  columns: CaseTableColumns;
}

export const CONSOLE_COPY: Record<Role, ConsoleCopy> = {
  CUSTOMER: {
    heading: 'Your returns',
    description: 'Every return you have requested, newest first.',
    emptyTitle: 'No returns yet',
    emptyText: 'When you ask to return items from a delivered order, the request appears here.',
    columns: { customer: false, merchant: true },
  },
  MERCHANT: {
    heading: 'Returns on your orders',
    description: 'Cases customers opened on orders from your store, newest first.',
    emptyTitle: 'No return cases',
    emptyText: 'No customer has asked to return an order from your store yet.',
    columns: { customer: true, merchant: false },
  },
  OPS: {
    heading: 'All return cases',
    description: 'Every case across all merchants, newest first.',
    emptyTitle: 'No return cases',
    emptyText: 'There are no return cases on the platform yet.',
    columns: { customer: true, merchant: true },
  },
  ADMIN: {
    heading: 'All return cases',
    description: 'Platform-wide view of every case across all merchants, newest first.',
    emptyTitle: 'No return cases',
    emptyText: 'There are no return cases on the platform yet.',
    columns: { customer: true, merchant: true },
  },
};
