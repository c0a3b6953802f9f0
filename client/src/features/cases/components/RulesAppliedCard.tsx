import { useQuery } from '@apollo/client/react';
import { graphql } from '../../../gql';
import { formatMoney } from '../../../lib/money';

/** The case's matched rules, asked for apart from the case page's selection: only the merchant and staff may read them. */
export const CaseMatchedRulesDocument = graphql(`
  query CaseMatchedRules($id: ID!) {
    returnCase(id: $id) {
      id
      matchedRules {
        ruleId
        name
        version
        actions
      }
    }
  }
`);

export interface AppliedRule {
  ruleId: string;
  name: string;
  version: number;
  actions: Array<Record<string, unknown>>;
}

/** One action of a rule in words (the stored shape: docs/return-rules.md). */
export function describeAction(action: Record<string, unknown>, currency: string): string {
  switch (action.type) {
    case 'AUTO_APPROVE':
      return 'Approve automatically';
    case 'REVIEW':
      return `Review by ops, ${String(action.priority).toLowerCase()} priority`;
    case 'REFUSE':
      return `Refuse: “${String(action.message)}”`;
    case 'REQUIRE_PHOTOS':
      return `${Number(action.photos)} photo${action.photos === 1 ? '' : 's'} required`;
    case 'KEEP_ITEM':
      return 'Customer keeps the item';
    case 'OFFER_STORE_CREDIT':
      return `Offer store credit, ${Number(action.bonusPercent)} % bonus`;
    case 'RESTOCKING_FEE':
      return action.percent === 0 ? 'Restocking fee waived' : `Restocking fee ${Number(action.percent)} %`;
    case 'RETURN_SHIPPING_FEE':
      return action.amountMinor === 0 ? 'Return shipping free' : `Return shipping ${formatMoney(Number(action.amountMinor), currency)}`;
    default:
      return String(action.type);
  }
}

/** The rules a case met, in rule order, each with what it says; `null`: opened before rules were recorded. */
export function RulesAppliedList({ rules, currency }: { rules: AppliedRule[] | null; currency: string }) {
  if (rules === null) return <p className="muted">Opened before return rules were recorded.</p>;
  if (rules.length === 0) return <p className="muted">No return rule applied: the merchant decides as usual.</p>;
  return (
    <ol className="stack" data-testid="rules-applied-list">
      {rules.map((rule) => (
        <li key={rule.ruleId}>
          <strong>{rule.name}</strong>
          <span className="facts-list__sub">
            {rule.actions.map((a) => describeAction(a, currency)).join(' · ')}
            {rule.version === 0 ? ' (from the policy)' : ` (rules version ${rule.version})`}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** "Why": the merchant's return rules this case met when it was opened (for the merchant, ops and admins). */
export function RulesAppliedCard({ caseId, currency }: { caseId: string; currency: string }) {
  const { data, error } = useQuery(CaseMatchedRulesDocument, { variables: { id: caseId }, fetchPolicy: 'cache-and-network' });
  return (
    <section className="card" aria-labelledby="rules-applied-title" data-testid="rules-applied">
      <div className="card__header">
        <h2 id="rules-applied-title" className="card__title">
          Rules applied
        </h2>
      </div>
      <div className="card__body">
        {data?.returnCase ? (
          <RulesAppliedList rules={(data.returnCase.matchedRules as AppliedRule[] | null | undefined) ?? null} currency={currency} />
        ) : error ? (
          <p className="muted">The rules could not be loaded.</p>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </div>
    </section>
  );
}
