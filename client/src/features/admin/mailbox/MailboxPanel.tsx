import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Spinner } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { DevMailboxQuery } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/dates';
import { ListCard, ListStates } from '../components/AdminTable';

export const DevMailboxDocument = graphql(`
  query DevMailbox($first: Int, $after: String) {
    devMailbox(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          caseId
          createdAt
          from
          to
          subject
          text
          html
        }
      }
    }
  }
`);

type Message = DevMailboxQuery['devMailbox']['edges'][number]['node'];
const PAGE = 25;

/**
 * A mail's HTML, shown without letting it act: the sandbox (no allow-* tokens) runs no script, submits no form and
 * cannot reach this page or its cookies; the policy inside also keeps it from loading anything over the network.
 */
export function safeMailDocument(html: string): string {
  const policy = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`;
  return `<!doctype html><html><head><meta charset="utf-8">${policy}<base target="_blank"></head><body>${html}</body></html>`;
}

function MessageReader({ message }: { message: Message }) {
  const [view, setView] = useState<'html' | 'text'>(message.html ? 'html' : 'text');
  return (
    <article className="card mail-reader" aria-labelledby="mail-subject" data-testid="mail-reader">
      <div className="card__header mail-reader__header">
        <div>
          <h2 id="mail-subject" className="card__title">
            {message.subject}
          </h2>
          <dl className="mail-reader__meta">
            <dt>From</dt>
            <dd>{message.from}</dd>
            <dt>To</dt>
            <dd>{message.to}</dd>
            <dt>Sent</dt>
            <dd>{formatDateTime(message.createdAt)}</dd>
            {message.caseId ? (
              <>
                <dt>Case</dt>
                <dd>
                  <Link to={`/ops/${message.caseId}`}>Open the case</Link>
                </dd>
              </>
            ) : null}
          </dl>
        </div>
        {message.html ? (
          <div className="segmented" role="group" aria-label="Show the message as">
            <button type="button" className="segmented__item" aria-pressed={view === 'html'} onClick={() => setView('html')}>
              Formatted
            </button>
            <button type="button" className="segmented__item" aria-pressed={view === 'text'} onClick={() => setView('text')}>
              Plain text
            </button>
          </div>
        ) : null}
      </div>
      <div className="card__body">
        {view === 'html' ? (
          <iframe className="mail-reader__frame" title={`Message: ${message.subject}`} sandbox="" srcDoc={safeMailDocument(message.html)} data-testid="mail-html" />
        ) : (
          <pre className="mail-reader__text" data-testid="mail-text">
            {message.text}
          </pre>
        )}
      </div>
    </article>
  );
}

/** Admin › Mailbox: what the local mail adapter kept instead of sending (MAIL_DRIVER=dev), newest first. */
export function MailboxPanel() {
  const [searchParams, setSearchParams] = useSearchParams();
  const { data, previousData, loading, error, refetch, fetchMore, networkStatus } = useQuery(DevMailboxDocument, {
    variables: { first: PAGE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const mailbox = (data ?? previousData)?.devMailbox;
  const messages = mailbox?.edges.map((e) => e.node) ?? [];
  const selectedId = searchParams.get('message');
  const selected = messages.find((m) => m.id === selectedId) ?? null;
  const more = () =>
    void fetchMore({
      variables: { after: mailbox?.pageInfo.endCursor },
      updateQuery: (prev, { fetchMoreResult }) => ({
        devMailbox: { ...fetchMoreResult.devMailbox, edges: [...prev.devMailbox.edges, ...fetchMoreResult.devMailbox.edges] },
      }),
    }).catch(() => undefined);

  return (
    <div className={messages.length > 0 ? 'mailbox' : 'mailbox mailbox--empty'}>
      <ListCard
        id="mailbox-title"
        title="Messages"
        count={mailbox ? `${mailbox.totalCount} ${mailbox.totalCount === 1 ? 'message' : 'messages'}` : undefined}
        busy={networkStatus === NetworkStatus.refetch}
        footer={
          mailbox && messages.length > 0 ? (
            <>
              <p className="muted">
                Showing {messages.length} of {mailbox.totalCount}
              </p>
              <span className="mailbox__footer-actions">
                <button type="button" className="button button--ghost button--small" onClick={() => void refetch().catch(() => undefined)}>
                  Refresh
                </button>
                {mailbox.pageInfo.hasNextPage ? (
                  <button type="button" className="button button--secondary button--small" onClick={more} disabled={networkStatus === NetworkStatus.fetchMore}>
                    {networkStatus === NetworkStatus.fetchMore ? <Spinner size="sm" /> : null}
                    Show older messages
                  </button>
                ) : null}
              </span>
            </>
          ) : undefined
        }
      >
        <ListStates
          hasData={Boolean(mailbox)}
          loading={loading}
          error={error}
          onRetry={() => void refetch().catch(() => undefined)}
          isEmpty={messages.length === 0}
          loadingLabel="Opening the mailbox…"
          errorTitle="The mailbox could not be loaded"
          empty={{
            title: 'The development mailbox is empty',
            body: 'With the local mail adapter (MAIL_DRIVER=dev) ReturnHub keeps the e-mails it would send — case updates to customers and merchants — here instead of delivering them. They appear as cases change.',
            action: (
              <button type="button" className="button button--secondary" onClick={() => void refetch().catch(() => undefined)}>
                Refresh
              </button>
            ),
          }}
        >
          <ul className="mail-list" aria-label="Messages, newest first">
            {messages.map((m) => (
              <li key={m.id}>
                <Link
                  className={`mail-list__item${m.id === selectedId ? ' mail-list__item--selected' : ''}`}
                  to={`?message=${m.id}`}
                  aria-current={m.id === selectedId ? 'true' : undefined}
                  data-testid="mail-row"
                  onClick={(e) => {
                    e.preventDefault();
                    setSearchParams({ message: m.id }, { replace: true });
                  }}
                >
                  <span className="mail-list__subject">{m.subject}</span>
                  <span className="mail-list__meta">
                    To {m.to} · {formatDateTime(m.createdAt)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </ListStates>
      </ListCard>
      {selected ? (
        <MessageReader key={selected.id} message={selected} />
      ) : mailbox && messages.length > 0 ? (
        <p className="card card__body muted mailbox__hint">Choose a message to read it.</p>
      ) : null}
    </div>
  );
}
