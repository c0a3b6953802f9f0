import type { Viewer } from '../../../app/auth/viewer';
import { graphql, getFragmentData, type FragmentType } from '../../../gql';
import { useAddNote } from '../hooks/useAddNote';
import { NoteComposer } from './NoteComposer';
import { NoteList } from './NoteList';

export const InternalNotesFragment = graphql(`
  fragment InternalNotes_case on ReturnCase {
    id
    internalNotes @include(if: $staff) {
      id
      ...CaseNote_note
    }
  }
`);

/** Ops' and admins' own notes on the case: never shown to the customer or the merchant, and marked so. */
export function InternalNotes({ returnCase, viewer }: { returnCase: FragmentType<typeof InternalNotesFragment>; viewer: Viewer }) {
  const rc = getFragmentData(InternalNotesFragment, returnCase);
  const notes = rc.internalNotes ?? [];
  const { post, pending, error } = useAddNote(rc.id, 'INTERNAL', viewer);
  return (
    <section className="card thread thread--internal" aria-labelledby="internal-notes-title" data-testid="internal-notes-panel">
      <div className="card__header">
        <h2 id="internal-notes-title" className="card__title">
          <svg className="thread__lock" viewBox="0 0 16 16" aria-hidden="true">
            <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" />
            <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
          </svg>
          Internal notes
        </h2>
        <span className="badge badge--warning">Staff only</span>
      </div>
      <div className="card__body thread__body">
        <p className="field__hint">Only ops agents and admins see these. Customers and merchants never do.</p>
        <NoteList notes={notes} viewerId={viewer.id} emptyText="No internal notes yet." testId="internal-notes" />
        <NoteComposer label="Write an internal note" placeholder="A note for the returns team only…" submitLabel="Add internal note" pending={pending} error={error} onPost={post} tone="internal" />
      </div>
    </section>
  );
}
