import type { Viewer } from '../../../app/auth/viewer';
import { graphql, getFragmentData, type FragmentType } from '../../../gql';
import { useAddNote } from '../hooks/useAddNote';
import { NoteComposer } from './NoteComposer';
import { NoteList } from './NoteList';

export const MessageThreadFragment = graphql(`
  fragment MessageThread_case on ReturnCase {
    id
    messages {
      id
      ...CaseNote_note
    }
  }
`);

const WHO_SEES = 'The customer, the merchant and the returns team all see these messages.';

/** The thread every party of the case sees, with a box to write in it. */
export function MessageThread({ returnCase, viewer, hint }: { returnCase: FragmentType<typeof MessageThreadFragment>; viewer: Viewer; hint?: string }) {
  const rc = getFragmentData(MessageThreadFragment, returnCase);
  const { post, pending, error } = useAddNote(rc.id, 'MESSAGE', viewer);
  return (
    <section className="card thread" aria-labelledby="messages-title">
      <div className="card__header">
        <h2 id="messages-title" className="card__title">
          Messages
        </h2>
        <span className="field__hint">
          {rc.messages.length} {rc.messages.length === 1 ? 'message' : 'messages'}
        </span>
      </div>
      <div className="card__body thread__body">
        <p className="field__hint">{hint ?? WHO_SEES}</p>
        <NoteList notes={rc.messages} viewerId={viewer.id} emptyText="No messages yet." testId="messages" />
        <NoteComposer label="Write a message" placeholder="Write a message to everyone on this case…" submitLabel="Send message" pending={pending} error={error} onPost={post} />
      </div>
    </section>
  );
}
