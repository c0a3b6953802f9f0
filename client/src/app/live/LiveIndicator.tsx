import { useLiveStatus } from './live-status';
import './live.css';

const TEXT = {
  connecting: { label: 'Connecting…', title: 'Connecting for live updates' },
  live: { label: 'Live', title: 'This page updates by itself when someone changes it' },
  reconnecting: { label: 'Reconnecting…', title: 'Live updates are paused; the page catches up when the connection is back' },
} as const;

/** A small dot in the header while a page listens for live updates: green when live, amber while reconnecting. */
export function LiveIndicator() {
  const status = useLiveStatus();
  return (
    <span role="status" className="live-indicator-slot">
      {status === 'idle' ? null : (
        <span className={`live-indicator live-indicator--${status}`} title={TEXT[status].title} data-testid="live-indicator" data-status={status}>
          <span className="live-indicator__dot" aria-hidden="true" />
          <span className="live-indicator__label">{TEXT[status].label}</span>
        </span>
      )}
    </span>
  );
}
