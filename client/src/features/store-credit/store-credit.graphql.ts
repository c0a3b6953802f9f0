import { graphql } from '../../gql';

export const StoreCreditAccountFieldsFragment = graphql(`
  fragment StoreCreditAccountFields on StoreCreditAccount {
    merchantId
    merchantName
    currency
    balanceMinor
    issuedMinor
    bonusMinor
    spentMinor
    history {
      id
      kind
      amountMinor
      balanceAfterMinor
      caseId
      caseNumber
      orderNumber
      createdAt
    }
  }
`);

/** The signed-in customer's own accounts. */
export const MyStoreCreditDocument = graphql(`
  query MyStoreCredit {
    me {
      id
      storeCredit {
        ...StoreCreditAccountFields
      }
    }
  }
`);

/** A customer's accounts as staff (all) or a merchant (its own) read them. */
export const CustomerStoreCreditDocument = graphql(`
  query CustomerStoreCredit($customerId: ID!) {
    storeCreditAccounts(customerId: $customerId) {
      ...StoreCreditAccountFields
    }
  }
`);
