import { Link, useSearchParams } from 'react-router';
import { AnalyticsPanel } from './analytics/AnalyticsPanel';
import { ApiTokensPanel } from './tokens/ApiTokensPanel';
import { ModelRegistryPanel } from './models/ModelRegistryPanel';
import './admin.css';

const TABS = [
  { key: 'analytics', label: 'Analytics' },
  { key: 'models', label: 'Risk models' },
  { key: 'tokens', label: 'Partner API tokens' },
] as const;

type Tab = (typeof TABS)[number]['key'];

/** /admin: analytics for a date range, the escalation-risk model registry, and partner API tokens. */
export default function AdminPage() {
  const [searchParams] = useSearchParams();
  const tab: Tab = TABS.find((t) => t.key === searchParams.get('tab'))?.key ?? 'analytics';
  const current = TABS.find((t) => t.key === tab)!;
  return (
    <div className="page admin">
      <title>{`${current.label} · Admin · ReturnHub`}</title>
      <header className="page-header admin__header">
        <div>
          <p className="eyebrow">Administration</p>
          <h1>{current.label}</h1>
        </div>
        <nav className="segmented" aria-label="Admin sections">
          {TABS.map((t) => (
            <Link key={t.key} className="segmented__item" to={t.key === 'analytics' ? '/admin' : `/admin?tab=${t.key}`} aria-current={t.key === tab ? 'page' : undefined}>
              {t.label}
            </Link>
          ))}
        </nav>
      </header>
      {tab === 'analytics' ? <AnalyticsPanel /> : null}
      {tab === 'models' ? <ModelRegistryPanel /> : null}
      {tab === 'tokens' ? <ApiTokensPanel /> : null}
    </div>
  );
}
