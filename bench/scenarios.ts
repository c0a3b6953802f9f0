// The GraphQL documents the benchmark sends: what the ops queue, the ops case workspace and the customer's
// "open a return" form ask for. Kept here (not in client/) so the benchmark does not move when the SPA does.

/** One queue row as the ops queue shows it: the case, its order, customer, merchant, assignee and risk. */
const QUEUE_ROW = `id number status priority type reason slaDueAt createdAt slaBreached refundAmountMinor currency version
  order { id number totalMinor deliveredAt }
  customer { id displayName email }
  merchant { id name }
  assignee { id displayName }
  risk { label score }`;

export const QUEUE_PAGE = `query BenchQueue($page: Int) {
  queue(page: $page) {
    page pageSize totalCount totalPages
    summary { total breached dueWithin24h highRisk byStatus { status count } }
    items { ${QUEUE_ROW} }
  }
}`;

export const QUEUE_CONNECTION = `query BenchQueueConnection($first: Int, $after: String) {
  queueConnection(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ${QUEUE_ROW} } }
  }
}`;

/** A cursor walk only needs the cursors. */
export const QUEUE_CURSOR_WALK = `query BenchQueueWalk($first: Int, $after: String) {
  queueConnection(first: $first, after: $after) { pageInfo { hasNextPage endCursor } }
}`;

export const CASE_DETAIL = `query BenchCase($id: ID!) {
  returnCase(id: $id) {
    id number status priority type reason description slaDueAt slaBreached merchantResponseDueAt createdAt updatedAt version
    refundAmountMinor restockingFeeMinor currency carrier trackingNumber decisionReason inspectionPassed inspectionNotes
    firstResponseAt decidedAt shippedAt receivedAt inspectedAt refundedAt closedAt
    order { id number status totalMinor shippingFeeMinor deliveredAt }
    customer { id displayName email }
    merchant { id name returnWindowDays responseSlaHours restockingFeePercent }
    assignee { id displayName }
    items { id quantity condition restockable orderItem { id sku name quantity unitPriceMinor } }
    messages { id body createdAt author { id displayName } }
    internalNotes { id body createdAt author { id displayName } }
    timeline { id type actorLabel fromStatus toStatus createdAt payload }
    availableTransitions { to action requiresNote operation }
    risk { label score modelVersion scoredAt reasonCodes { code text contribution } }
  }
}`;

export const CREATE_RETURN_CASE = `mutation BenchCreate($input: CreateReturnCaseInput!) {
  createReturnCase(input: $input) { id number status refundAmountMinor slaDueAt }
}`;
