import { Link } from 'react-router';
import { PriorityLabel, RiskBadge, StatusBadge } from '../../../components/Badge';
import { SlaBadge } from '../../../components/SlaBadge';
import { graphql, getFragmentData, type FragmentType } from '../../../gql';
import type { QueueTable_CaseFragment } from '../../../gql/graphql';
import '../../../components/case-table.css';

export const QueueTableCaseFragment = graphql(`
  fragment QueueTable_case on ReturnCase {
    id
    number
    status
    priority
    slaDueAt
    slaBreached
    createdAt
    customer {
      id
      displayName
    }
    merchant {
      id
      name
    }
    order {
      id
      number
    }
    assignee {
      id
      displayName
    }
    risk {
      id
      label
      score
    }
  }
`);

function QueueRow({ rc, now, viewerId }: { rc: QueueTable_CaseFragment; now: number; viewerId: string }) {
  return (
    <tr className={`case-table__row${rc.slaBreached ? ' case-table__row--breached' : ''}`} data-testid="queue-row" data-case-number={rc.number}>
      <td className="case-table__case" data-label="Case">
        <Link className="case-table__number case-table__link" to={`/ops/${rc.id}`}>
          {rc.number}
        </Link>
        <span className="case-table__detail">
          {rc.order.number} · {rc.customer.displayName} · {rc.merchant.name}
        </span>
      </td>
      <td data-label="Status">
        <StatusBadge status={rc.status} />
      </td>
      <td data-label="Priority">
        <PriorityLabel priority={rc.priority} />
      </td>
      <td data-label="SLA">
        <SlaBadge status={rc.status} slaDueAt={rc.slaDueAt} slaBreached={rc.slaBreached} now={now} />
      </td>
      <td data-label="Risk">{rc.risk ? <RiskBadge label={rc.risk.label} score={rc.risk.score} /> : <span className="muted">Not scored</span>}</td>
      <td className="case-table__party" data-label="Assignee">
        {rc.assignee ? (rc.assignee.id === viewerId ? 'You' : rc.assignee.displayName) : <span className="muted">Unassigned</span>}
      </td>
    </tr>
  );
}

/** The queue page's cases, in the order the API serves them (breached, priority, deadline, age, id). */
export function QueueTable({ cases, now, viewerId }: { cases: ReadonlyArray<FragmentType<typeof QueueTableCaseFragment>>; now: number; viewerId: string }) {
  const rows = getFragmentData(QueueTableCaseFragment, cases);
  return (
    <div className="case-table__scroller">
      <table className="case-table">
        <caption className="visually-hidden">Ops queue, most urgent first</caption>
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">Status</th>
            <th scope="col">Priority</th>
            <th scope="col">SLA</th>
            <th scope="col">Risk</th>
            <th scope="col">Assignee</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((rc) => (
            <QueueRow key={rc.id} rc={rc} now={now} viewerId={viewerId} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
