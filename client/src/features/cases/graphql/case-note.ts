import { graphql } from '../../../gql';

/** One note as every thread shows it; also what addCaseNote returns, so a new note lands in the cache whole. */
export const CaseNoteFragment = graphql(`
  fragment CaseNote_note on CaseNote {
    id
    body
    visibility
    createdAt
    author {
      id
      displayName
      role
    }
  }
`);
