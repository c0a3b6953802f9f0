import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { Badge } from '../../../components/Badge';
import { Dialog } from '../../../components/Dialog';
import { Spinner } from '../../../components/PageState';
import { AdminTable, ListCard, ListStates, type Column } from '../components/AdminTable';
import { graphql } from '../../../gql';
import type { ApiTokensQuery } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/dates';
import { describeApiError } from '../../../lib/errors';
import { SecretReveal } from './SecretReveal';

export const ApiTokensDocument = graphql(`
  query ApiTokens {
    apiTokens {
      id
      name
      prefix
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);

// The first page of merchants by name; a platform with more than a page of merchants needs a search box here.
const MerchantChoicesDocument = graphql(`
  query MerchantChoices {
    merchants {
      items {
        id
        name
      }
    }
  }
`);

const CreateApiTokenDocument = graphql(`
  mutation CreateApiToken($name: String!, $merchantId: ID) {
    createApiToken(name: $name, merchantId: $merchantId) {
      secret
      token {
        id
        name
        prefix
        createdAt
        lastUsedAt
        revokedAt
      }
    }
  }
`);

const RevokeApiTokenDocument = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revokedAt
    }
  }
`);

type Token = ApiTokensQuery['apiTokens'][number];

function CreateTokenForm({ onCreated }: { onCreated: (secret: string, name: string) => void }) {
  const id = useId();
  const merchants = useQuery(MerchantChoicesDocument);
  const [name, setName] = useState('');
  const [merchantId, setMerchantId] = useState('');
  const [touched, setTouched] = useState(false);
  const [create, { loading, error }] = useMutation(CreateApiTokenDocument, {
    update(cache, { data }) {
      if (!data) return;
      const ref = cache.identify(data.createApiToken.token);
      cache.modify({ id: 'ROOT_QUERY', fields: { apiTokens: (existing: ReadonlyArray<{ __ref: string }> = []) => [{ __ref: ref! }, ...existing] } });
    },
  });
  const nameProblem = name.trim() ? null : 'Name the token after the system that will use it.';
  const merchantProblem = merchantId ? null : 'Choose the merchant whose cases the token may see.';
  const options = merchants.data?.merchants.items ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (nameProblem || merchantProblem) return;
    try {
      const result = await create({ variables: { name: name.trim(), merchantId } });
      if (result.data) onCreated(result.data.createApiToken.secret, result.data.createApiToken.token.name);
      setName('');
      setTouched(false);
    } catch {
      // Shown from `error`.
    }
  };

  return (
    <form className="token-form" onSubmit={submit} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-name`}>
          Token name
        </label>
        <input
          id={`${id}-name`}
          className="field__input"
          value={name}
          maxLength={100}
          placeholder="e.g. Warehouse system"
          aria-invalid={touched && nameProblem ? true : undefined}
          aria-describedby={touched && nameProblem ? `${id}-name-error` : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        {touched && nameProblem ? (
          <p id={`${id}-name-error`} className="field__error">
            {nameProblem}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-merchant`}>
          Merchant
        </label>
        <select
          id={`${id}-merchant`}
          className="field__input"
          value={merchantId}
          aria-invalid={touched && merchantProblem ? true : undefined}
          aria-describedby={touched && merchantProblem ? `${id}-merchant-error` : undefined}
          onChange={(e) => setMerchantId(e.target.value)}
          disabled={merchants.loading}
        >
          <option value="">{merchants.loading ? 'Loading merchants…' : 'Choose a merchant'}</option>
          {options.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        {touched && merchantProblem ? (
          <p id={`${id}-merchant-error`} className="field__error">
            {merchantProblem}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button--primary token-form__submit" disabled={loading}>
        {loading ? <Spinner size="sm" /> : null}
        Create token
      </button>
      {error ? (
        <p className="field__error token-form__error" role="alert">
          {describeApiError(error).message}
        </p>
      ) : null}
    </form>
  );
}

/** Partner API tokens: create one (its secret is shown once), see when each was last used, revoke. */
export function ApiTokensPanel() {
  const { data, loading, error, refetch } = useQuery(ApiTokensDocument, { fetchPolicy: 'cache-and-network' });
  const [created, setCreated] = useState<{ secret: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const [revoke, revocation] = useMutation(RevokeApiTokenDocument);

  const columns: Column<Token>[] = [
    {
      header: 'Token',
      className: 'case-table__case',
      cell: (token) => (
        <>
          <span className="model-table__version">{token.name}</span>
          <span className="case-table__detail mono">{token.prefix}…</span>
        </>
      ),
    },
    { header: 'Created', className: 'case-table__date', cell: (token) => formatDateTime(token.createdAt) },
    { header: 'Last used', className: 'case-table__date', cell: (token) => (token.lastUsedAt ? formatDateTime(token.lastUsedAt) : <span className="muted">Never</span>) },
    { header: 'State', cell: (token) => (token.revokedAt ? <Badge tone="neutral">Revoked</Badge> : <Badge tone="success">Active</Badge>) },
    {
      header: 'Actions',
      hiddenHeader: true,
      className: 'admin-table__action',
      cell: (token) =>
        token.revokedAt ? (
          <span className="muted">{formatDateTime(token.revokedAt)}</span>
        ) : (
          <button type="button" className="button button--danger button--small" aria-haspopup="dialog" onClick={() => setRevoking(token)}>
            Revoke…
          </button>
        ),
    },
  ];

  return (
    <div className="stack-lg">
      <section className="card" aria-labelledby="new-token-title">
        <div className="card__header">
          <h2 id="new-token-title" className="card__title">
            New partner token
          </h2>
          <span className="field__hint">A token acts as its merchant: it sees and does what the merchant can, over GraphQL.</span>
        </div>
        <div className="card__body stack">
          {created ? <SecretReveal name={created.name} secret={created.secret} onDone={() => setCreated(null)} /> : null}
          <CreateTokenForm onCreated={(secret, name) => setCreated({ secret, name })} />
        </div>
      </section>
      <ListCard id="tokens-title" title="Tokens" count={data ? `${data.apiTokens.filter((t) => !t.revokedAt).length} active` : undefined}>
        <ListStates
          hasData={Boolean(data)}
          loading={loading}
          error={error}
          onRetry={() => void refetch().catch(() => undefined)}
          isEmpty={data?.apiTokens.length === 0}
          loadingLabel="Loading tokens…"
          errorTitle="Tokens could not be loaded"
          empty={{ title: 'No partner tokens', body: 'Create one so a merchant’s own system can use the API.' }}
        >
          <AdminTable caption="Partner API tokens" columns={columns} rows={data?.apiTokens ?? []} rowKey={(t) => t.id} rowTestId="token-row" />
        </ListStates>
      </ListCard>
      {revoking ? (
        <Dialog
          title={`Revoke “${revoking.name}”?`}
          description="Requests with this token fail from now on. This cannot be undone; create a new token if the system needs access again."
          busy={revocation.loading}
          onClose={() => {
            revocation.reset();
            setRevoking(null);
          }}
          footer={
            <>
              <button type="button" className="button button--secondary" onClick={() => setRevoking(null)} disabled={revocation.loading}>
                Keep it
              </button>
              <button
                type="button"
                className="button button--danger-solid"
                disabled={revocation.loading}
                onClick={() =>
                  void revoke({
                    variables: { id: revoking.id },
                    optimisticResponse: { revokeApiToken: { __typename: 'ApiToken', id: revoking.id, revokedAt: new Date().toISOString() } },
                  })
                    .then(() => setRevoking(null))
                    .catch(() => undefined)
                }
              >
                {revocation.loading ? <Spinner size="sm" /> : null}
                Revoke token
              </button>
            </>
          }
        >
          {revocation.error ? (
            <p className="field__error" role="alert">
              {describeApiError(revocation.error).message}
            </p>
          ) : null}
        </Dialog>
      ) : null}
    </div>
  );
}
