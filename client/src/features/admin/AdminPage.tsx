import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import NotFoundPage from '../not-found/NotFoundPage';
import { AnalyticsPanel } from './analytics/AnalyticsPanel';
import { useQuery } from '@apollo/client/react';
import { DemoClockDocument, DemoClockPanel } from './demo-clock/DemoClockPanel';
import { MailboxPanel } from './mailbox/MailboxPanel';
import { MerchantsPanel } from './merchants/MerchantsPanel';
import { ModelRegistryPanel } from './models/ModelRegistryPanel';
import { StockList } from '../stock/StockList';
import { OrdersPanel } from './orders/OrdersPanel';
import { ApiTokensPanel } from './tokens/ApiTokensPanel';
import { UsersPanel } from './users/UsersPanel';
import { AdminRulesPanel } from '../rules/components/AdminRulesPanel';
import './admin.css';

const SECTIONS = [
  { key: 'analytics', label: 'Analytics', intro: 'Returns opened, decided and refunded over a date range.', Panel: AnalyticsPanel },
  { key: 'users', label: 'Users', intro: 'Everyone who signs in. Deactivating someone signs them out everywhere.', Panel: UsersPanel },
  { key: 'merchants', label: 'Merchants', intro: 'Each merchant’s return policy: window, response time, automatic decisions and fees.', Panel: MerchantsPanel },
  { key: 'rules', label: 'Return rules', intro: 'A merchant’s return rules, with the simulator to try a change on its past returns before saving it.', Panel: AdminRulesPanel },
  { key: 'orders', label: 'Orders', intro: 'Every order, newest first. An order not yet shipped can be cancelled with a reason the customer sees.', Panel: OrdersPanel },
  { key: 'stock', label: 'Stock', intro: 'Units in stock per SKU, for every merchant or one; low stock is highlighted.', Panel: () => <StockList chooseMerchant /> },
  { key: 'models', label: 'Risk models', intro: 'Versions of the escalation-risk model and which one scores cases.', Panel: ModelRegistryPanel },
  { key: 'tokens', label: 'Partner API tokens', intro: 'Tokens that let a merchant’s own system use the API.', Panel: ApiTokensPanel },
  { key: 'mailbox', label: 'Mailbox', intro: 'E-mails the local mail adapter kept instead of sending.', Panel: MailboxPanel },
  { key: 'clock', label: 'Demo clock', intro: 'Development only: move time ahead to see the 48-hour and 7-day rules fire.', Panel: DemoClockPanel },
] as const;

const sectionPath = (key: string) => (key === 'analytics' ? '/admin' : `/admin/${key}`);

/** /admin and /admin/:section — analytics, users, merchants and policies, the model registry, partner tokens, the mailbox. */
export default function AdminPage() {
  const { section: segment } = useParams();
  const [searchParams] = useSearchParams();
  // The demo clock's section is listed only where the API has one (development; null in production).
  const demoClock = useQuery(DemoClockDocument).data?.demoClock;
  const listed = SECTIONS.filter((s) => s.key !== 'clock' || demoClock);
  // Links from before sections had their own paths (/admin?tab=models).
  const legacy = searchParams.get('tab');
  if (!segment && legacy && SECTIONS.some((s) => s.key === legacy)) return <Navigate to={sectionPath(legacy)} replace />;
  const current = SECTIONS.find((s) => s.key === (segment ?? 'analytics'));
  if (!current || segment === 'analytics') return <NotFoundPage />;
  const { Panel } = current;
  return (
    <div className="page admin">
      <title>{`${current.label} · Admin · ReturnHub`}</title>
      <header className="page-header admin__header">
        <div>
          <p className="eyebrow">Administration</p>
          <h1>{current.label}</h1>
          <p className="muted">{current.intro}</p>
        </div>
        <nav className="segmented admin__sections" aria-label="Admin sections">
          {listed.map((s) => (
            <Link key={s.key} className="segmented__item" to={sectionPath(s.key)} aria-current={s.key === current.key ? 'page' : undefined}>
              {s.label}
            </Link>
          ))}
        </nav>
      </header>
      <Panel />
    </div>
  );
}
