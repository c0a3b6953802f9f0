import type { ReturnReason, ReturnType } from '../../gql/graphql';

export interface ReturnDraft {
  /** Quantity chosen per order item; absent or 0 = not returned. */
  quantities: Record<string, number>;
  reason: ReturnReason | '';
  type: ReturnType;
  description: string;
}

export const MAX_DESCRIPTION = 5_000;

/** What stops the return from being sent, per field (checked before the API, which checks again). */
export function draftProblems(draft: ReturnDraft, returnable: Record<string, number>): Record<string, string> {
  const problems: Record<string, string> = {};
  const chosen = Object.entries(draft.quantities).filter(([, q]) => q > 0);
  if (chosen.length === 0) problems.items = 'Choose at least one item to return.';
  for (const [id, quantity] of chosen) {
    if (quantity > (returnable[id] ?? 0)) problems.items = `At most ${returnable[id] ?? 0} of an item can be returned.`;
  }
  if (!draft.reason) problems.reason = 'Choose why you are returning the items.';
  if (draft.reason === 'OTHER' && !draft.description.trim()) problems.description = 'Tell us a little more: you chose “Other”.';
  if (draft.description.trim().length > MAX_DESCRIPTION) problems.description = `Keep it to ${MAX_DESCRIPTION.toLocaleString('en')} characters.`;
  return problems;
}
