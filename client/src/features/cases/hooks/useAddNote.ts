import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import type { Viewer } from '../../../app/auth/viewer';
import { graphql, makeFragmentData } from '../../../gql';
import type { NoteVisibility } from '../../../gql/graphql';
import { CaseNoteFragment } from '../graphql/case-note';
import { evictCaseLists } from './case-cache';

export const AddCaseNoteDocument = graphql(`
  mutation AddCaseNote($caseId: ID!, $body: String!, $visibility: NoteVisibility!) {
    addCaseNote(caseId: $caseId, body: $body, visibility: $visibility) {
      id
      ...CaseNote_note
    }
  }
`);

let optimisticSeq = 0;

/**
 * Posts a message or an internal note. The note appears at once (optimistic: nothing about it can be refused
 * once the text is valid) and is appended to the right thread in the cache; the case is then read again because
 * its timeline grew, and a message from the party a follow-up waits on moves the case back to review.
 */
export function useAddNote(caseId: string, visibility: NoteVisibility, viewer: Viewer) {
  const [mutate, { loading, error, reset }] = useMutation(AddCaseNoteDocument, {
    refetchQueries: ['CaseDetail'],
    update(cache, { data }) {
      if (!data) return;
      const ref = cache.identify(data.addCaseNote);
      const field = visibility === 'INTERNAL' ? 'internalNotes' : 'messages';
      cache.modify({
        id: cache.identify({ __typename: 'ReturnCase', id: caseId }),
        fields: {
          [field]: (existing: ReadonlyArray<{ __ref: string }> = []) => (existing.some((n) => n.__ref === ref) ? existing : [...existing, { __ref: ref! }]),
        },
      });
      evictCaseLists(cache);
    },
  });

  const post = useCallback(
    async (body: string): Promise<boolean> => {
      const tempId = `optimistic-note-${++optimisticSeq}`;
      try {
        await mutate({
          variables: { caseId, body, visibility },
          optimisticResponse: {
            addCaseNote: {
              __typename: 'CaseNote',
              id: tempId,
              ...makeFragmentData(
                {
                  __typename: 'CaseNote',
                  id: tempId,
                  body,
                  visibility,
                  createdAt: new Date().toISOString(),
                  author: { __typename: 'User', id: viewer.id, displayName: viewer.displayName, role: viewer.role },
                },
                CaseNoteFragment,
              ),
            },
          },
        });
        return true;
      } catch {
        return false;
      }
    },
    [mutate, caseId, visibility, viewer],
  );
  return { post, pending: loading, error, reset };
}
