import { useApolloClient, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { REASON_LABEL } from '../../components/Badge';
import { ErrorState, LoadingState, Spinner } from '../../components/PageState';
import type { OpenReturnOrderQuery, ReturnReason } from '../../gql/graphql';
import { describeApiError } from '../../lib/errors';
import { formatDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import NotFoundPage from '../not-found/NotFoundPage';
import { evictCaseLists } from '../cases/hooks/case-cache';
import { EvidencePicker, type ChosenFile } from '../evidence/EvidencePicker';
import { describeProblem, multipartRequest } from '../evidence/multipart-request';
import { OutcomeChoices } from './components/OutcomeChoices';
import { creditBonusMinor, draftProblems, estimateReturn, MAX_DESCRIPTION, offerFor, outcomeInput, refusedItems, termsFor, type ReturnDraft } from './open-return';
import { CreateReturnCaseDocument, OpenReturnOrderDocument } from './orders.graphql';
import './customer.css';

const REASONS = Object.keys(REASON_LABEL) as ReturnReason[];

/** /customer/orders/:orderId/return: choose items and quantities, say why, add photos, send. Then the case page. */
export default function OpenReturnPage() {
  const { orderId = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(OpenReturnOrderDocument, { variables: { orderId }, fetchPolicy: 'network-only' });
  if (!data) {
    if (loading) return <LoadingState label="Loading the order…" />;
    const code = describeApiError(error).code;
    if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') return <NotFoundPage />;
    return <ErrorState title="This order could not be loaded" error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  }
  return <OpenReturnForm order={data.order} eligibility={data.returnEligibility} />;
}

function OpenReturnForm({ order, eligibility }: { order: OpenReturnOrderQuery['order']; eligibility: OpenReturnOrderQuery['returnEligibility'] }) {
  const id = useId();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<ReturnDraft>({ quantities: {}, reason: '', outcome: 'REFUND', description: '' });
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [touched, setTouched] = useState(false);
  const [progress, setProgress] = useState<number[] | null>(null);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const returnable = Object.fromEntries(eligibility.items.map((i) => [i.orderItemId, i.returnableQuantity]));
  const chosenItems = eligibility.items.filter((i) => (draft.quantities[i.orderItemId] ?? 0) > 0);
  // Once a reason is chosen, the shop's rules for that reason decide what is offered (termsFor) for the chosen items
  // (while none is chosen: for every item that can be returned for that reason). A refused chosen item blocks the return.
  const ruleMessage = (item: (typeof eligibility.items)[number]) => (item.eligible ? termsFor(item, draft.reason).ruleMessage : null);
  const refused = refusedItems(chosenItems, draft.reason).map((i) => i.name);
  const problems = touched ? draftProblems(draft, returnable, refused) : {};
  const offered = chosenItems.length > 0 ? chosenItems : eligibility.items.filter((i) => i.eligible && !ruleMessage(i));
  const offer = offerFor(offered.map((i) => termsFor(i, draft.reason)));
  const estimate = estimateReturn(
    chosenItems.map((i) => ({ valueMinor: i.unitPriceMinor * draft.quantities[i.orderItemId], byReason: i.byReason })),
    draft.reason,
    order.merchant.restockingFeePercent,
    offer.keepItem && chosenItems.length > 0,
  );
  // Store credit chosen, then the items or the reason changed so that it is no longer offered: back to a refund (said).
  const outcome = draft.outcome === 'STORE_CREDIT' && offer.storeCreditBonusPercent === null ? 'REFUND' : draft.outcome;
  const setOutcome = (next: ReturnDraft['outcome']) => setDraft((d) => ({ ...d, outcome: next }));
  const bonusMinor = outcome === 'STORE_CREDIT' ? creditBonusMinor(estimate.totalMinor, offer.storeCreditBonusPercent) : 0;

  const setQuantity = (itemId: string, quantity: number) => setDraft((d) => ({ ...d, quantities: { ...d.quantities, [itemId]: quantity } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(draftProblems(draft, returnable, refused)).length > 0 || sending) return;
    setSending(true);
    setFailure(null);
    const input = {
      orderId: order.id,
      reason: draft.reason as ReturnReason,
      ...outcomeInput(outcome),
      description: draft.description.trim(),
      items: chosenItems.map((i) => ({ orderItemId: i.orderItemId, quantity: draft.quantities[i.orderItemId] })),
    };
    try {
      let created: { id: string };
      if (files.length > 0) {
        setProgress(files.map(() => 0));
        const answer = await multipartRequest(
          CreateReturnCaseDocument,
          { input, evidence: files.map((f) => f.file) },
          files.map((f, i) => ({ path: `evidence.${i}`, file: f.file })),
          { onProgress: setProgress },
        );
        created = answer.createReturnCase;
      } else {
        const { data } = await client.mutate({ mutation: CreateReturnCaseDocument, variables: { input } });
        created = data!.createReturnCase;
      }
      // The order's eligibility, the orders and every case list changed.
      client.cache.evict({ id: 'ROOT_QUERY', fieldName: 'returnEligibility' });
      client.cache.evict({ id: 'ROOT_QUERY', fieldName: 'orders' });
      evictCaseLists(client.cache);
      void navigate(`/customer/${created.id}`);
    } catch (caught) {
      setFailure(caught);
      setSending(false);
      setProgress(null);
    }
  };

  const serverProblem = failure ? describeProblem(failure) : null;
  const fieldError = (key: string) =>
    problems[key] ? (
      <p id={`${id}-${key}-error`} className="field__error">
        {problems[key]}
      </p>
    ) : null;
  const invalid = (key: string) => (problems[key] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${key}-error` } : {});

  return (
    <div className="page open-return">
      <title>{`Return items from ${order.number} · ReturnHub`}</title>
      <Link className="back-link" to="/customer/orders">
        ← Your orders
      </Link>
      <header className="page-header">
        <p className="eyebrow">Start a return</p>
        <h1>Return items from {order.number}</h1>
        <p className="muted">
          {order.merchant.name}
          {order.deliveredAt ? ` · delivered ${formatDate(order.deliveredAt)}` : ''}
          {eligibility.windowEndsAt ? ` · returns open until ${formatDate(eligibility.windowEndsAt)}` : ''}
        </p>
      </header>
      {!eligibility.eligible ? (
        <div className="alert alert--warning" role="alert" data-testid="not-eligible">
          <p className="alert__title">Nothing on this order can be returned now</p>
          <p>{eligibility.reason}</p>
        </div>
      ) : (
        <form className="card card__body open-return__form" onSubmit={(event) => void submit(event)} noValidate data-testid="open-return-form">
          <fieldset {...invalid('items')}>
            <legend className="field__label">Which items?</legend>
            <ul className="open-return__items">
              {eligibility.items.map((item) => {
                const quantity = draft.quantities[item.orderItemId] ?? 0;
                const checkboxId = `${id}-item-${item.orderItemId}`;
                const refusal = ruleMessage(item);
                return (
                  <li key={item.orderItemId} className={`open-return__item${item.eligible ? '' : ' open-return__item--no'}`} data-testid="return-item">
                    <input
                      id={checkboxId}
                      type="checkbox"
                      checked={quantity > 0}
                      disabled={!item.eligible || sending}
                      onChange={(event) => setQuantity(item.orderItemId, event.target.checked ? item.returnableQuantity : 0)}
                    />
                    <label htmlFor={checkboxId}>
                      <span className="eligibility__name">{item.name}</span>
                      <span className="eligibility__detail">
                        {formatMoney(item.unitPriceMinor, order.currency)} each ·{' '}
                        {item.eligible ? `${item.returnableQuantity} of ${item.orderedQuantity} can be returned` : item.reason}
                      </span>
                      {refusal ? (
                        <span className="eligibility__detail open-return__refusal" data-testid="item-refusal">
                          Not for this reason: {refusal}
                        </span>
                      ) : null}
                    </label>
                    {item.eligible && item.returnableQuantity > 1 && quantity > 0 ? (
                      <span>
                        <label className="visually-hidden" htmlFor={`${checkboxId}-qty`}>
                          Quantity of {item.name}
                        </label>
                        <select
                          id={`${checkboxId}-qty`}
                          className="field__input open-return__qty"
                          value={quantity}
                          disabled={sending}
                          onChange={(event) => setQuantity(item.orderItemId, Number(event.target.value))}
                        >
                          {Array.from({ length: item.returnableQuantity }, (_, q) => (
                            <option key={q + 1} value={q + 1}>
                              {q + 1}
                            </option>
                          ))}
                        </select>
                      </span>
                    ) : (
                      <span />
                    )}
                  </li>
                );
              })}
            </ul>
            {fieldError('items')}
          </fieldset>

          <div className="field">
            <label className="field__label" htmlFor={`${id}-reason`}>
              Why are you returning them?
            </label>
            <select
              id={`${id}-reason`}
              className="field__input"
              value={draft.reason}
              disabled={sending}
              onChange={(event) => setDraft((d) => ({ ...d, reason: event.target.value as ReturnReason }))}
              {...invalid('reason')}
            >
              <option value="">Choose a reason…</option>
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {REASON_LABEL[r]}
                </option>
              ))}
            </select>
            {fieldError('reason')}
          </div>

          <OutcomeChoices
            name={`${id}-outcome`}
            outcome={outcome}
            fellBack={outcome !== draft.outcome}
            storeCreditBonusPercent={offer.storeCreditBonusPercent}
            keepItem={offer.keepItem}
            disabled={sending}
            onChange={setOutcome}
          />

          {offer.requiredPhotos > 0 ? (
            <p className="field__hint" data-testid="required-photos">
              The merchant asks for at least {offer.requiredPhotos} photo{offer.requiredPhotos === 1 ? '' : 's'} of the items with this return.
            </p>
          ) : null}

          <div className="field">
            <div className="field__row">
              <label className="field__label" htmlFor={`${id}-description`}>
                Tell us more {draft.reason === 'OTHER' ? '' : '(optional)'}
              </label>
              <span className="field__hint tabular" aria-hidden="true">
                {draft.description.trim().length}/{MAX_DESCRIPTION.toLocaleString('en')}
              </span>
            </div>
            <textarea
              id={`${id}-description`}
              className="field__input"
              rows={4}
              value={draft.description}
              disabled={sending}
              placeholder="e.g. What is wrong with the items, or why they do not suit you."
              onChange={(event) => setDraft((d) => ({ ...d, description: event.target.value }))}
              {...invalid('description')}
            />
            {fieldError('description')}
          </div>

          <EvidencePicker kind="EVIDENCE" label="Photos or a video (optional, they help the merchant decide)" files={files} onChange={setFiles} progress={progress} disabled={sending} />

          {estimate.itemsMinor > 0 ? (
            <dl className="return-estimate" data-testid="return-estimate">
              <div>
                <dt>Items</dt>
                <dd className="tabular">{formatMoney(estimate.itemsMinor, order.currency)}</dd>
              </div>
              {estimate.restockingFeeMinor > 0 ? (
                <div>
                  <dt>Restocking fee ({estimate.restockingFeePercent} %)</dt>
                  <dd className="tabular">−{formatMoney(estimate.restockingFeeMinor, order.currency)}</dd>
                </div>
              ) : estimate.restockingWaivedByShop ? (
                <div>
                  <dt>Restocking fee</dt>
                  <dd>waived by the shop</dd>
                </div>
              ) : null}
              {estimate.returnShippingFeeMinor > 0 ? (
                <div>
                  <dt>Return shipping fee</dt>
                  <dd className="tabular">−{formatMoney(estimate.returnShippingFeeMinor, order.currency)}</dd>
                </div>
              ) : estimate.returnShippingWaivedByShop ? (
                <div>
                  <dt>Return shipping fee</dt>
                  <dd>waived by the shop</dd>
                </div>
              ) : null}
              {bonusMinor > 0 ? (
                <div>
                  <dt>Store credit bonus ({offer.storeCreditBonusPercent} %)</dt>
                  <dd className="tabular">+{formatMoney(bonusMinor, order.currency)}</dd>
                </div>
              ) : null}
              <div className="return-estimate__total">
                <dt>{outcome === 'EXCHANGE' ? 'Exchange value' : outcome === 'STORE_CREDIT' ? 'Expected store credit' : 'Expected refund'}</dt>
                <dd className="tabular">{formatMoney(estimate.totalMinor + bonusMinor, order.currency)}</dd>
              </div>
            </dl>
          ) : null}

          {serverProblem ? (
            <div className="alert alert--danger" role="alert" data-testid="open-return-error">
              <p className="alert__title">The return was not opened</p>
              <p>{serverProblem.message}</p>
            </div>
          ) : null}
          <div className="open-return__actions">
            <button type="submit" className="button button--primary" disabled={sending}>
              {sending ? <Spinner size="sm" /> : null}
              {sending && files.length > 0 ? 'Uploading and sending…' : 'Send return request'}
            </button>
            <Link className="button button--secondary" to="/customer/orders">
              Cancel
            </Link>
          </div>
        </form>
      )}
    </div>
  );
}
