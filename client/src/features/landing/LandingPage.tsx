import { Link } from 'react-router';
import { useViewer } from '../../app/auth/auth-context';
import { consolePath } from '../../app/auth/roles';
import { Badge } from '../../components/Badge';
import { formatMoney } from '../../lib/money';
import './landing.css';

const ROLES = [
  {
    title: 'Customers',
    text: 'Open a return for a delivered order, add photos, ship it back and follow every step until the refund lands.',
  },
  {
    title: 'Merchants',
    text: 'Approve or reject within your response deadline, inspect what comes back and keep your return policy in force.',
  },
  {
    title: 'Returns operations',
    text: 'Work one queue across every merchant: deadlines first, risk scores, follow-ups, notes and dispute decisions.',
  },
  {
    title: 'Administrators',
    text: 'Manage users, merchants and their policies, the escalation-risk model and the full audit trail.',
  },
] as const;

const STEPS = ['Request', 'Review', 'Ship back', 'Inspect', 'Refund or exchange'] as const;

/** A picture of one case's journey: decoration, so hidden from assistive technology. */
function CasePreview() {
  const milestones = [
    { label: 'Return requested with 2 photos', when: 'Mon 09:12' },
    { label: 'Approved by the merchant', when: 'Mon 11:40' },
    { label: 'Parcel received and inspected', when: 'Thu 15:05' },
    { label: `Refund of ${formatMoney(12990, 'EUR', 'en-GB')} confirmed`, when: 'Thu 15:06' },
  ];
  return (
    <div className="landing-preview" aria-hidden="true">
      <div className="landing-preview__head">
        <span className="landing-preview__number">RET-2611-000032</span>
        <Badge tone="success">Refunded</Badge>
      </div>
      <p className="landing-preview__meta">1 × Trail running shoes · Northwind Goods</p>
      <ol className="landing-preview__timeline">
        {milestones.map((milestone) => (
          <li key={milestone.label}>
            <span>{milestone.label}</span>
            <span className="landing-preview__when">{milestone.when}</span>
          </li>
        ))}
      </ol>
      <div className="landing-preview__footer">
        <span>Escalation risk</span>
        <Badge tone="success">Low · 0.08</Badge>
        <span>Resolved 2 days inside SLA</span>
      </div>
    </div>
  );
}

export default function LandingPage() {
  const viewer = useViewer();
  return (
    <>
      <title>ReturnHub · Returns management for online retail</title>
      <section className="landing-hero">
        <div className="landing-hero__inner">
          <div className="landing-hero__copy">
            <p className="landing-hero__eyebrow">Returns management for online retail</p>
            <h1 className="landing-hero__title">Every return, resolved on time.</h1>
            <p className="landing-hero__lead">
              ReturnHub takes a return from the customer&rsquo;s request to the refund: merchants and the operations team
              decide, goods travel back and are inspected, and every step is audited, every deadline watched and every case
              scored for escalation risk.
            </p>
            <div className="landing-hero__actions">
              {viewer ? (
                <Link className="button button--primary button--large" to={consolePath(viewer.role)}>
                  Go to your console
                </Link>
              ) : (
                <Link className="button button--primary button--large" to="/login">
                  Sign in
                </Link>
              )}
              <a className="button button--secondary button--large" href="/graphiql">
                Explore the API
              </a>
            </div>
          </div>
          <CasePreview />
          <ol className="landing-steps" aria-label="How a return moves">
            {STEPS.map((step, index) => (
              <li key={step} className="landing-steps__step">
                <span className="landing-steps__number" aria-hidden="true">
                  {index + 1}
                </span>
                {step}
              </li>
            ))}
          </ol>
        </div>
      </section>
      <section className="page landing-roles" aria-labelledby="roles-title">
        <h2 id="roles-title" className="landing-roles__title">
          One app for everyone who touches a return
        </h2>
        <ul className="landing-roles__grid">
          {ROLES.map((role) => (
            <li key={role.title} className="landing-roles__card">
              <h3>{role.title}</h3>
              <p>{role.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
