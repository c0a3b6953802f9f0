import { formatDateTime } from '../../../lib/dates';

interface TimelineEntryProps {
  /** The entry's look (`timeline__event--<modifier>`), or null for the plain one. */
  modifier: string | null;
  title: string;
  detail: string | null;
  /** When it happened (ISO), shown first in the meta line. */
  at: string;
  /** What follows the time in the meta line (" · who · what"), or empty. */
  meta: string;
}

/** One entry of a timeline list: the case's history (Timeline) and the parcel's scans (TrackingCard). */
export function TimelineEntry({ modifier, title, detail, at, meta }: TimelineEntryProps) {
  return (
    <li className={`timeline__event${modifier ? ` timeline__event--${modifier}` : ''}`}>
      <span className="timeline__dot" aria-hidden="true" />
      <div className="timeline__content">
        <p className="timeline__title">{title}</p>
        {detail ? <p className="timeline__detail">{detail}</p> : null}
        <p className="timeline__meta">
          <time dateTime={at}>{formatDateTime(at)}</time>
          {meta}
        </p>
      </div>
    </li>
  );
}
