import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { SearchField, submittedSearch } from '../../../components/SearchField';
import { useSearchParams } from 'react-router';
import { Badge } from '../../../components/Badge';
import { Dialog } from '../../../components/Dialog';
import { Pager } from '../../../components/Pager';
import { Spinner } from '../../../components/PageState';
import { getFragmentData, graphql } from '../../../gql';
import type { MerchantPolicy_MerchantFragment, RefundTiming, SlaTimeoutAction } from '../../../gql/graphql';
import { describeApiError } from '../../../lib/errors';
import { formatMoney } from '../../../lib/money';
import { AdminTable, ListCard, ListStates, type Column } from '../components/AdminTable';
import { fieldProblems } from '../field-problems';
import { minorToAmount, REFUND_TIMING_LABEL, SLA_ACTION_LABEL, toPolicyInput, type PolicyDraft } from './policy-form';

export const AdminMerchantsDocument = graphql(`
  query AdminMerchants($search: String, $page: Int) {
    merchants(search: $search, page: $page) {
      page
      pageSize
      totalCount
      totalPages
      items {
        id
        ...MerchantPolicy_merchant
      }
    }
  }
`);

const MerchantPolicyFragment = graphql(`
  fragment MerchantPolicy_merchant on MerchantProfile {
    id
    name
    marketplaceSeller
    returnWindowDays
    responseSlaHours
    slaTimeoutAction
    autoApproveLimitMinor
    restockingFeePercent
    refundShipping
    refundTiming
    warehouseAddress
  }
`);

const UpdateMerchantPolicyDocument = graphql(`
  mutation UpdateMerchantPolicy($merchantId: ID!, $input: MerchantPolicyInput!) {
    updateMerchantPolicy(merchantId: $merchantId, input: $input) {
      id
      ...MerchantPolicy_merchant
    }
  }
`);

// The platform settles in one currency (as the analytics do); limits are minor units of it.
const PLATFORM_CURRENCY = 'USD';
type Policy = MerchantPolicy_MerchantFragment;

