import { ROLE_LABEL } from '../../../app/auth/roles';
import { getFragmentData, type FragmentType } from '../../../gql';
import { formatDateTime } from '../../../lib/dates';
import { CaseNoteFragment } from '../graphql/case-note';

/** Notes oldest first; the viewer's own stand out, and each says who wrote it, in which role, and when. */
export function NoteList({ notes, viewerId, emptyText, testId }: {
  notes: ReadonlyArray<FragmentType<typeof CaseNoteFragment>>;
  viewerId: string;
  emptyText: string;
  testId: string;
}) {
  const list = getFragmentData(CaseNoteFragment, notes);
  if (list.length === 0) return <p className="note-list__empty muted">{emptyText}</p>;
  return (
    <ol className="note-list" data-testid={testId}>
      {list.map((note) => {
        const author = note.author; // null: written by ReturnHub itself (e.g. a refund that needs ops)
        const mine = author?.id === viewerId;
        return (
          <li key={note.id} className={`note${mine ? ' note--mine' : ''}${note.id.startsWith('optimistic-') ? ' note--sending' : ''}`} data-testid="note">
            <div className="note__head">
              <span className="note__author">{mine ? 'You' : (author?.displayName ?? 'ReturnHub')}</span>
              <span className={`note__role note__role--${author ? author.role.toLowerCase() : 'system'}`}>{author ? ROLE_LABEL[author.role] : 'System'}</span>
              <time className="note__time" dateTime={note.createdAt}>
                {note.id.startsWith('optimistic-') ? 'Sending…' : formatDateTime(note.createdAt)}
              </time>
            </div>
            <p className="note__body">{note.body}</p>
          </li>
        );
      })}
    </ol>
  );
}
