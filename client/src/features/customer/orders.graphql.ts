import { graphql } from '../../gql';

export const CustomerOrdersDocument = graphql(`
  query CustomerOrders($after: String) {
    orders(first: 10, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          number
          status
          placedAt
          deliveredAt
          cancellationPending
          cancellationReason
          currency
          totalMinor
          merchant {
            id
            name
            returnWindowDays
          }
          items {
            id
            name
            quantity
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** What of an order can be returned now, item by item, and why not (the API's words). */
export const ReturnEligibilityDocument = graphql(`
  query ReturnEligibility($orderId: ID!) {
    returnEligibility(orderId: $orderId) {
      orderId
      eligible
      reason
      rule
      windowDays
      windowEndsAt
      daysSinceDelivery
      items {
        orderItemId
        name
        sku
        unitPriceMinor
        orderedQuantity
        claimedQuantity
        returnableQuantity
        finalSale
        eligible
        reason
      }
    }
  }
`);

export const OpenReturnOrderDocument = graphql(`
  query OpenReturnOrder($orderId: ID!) {
    order(id: $orderId) {
      id
      number
      status
      deliveredAt
      currency
      merchant {
        id
        name
        returnWindowDays
        restockingFeePercent
      }
    }
    returnEligibility(orderId: $orderId) {
      orderId
      eligible
      reason
      windowEndsAt
      items {
        orderItemId
        name
        sku
        unitPriceMinor
        orderedQuantity
        returnableQuantity
        finalSale
        eligible
        reason
        outcomes
        storeCreditBonusPercent
        requiredPhotos
        byReason {
          reason
          outcomes
          storeCreditBonusPercent
          ruleMessage
          restockingFeePercent
          returnShippingFeeMinor
          requiredPhotos
        }
      }
    }
  }
`);

export const CreateReturnCaseDocument = graphql(`
  mutation CreateReturnCase($input: CreateReturnCaseInput!, $evidence: [Upload!]) {
    createReturnCase(input: $input, evidence: $evidence) {
      id
      number
      status
    }
  }
`);
