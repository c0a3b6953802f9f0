import { useQuery } from '@apollo/client/react';
import { useId, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { SearchField, submittedSearch } from '../../../components/SearchField';
import { RulesMerchantsDocument } from '../graphql/rules';
import { RuleSetEditor } from './RuleSetEditor';
import '../rules.css';

/** /admin/rules — an admin picks a merchant (kept in the URL as ?merchant=) and edits its rules. */
export function AdminRulesPanel() {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const merchantId = params.get('merchant');
  const search = params.get('q') ?? '';
  const { data } = useQuery(RulesMerchantsDocument, { variables: { search: search || null } });
  const merchants = data?.merchants.items ?? [];
  const change = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    change({ q: submittedSearch(event.currentTarget) });
  };
  return (
    <div className="stack-lg">
      <form className="admin-filters rules-merchant-picker" role="search" onSubmit={submit}>
        <SearchField value={search} placeholder="Merchant name" label="Find a merchant" inputId={`${id}-q`} />
        <div className="field">
          <label className="field__label" htmlFor={`${id}-merchant`}>
            Merchant
          </label>
          <select id={`${id}-merchant`} className="field__input" value={merchantId ?? ''} onChange={(e) => change({ merchant: e.target.value || null })}>
            <option value="">Choose a merchant…</option>
            {merchants.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      </form>
      {data && data.merchants.totalCount > merchants.length ? <p className="field__hint">The first {merchants.length} of {data.merchants.totalCount} merchants by name: search to find another.</p> : null}
      {merchantId ? <RuleSetEditor key={merchantId} merchantId={merchantId} /> : <p className="muted">Choose a merchant to see and edit its return rules.</p>}
    </div>
  );
}
