import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';

// GraphiQL bundled with the app (no CDN): /graphiql works offline, against this server's /graphql, with the
// signed-in session's cookie. `apollo-require-preflight` satisfies the API's CSRF guard.
const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      'apollo-require-preflight': 'true',
      ...(options?.headers as Record<string, string> | undefined),
    },
    body: JSON.stringify(params),
  });
  return response.json();
};

const defaultQuery = `# Welcome to the ReturnHub API.
# Requests run with your browser session: sign in to the app first to see your cases.

query MyCases {
  me {
    displayName
    role
  }
  returnCases(first: 10) {
    totalCount
    edges {
      node {
        number
        status
        priority
        createdAt
      }
    }
  }
}
`;

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} />
  </StrictMode>,
);
