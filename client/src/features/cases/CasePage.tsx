import { useQuery } from '@apollo/client/react';
import { useParams } from 'react-router';
import { useViewer } from '../../app/auth/auth-context';
import { isStaffRole } from '../../app/auth/roles';
import { useCaseLiveUpdates } from '../../app/live/useLiveUpdates';
import { ErrorState, LoadingState } from '../../components/PageState';
import { getFragmentData } from '../../gql';
import { describeApiError } from '../../lib/errors';
import NotFoundPage from '../not-found/NotFoundPage';
import { CaseDetailDocument, CaseDetailFragment } from './graphql/case-detail';
import { CustomerCaseView } from './views/CustomerCaseView';
import { MerchantCaseView } from './views/MerchantCaseView';
import { OpsWorkspace } from './views/OpsWorkspace';
import './case.css';

/**
 * One case, for whoever is signed in: the ops workspace for ops and admins, the decision page for the
 * merchant, the tracker for the customer (/cases/:caseId picks by role; the role routes are guarded). A case the
 * viewer may not see is a page that does not exist — the API answers NOT_FOUND exactly as for a missing id.
 */
export default function CasePage() {
  const { caseId = '' } = useParams();
  const viewer = useViewer();
  const staff = viewer ? isStaffRole(viewer.role) : false;
  const { data, error, loading, refetch } = useQuery(CaseDetailDocument, {
    variables: { id: caseId, staff },
    skip: !viewer,
    // Others work the same cases: show what is cached at once, then what is current.
    fetchPolicy: 'cache-and-network',
  });
  // Changes by others (and after a dropped connection) reach the open page without a reload.
  useCaseLiveUpdates(caseId, { skip: !viewer || !data, refetch: () => void refetch().catch(() => undefined) });
  if (!viewer) return null;
  if (!data) {
    if (loading) return <LoadingState label="Loading the case…" />;
    const code = describeApiError(error).code;
    if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') return <NotFoundPage />;
    return <ErrorState title="This case could not be loaded" error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  }
  const rc = getFragmentData(CaseDetailFragment, data.returnCase);
  const reload = () => void refetch().catch(() => undefined);
  if (staff) return <OpsWorkspace rc={rc} viewer={viewer} onReload={reload} />;
  if (viewer.role === 'MERCHANT') return <MerchantCaseView rc={rc} viewer={viewer} onReload={reload} />;
  return <CustomerCaseView rc={rc} viewer={viewer} onReload={reload} />;
}
