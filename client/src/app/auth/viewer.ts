import { graphql } from '../../gql';
import type { ViewerQuery } from '../../gql/graphql';

/** Who is signed in: the one source of truth for the session in the app (null when anonymous). */
export const ViewerDocument = graphql(`
  query Viewer {
    me {
      id
      username
      displayName
      role
    }
  }
`);

export type Viewer = NonNullable<ViewerQuery['me']>;
