import { Component, type ReactNode } from 'react';
import { ErrorState } from './PageState';

interface Props {
  children: ReactNode;
}

/** Catches render errors and failed lazy-chunk loads (e.g. after a deploy) so one page cannot blank the app. */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return <ErrorState title="This page could not be displayed" onRetry={() => window.location.reload()} />;
  }
}
