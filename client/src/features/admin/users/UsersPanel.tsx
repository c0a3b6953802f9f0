import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { SearchField, submittedSearch } from '../../../components/SearchField';
import { useViewer } from '../../../app/auth/auth-context';
import { ROLE_LABEL } from '../../../app/auth/roles';
import { Badge } from '../../../components/Badge';
import { Dialog } from '../../../components/Dialog';
import { Pager } from '../../../components/Pager';
import { Spinner } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { AdminUsersQuery, Role } from '../../../gql/graphql';
import { formatDate } from '../../../lib/dates';
import { describeApiError } from '../../../lib/errors';
import { useUrlParams } from '../../../lib/use-url-params';
import { AdminTable, ListCard, ListStates, type Column } from '../components/AdminTable';

export const AdminUsersDocument = graphql(`
  query AdminUsers($filter: UserFilter, $page: Int) {
    users(filter: $filter, page: $page) {
      page
      pageSize
      totalCount
      totalPages
      items {
        id
        username
        displayName
        email
        role
        active
        createdAt
        latestAccessChange {
          id
          active
          actorLabel
          createdAt
        }
      }
    }
  }
`);

const SetUserActiveDocument = graphql(`
  mutation SetUserActive($id: ID!, $active: Boolean!) {
    setUserActive(id: $id, active: $active) {
      id
      active
      latestAccessChange {
        id
        active
        actorLabel
        createdAt
      }
    }
  }
`);

type UserRow = AdminUsersQuery['users']['items'][number];
const ROLES: Role[] = ['CUSTOMER', 'MERCHANT', 'OPS', 'ADMIN'];

interface UserParams {
  search: string;
  role: Role | null;
  active: boolean | null;
  page: number;
}