function PolicyField({ id, label, hint, problem, children }: { id: string; label: string; hint?: string; problem?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p id={`${id}-error`} className="field__error" data-testid="field-error">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/** The policy editor: what is typed is checked for form here, for limits by the server, each message by its field. */
function PolicyDialog({ merchant, onClose }: { merchant: Policy; onClose: () => void }) {
  const id = useId();
  const [draft, setDraft] = useState<PolicyDraft>({
    returnWindowDays: String(merchant.returnWindowDays),
    responseSlaHours: String(merchant.responseSlaHours),
    slaTimeoutAction: merchant.slaTimeoutAction,
    autoApproveLimit: minorToAmount(merchant.autoApproveLimitMinor),
    restockingFeePercent: String(merchant.restockingFeePercent),
    refundShipping: merchant.refundShipping,
    refundTiming: merchant.refundTiming,
    warehouseAddress: merchant.warehouseAddress,
  });
  const [localProblems, setLocalProblems] = useState<Record<string, string> | null>(null);
  const [save, { loading, error, reset }] = useMutation(UpdateMerchantPolicyDocument);
  const problems = localProblems ?? fieldProblems(error) ?? {};
  const general = error && !fieldProblems(error) ? describeApiError(error).message : null;
  const set = <K extends keyof PolicyDraft>(key: K, value: PolicyDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const a11y = (field: string, hint = false) => ({
    'aria-invalid': problems[field] ? true : undefined,
    'aria-describedby': [hint ? `${id}-${field}-hint` : '', problems[field] ? `${id}-${field}-error` : ''].filter(Boolean).join(' ') || undefined,
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const parsed = toPolicyInput(draft);
    setLocalProblems(parsed.problems);
    if (!parsed.input) return;
    try {
      await save({ variables: { merchantId: merchant.id, input: parsed.input } });
      onClose();
    } catch {
      // Shown by field (or as a whole) from `error`.
    }
  };

  return (
    <Dialog
      title={`Return policy: ${merchant.name}`}
      description="Changes apply to returns opened from now on; every change is recorded with who made it."
      busy={loading}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button button--secondary" onClick={onClose} disabled={loading}>
            Cancel
          </button>
          <button type="submit" form={`${id}-form`} className="button button--primary" disabled={loading}>
            {loading ? <Spinner size="sm" /> : null}
            Save policy
          </button>
        </>
      }
    >
      <form id={`${id}-form`} className="policy-form" onSubmit={(e) => void submit(e)} noValidate data-testid="policy-form">
        <PolicyField id={`${id}-returnWindowDays`} label="Return window (days)" hint="Days after delivery a return can be opened." problem={problems.returnWindowDays}>
          <input id={`${id}-returnWindowDays`} className="field__input" inputMode="numeric" value={draft.returnWindowDays} onChange={(e) => set('returnWindowDays', e.target.value)} {...a11y('returnWindowDays', true)} />
        </PolicyField>
        <PolicyField id={`${id}-responseSlaHours`} label="Response SLA (hours)" hint="Time the merchant has to answer a new case." problem={problems.responseSlaHours}>
          <input id={`${id}-responseSlaHours`} className="field__input" inputMode="numeric" value={draft.responseSlaHours} onChange={(e) => set('responseSlaHours', e.target.value)} {...a11y('responseSlaHours', true)} />
        </PolicyField>
        <PolicyField id={`${id}-slaTimeoutAction`} label="When the SLA is missed" problem={problems.slaTimeoutAction}>
          <select id={`${id}-slaTimeoutAction`} className="field__input" value={draft.slaTimeoutAction} onChange={(e) => set('slaTimeoutAction', e.target.value as SlaTimeoutAction)} {...a11y('slaTimeoutAction')}>
            {(Object.keys(SLA_ACTION_LABEL) as SlaTimeoutAction[]).map((a) => (
              <option key={a} value={a}>
                {SLA_ACTION_LABEL[a]}
              </option>
            ))}
          </select>
        </PolicyField>
        <PolicyField id={`${id}-autoApproveLimitMinor`} label={`Auto-approve limit (${PLATFORM_CURRENCY})`} hint="Low-risk returns under this refund are approved at once; 0 turns it off." problem={problems.autoApproveLimitMinor}>
          <input id={`${id}-autoApproveLimitMinor`} className="field__input" inputMode="decimal" value={draft.autoApproveLimit} onChange={(e) => set('autoApproveLimit', e.target.value)} {...a11y('autoApproveLimitMinor', true)} />
        </PolicyField>
        <PolicyField id={`${id}-restockingFeePercent`} label="Restocking fee (%)" hint="Never charged for defective or wrong items." problem={problems.restockingFeePercent}>
          <input id={`${id}-restockingFeePercent`} className="field__input" inputMode="numeric" value={draft.restockingFeePercent} onChange={(e) => set('restockingFeePercent', e.target.value)} {...a11y('restockingFeePercent', true)} />
        </PolicyField>
        <div className="field policy-form__wide">
          <label className="policy-form__check">
            <input type="checkbox" checked={draft.refundShipping} onChange={(e) => set('refundShipping', e.target.checked)} /> Refund the shipping fee on returns
          </label>
        </div>
        <PolicyField id={`${id}-refundTiming`} label="Refund timing" hint="When the refund or store credit is paid; one paid before inspection is reconciled there." problem={problems.refundTiming}>
          <select id={`${id}-refundTiming`} className="field__input" value={draft.refundTiming} onChange={(e) => set('refundTiming', e.target.value as RefundTiming)} {...a11y('refundTiming', true)}>
            {(Object.keys(REFUND_TIMING_LABEL) as RefundTiming[]).map((t) => (
              <option key={t} value={t}>
                {REFUND_TIMING_LABEL[t]}
              </option>
            ))}
          </select>
        </PolicyField>
        <div className="policy-form__wide">
          <PolicyField id={`${id}-warehouseAddress`} label="Return warehouse address" hint="Printed on return labels." problem={problems.warehouseAddress}>
            <textarea id={`${id}-warehouseAddress`} className="field__input" rows={3} value={draft.warehouseAddress} onChange={(e) => set('warehouseAddress', e.target.value)} {...a11y('warehouseAddress', true)} />
          </PolicyField>
        </div>
        {general ? (
          <p className="field__error policy-form__wide" role="alert">
            {general}
          </p>
        ) : Object.keys(problems).length > 0 ? (
          <p className="field__error policy-form__wide" role="alert">
            Nothing was saved: correct the fields marked above.
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}

/** Admin › Merchants: each merchant's return policy at a glance, edited in a dialog. */
export function MerchantsPanel() {
  const searchId = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const search = (searchParams.get('q') ?? '').trim();
  const pageParam = Number(searchParams.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 1 ? pageParam : 1;
  const { data, previousData, loading, error, refetch, networkStatus } = useQuery(AdminMerchantsDocument, {
    variables: { search: search || null, page },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const merchants = (data ?? previousData)?.merchants;
  const [editing, setEditing] = useState<Policy | null>(null);
  const hrefFor = (p: number) => `?${new URLSearchParams({ ...(search ? { q: search } : {}), ...(p > 1 ? { page: String(p) } : {}) }).toString()}`;

  const columns: Column<Policy>[] = [
    {
      header: 'Merchant',
      className: 'case-table__case',
      cell: (m) => (
        <>
          <span className="admin-user__name">{m.name}</span>
          <span className="case-table__detail">{m.marketplaceSeller ? 'Marketplace seller' : 'Retailer'}</span>
        </>
      ),
    },
    { header: 'Window', className: 'admin-table__nowrap', cell: (m) => `${m.returnWindowDays} days` },
    {
      header: 'Response',
      cell: (m) => (
        <>
          {m.responseSlaHours} h<span className="case-table__detail">then {SLA_ACTION_LABEL[m.slaTimeoutAction].toLowerCase()}</span>
        </>
      ),
    },
    { header: 'Auto-approve', cell: (m) => (m.autoApproveLimitMinor > 0 ? `under ${formatMoney(m.autoApproveLimitMinor, PLATFORM_CURRENCY)}` : <span className="muted">Off</span>) },
    { header: 'Restocking', cell: (m) => (m.restockingFeePercent > 0 ? `${m.restockingFeePercent} %` : <span className="muted">None</span>) },
    { header: 'Shipping', cell: (m) => (m.refundShipping ? <Badge tone="success">Refunded</Badge> : <Badge tone="neutral">Not refunded</Badge>) },
    {
      header: 'Actions',
      hiddenHeader: true,
      className: 'admin-table__action',
      cell: (m) => (
        <button type="button" className="button button--secondary button--small" aria-haspopup="dialog" onClick={() => setEditing(m)}>
          Edit policy…<span className="visually-hidden"> for {m.name}</span>
        </button>
      ),
    },
  ];
  const rows = getFragmentData(MerchantPolicyFragment, merchants?.items ?? []);

  return (
    <div className="stack-lg">
      <ListCard
        id="merchants-title"
        title="Merchants"
        count={merchants ? `${merchants.totalCount} ${merchants.totalCount === 1 ? 'merchant' : 'merchants'}` : undefined}
        busy={networkStatus === NetworkStatus.setVariables || networkStatus === NetworkStatus.refetch}
        tools={
          <form
            className="admin-filters"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              const q = submittedSearch(e.currentTarget);
              setSearchParams(q ? { q } : {});
            }}
          >
            <SearchField value={search} label="Search merchants" placeholder="Merchant name" inputId={searchId} />
          </form>
        }
        footer={merchants && merchants.totalPages > 1 ? <Pager page={merchants.page} totalPages={merchants.totalPages} hrefFor={hrefFor} label="Merchant pages" /> : undefined}
      >
        <ListStates
          hasData={Boolean(merchants)}
          loading={loading}
          error={error}
          onRetry={() => void refetch().catch(() => undefined)}
          isEmpty={rows.length === 0}
          loadingLabel="Loading merchants…"
          errorTitle="Merchants could not be loaded"
          empty={{ title: search ? 'No merchant matches' : 'No merchants yet', body: search ? 'Try another name.' : 'Merchants appear here when a merchant account is created.' }}
        >
          <AdminTable caption="Merchants and their return policies" columns={columns} rows={rows} rowKey={(m) => m.id} rowTestId="merchant-row" />
        </ListStates>
      </ListCard>
      {editing ? <PolicyDialog merchant={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
