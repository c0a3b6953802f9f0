import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FragmentType } from '../../../gql';
import type { CaseNoteFragment } from '../graphql/case-note';
import { NoteList } from './NoteList';

afterEach(cleanup);

const note = (id: string, body: string, author: { id: string; displayName: string; role: string } | null) =>
  ({ __typename: 'CaseNote', id, body, visibility: 'INTERNAL', createdAt: '2026-11-02T10:00:00.000Z', author: author && { __typename: 'User', ...author } }) as unknown as FragmentType<typeof CaseNoteFragment>;

describe('note list', () => {
  it('names the author and role of each note, and the system for notes ReturnHub wrote itself', () => {
    render(
      <NoteList
        testId="notes"
        viewerId="ops-1"
        emptyText="No notes."
        notes={[note('n1', 'Second claim this month.', { id: 'ops-2', displayName: 'Oscar Ops', role: 'OPS' }), note('n2', 'The refund failed again after 10 automatic retries.', null), note('n3', 'Mine.', { id: 'ops-1', displayName: 'Me', role: 'OPS' })]}
      />,
    );
    const [person, system, mine] = screen.getAllByTestId('note');
    expect(within(person).getByText('Oscar Ops')).toBeTruthy();
    expect(within(system).getByText('ReturnHub')).toBeTruthy();
    expect(within(system).getByText('System')).toBeTruthy();
    expect(within(mine).getByText('You')).toBeTruthy();
  });
});