function readParams(params: URLSearchParams): UserParams {
  const role = params.get('role');
  const status = params.get('status');
  const page = Number(params.get('page'));
  return {
    search: (params.get('q') ?? '').trim(),
    role: ROLES.includes(role as Role) ? (role as Role) : null,
    active: status === 'active' ? true : status === 'deactivated' ? false : null,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

function writeParams(p: UserParams): URLSearchParams {
  const out = new URLSearchParams();
  if (p.search) out.set('q', p.search);
  if (p.role) out.set('role', p.role);
  if (p.active !== null) out.set('status', p.active ? 'active' : 'deactivated');
  if (p.page > 1) out.set('page', String(p.page));
  return out;
}

/** Search (submitted), role and status: each lands in the URL and starts again from page 1. */
function UserFilters({ params, onChange }: { params: UserParams; onChange: (patch: Partial<UserParams>) => void }) {
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ search: submittedSearch(event.currentTarget) });
  };
  return (
    <form className="admin-filters" role="search" onSubmit={submit}>
      <SearchField value={params.search} placeholder="Name, username or e-mail" inputId={`${id}-q`} />
      <div className="field">
        <label className="field__label" htmlFor={`${id}-role`}>
          Role
        </label>
        <select id={`${id}-role`} className="field__input" value={params.role ?? ''} onChange={(e) => onChange({ role: (e.target.value || null) as Role | null })}>
          <option value="">Any role</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-status`}>
          Status
        </label>
        <select
          id={`${id}-status`}
          className="field__input"
          value={params.active === null ? '' : params.active ? 'active' : 'deactivated'}
          onChange={(e) => onChange({ active: e.target.value === '' ? null : e.target.value === 'active' })}
        >
          <option value="">Active and deactivated</option>
          <option value="active">Active</option>
          <option value="deactivated">Deactivated</option>
        </select>
      </div>
    </form>
  );
}

/** Active or deactivated, with the latest change of access from the audit trail: who made it and when. */
function AccessStatus({ user }: { user: UserRow }) {
  const latest = user.latestAccessChange;
  return (
    <>
      {user.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Deactivated</Badge>}
      {latest ? (
        <span className="case-table__detail" data-testid="access-change">
          {latest.active ? 'Reactivated' : 'Deactivated'} by {latest.actorLabel}, {formatDate(latest.createdAt)}
        </span>
      ) : null}
    </>
  );
}

/** Admin › Users: everyone who signs in, searchable, with deactivation (which signs them out everywhere). */
export function UsersPanel() {
  const viewer = useViewer();
  const [params, changeParams] = useUrlParams(readParams, writeParams);
  const { data, previousData, loading, error, refetch, networkStatus } = useQuery(AdminUsersDocument, {
    variables: { filter: { search: params.search || null, role: params.role, active: params.active }, page: params.page },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const users = (data ?? previousData)?.users;
  const [confirming, setConfirming] = useState<UserRow | null>(null);
  const [setActive, change] = useMutation(SetUserActiveDocument);
  const update = (patch: Partial<UserParams>) => changeParams((current) => ({ ...current, page: 1, ...patch }));
  const filtered = Boolean(params.search || params.role || params.active !== null);

  const columns: Column<UserRow>[] = [
    {
      header: 'User',
      className: 'case-table__case',
      cell: (u) => (
        <>
          <span className="admin-user__name">{u.displayName}</span>
          <span className="case-table__detail">
            <span className="mono">{u.username}</span> · {u.email}
          </span>
        </>
      ),
    },
    { header: 'Role', cell: (u) => ROLE_LABEL[u.role] },
    { header: 'Status', cell: (u) => <AccessStatus user={u} /> },
    { header: 'Joined', className: 'case-table__date', cell: (u) => formatDate(u.createdAt) },
    {
      header: 'Actions',
      hiddenHeader: true,
      className: 'admin-table__action',
      cell: (u) =>
        u.id === viewer?.id ? (
          <span className="muted">You</span>
        ) : u.active ? (
          <button type="button" className="button button--danger button--small" aria-haspopup="dialog" onClick={() => setConfirming(u)}>
            Deactivate…<span className="visually-hidden"> {u.displayName}</span>
          </button>
        ) : (
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={change.loading}
            onClick={() => void setActive({ variables: { id: u.id, active: true } }).catch(() => undefined)}
          >
            Reactivate<span className="visually-hidden"> {u.displayName}</span>
          </button>
        ),
    },
  ];

  const first = users ? (users.page - 1) * users.pageSize + 1 : 0;
  return (
    <div className="stack-lg">
      {change.error && !confirming ? (
        <p className="alert alert--danger" role="alert">
          {describeApiError(change.error).message}
        </p>
      ) : null}
      <ListCard
        id="users-title"
        title="Users"
        count={users ? <span data-testid="users-total" data-count={users.totalCount}>{`${users.totalCount} ${users.totalCount === 1 ? 'user' : 'users'}`}</span> : undefined}
        busy={networkStatus === NetworkStatus.setVariables || networkStatus === NetworkStatus.refetch}
        tools={<UserFilters params={params} onChange={update} />}
        footer={
          users && users.totalCount > 0 ? (
            <>
              <p className="muted">
                {first}–{first + users.items.length - 1} of {users.totalCount}
              </p>
              <Pager page={users.page} totalPages={users.totalPages} hrefFor={(page) => `?${writeParams({ ...params, page }).toString()}`} label="User pages" />
            </>
          ) : undefined
        }
      >
        <ListStates
          hasData={Boolean(users)}
          loading={loading}
          error={error}
          onRetry={() => void refetch().catch(() => undefined)}
          isEmpty={users?.items.length === 0}
          loadingLabel="Loading users…"
          errorTitle="Users could not be loaded"
          empty={{
            title: filtered ? 'No users match' : 'No users yet',
            body: filtered ? 'Try another name, role or status.' : undefined,
            action: filtered ? (
              <button type="button" className="button button--secondary" onClick={() => changeParams(() => readParams(new URLSearchParams()))}>
                Clear filters
              </button>
            ) : undefined,
          }}
        >
          <AdminTable caption="Users" columns={columns} rows={users?.items ?? []} rowKey={(u) => u.id} rowTestId="user-row" />
        </ListStates>
      </ListCard>
      {confirming ? (
        <Dialog
          title={`Deactivate ${confirming.displayName}?`}
          description={
            <>
              They are signed out everywhere at once and cannot sign in until reactivated.
              {confirming.role === 'MERCHANT' ? ' Partner API tokens acting for their merchant stop working for good.' : null}
              {confirming.role === 'ADMIN' ? ' Partner API tokens they created stop working for good.' : null}
            </>
          }
          busy={change.loading}
          onClose={() => {
            change.reset();
            setConfirming(null);
          }}
          footer={
            <>
              <button type="button" className="button button--secondary" onClick={() => setConfirming(null)} disabled={change.loading}>
                Keep active
              </button>
              <button
                type="button"
                className="button button--danger-solid"
                disabled={change.loading}
                onClick={() =>
                  void setActive({ variables: { id: confirming.id, active: false } })
                    .then(() => setConfirming(null))
                    .catch(() => undefined)
                }
              >
                {change.loading ? <Spinner size="sm" /> : null}
                Deactivate
              </button>
            </>
          }
        >
          {change.error ? (
            <p className="field__error" role="alert">
              {describeApiError(change.error).message}
            </p>
          ) : null}
        </Dialog>
      ) : null}
    </div>
  );
}
