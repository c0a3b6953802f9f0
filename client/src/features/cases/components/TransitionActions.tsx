import { useState } from 'react';
import type { Role } from '../../../gql/graphql';
import { Spinner } from '../../../components/PageState';
import { actionCopy, FORM_OPERATIONS, SUPPORTED_OPERATIONS, type Transition } from '../case-copy';
import { NoteDialog } from './NoteDialog';

export type { Transition };

const buttonClass = (t: Transition, role: Role): string => {
  const tone = actionCopy(t, role).tone;
  if (t.to === 'APPROVED' || t.operation === 'retryRefund' || t.operation === 'markReturnReceived') return 'button button--primary';
  return tone === 'danger' ? 'button button--danger' : 'button button--secondary';
};

/**
 * One button per move the API says the viewer can make now (`availableTransitions`): nothing is re-derived here.
 * A move that needs a note, or that is hard to undo, asks in a dialog first. Shipment and inspection are forms
 * the page shows beside these buttons; an operation this version does not know is listed, disabled.
 */
export function TransitionActions({
  transitions,
  role,
  pendingTo,
  serverError,
  onRun,
  emptyText = 'No moves are available to you at this stage.',
}: {
  transitions: readonly Transition[];
  role: Role;
  /** The target status of the move in flight. */
  pendingTo: string | null;
  serverError?: string | null;
  /** Resolves true when the move succeeded (the dialog then closes). */
  onRun: (transition: Transition, note: string | null) => Promise<boolean>;
  emptyText?: string;
}) {
  const [asking, setAsking] = useState<Transition | null>(null);
  const supported = transitions.filter((t) => SUPPORTED_OPERATIONS.has(t.operation));
  // Shipment and inspection have forms of their own on the page; anything else unknown is listed, disabled.
  const later = transitions.filter((t) => !SUPPORTED_OPERATIONS.has(t.operation) && !FORM_OPERATIONS.has(t.operation));

  const start = (t: Transition) => {
    if (t.requiresNote || actionCopy(t, role).confirm) setAsking(t);
    else void onRun(t, null);
  };

  if (supported.length === 0 && later.length === 0) return <p className="muted case-actions__empty">{emptyText}</p>;
  const copy = asking ? actionCopy(asking, role) : null;
  return (
    <div className="case-actions" data-testid="transition-actions">
      <div className="case-actions__buttons">
        {supported.map((t) => (
          <button
            key={`${t.to}-${t.operation}`}
            type="button"
            className={buttonClass(t, role)}
            disabled={pendingTo !== null}
            aria-haspopup={t.requiresNote || actionCopy(t, role).confirm ? 'dialog' : undefined}
            onClick={() => start(t)}
            data-to={t.to}
          >
            {pendingTo === t.to && !asking ? <Spinner size="sm" /> : null}
            {t.action}
            {t.requiresNote ? '…' : ''}
          </button>
        ))}
        {later.map((t) => (
          <button key={`${t.to}-${t.operation}`} type="button" className="button button--secondary" disabled aria-describedby="later-actions-hint" data-to={t.to}>
            {t.action}
          </button>
        ))}
      </div>
      {later.length > 0 ? (
        <p id="later-actions-hint" className="field__hint">
          {later.map((t) => t.action).join(', ')}: not available in the app yet.
        </p>
      ) : null}
      {serverError && !asking ? (
        <p className="field__error" role="alert">
          {serverError}
        </p>
      ) : null}
      {asking && copy ? (
        <NoteDialog
          title={copy.title}
          description={copy.description}
          fieldLabel={copy.fieldLabel}
          placeholder={copy.placeholder}
          confirmLabel={copy.confirmLabel}
          tone={copy.tone}
          required={asking.requiresNote}
          pending={pendingTo === asking.to}
          serverError={serverError}
          onClose={() => setAsking(null)}
          onSubmit={(note) => {
            void onRun(asking, note || null).then((ok) => ok && setAsking(null));
          }}
        />
      ) : null}
    </div>
  );
}
