import { graphql } from '../../../gql';

/**
 * Everything a case page shows, composed from the fragments of the components that show it. Mutations that
 * change a case return this same selection, so the page updates from their answer alone. `$staff` includes the
 * fields only ops and admins may read (internal notes, risk).
 */
export const CaseDetailFragment = graphql(`
  fragment CaseDetail_case on ReturnCase {
    id
    number
    status
    version
    priority
    type
    outcome
    storeCreditBonusPercent
    slaDueAt
    slaBreached
    merchantResponseDueAt
    decidedAt
    disputedAt
    shipBy
    disputableUntil
    currency
    refundAmountMinor
    decisionReason
    assignee {
      id
      displayName
    }
    customer {
      id
      displayName
      email @include(if: $staff)
    }
    merchant {
      id
      name
      responseSlaHours
      slaTimeoutAction
    }
    availableTransitions {
      to
      action
      requiresNote
      operation
      forMerchant
    }
    ...CaseHeader_case
    ...CaseFacts_case
    ...StatusTracker_case
    ...MessageThread_case
    ...InternalNotes_case
    ...Timeline_case
    ...RiskPanel_case
    ...CaseDocuments_case
    ...ReturnLabel_case
    ...InspectionForm_case
    ...RefundPanel_case
    ...TrackingCard_case
    labelCarrier
    labelTrackingNumber
    inspectionNotes
    receivedAt
    inspectedAt
  }
`);

export const CaseDetailDocument = graphql(`
  query CaseDetail($id: ID!, $staff: Boolean!) {
    returnCase(id: $id) {
      id
      ...CaseDetail_case
    }
  }
`);
