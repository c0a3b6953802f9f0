import { graphql } from '../../../gql';

/** The merchant a merchant user acts for: whose rules the rules page edits. */
export const RulesOwnMerchantDocument = graphql(`
  query RulesOwnMerchant {
    me {
      id
      merchantProfile {
        id
        name
      }
    }
  }
`);

/** An admin's choice of merchant (the first page by name, or those matching a search). */
export const RulesMerchantsDocument = graphql(`
  query RulesMerchants($search: String) {
    merchants(search: $search) {
      totalCount
      items {
        id
        name
      }
    }
  }
`);

export const ReturnRulesDocument = graphql(`
  query ReturnRules($merchantId: ID!) {
    returnRules(merchantId: $merchantId) {
      ...RuleSet_returnRules
    }
  }
`);

export const RuleSetFragment = graphql(`
  fragment RuleSet_returnRules on ReturnRuleSet {
    merchantId
    version
    isDefault
    updatedAt
    updatedBy
    rules {
      id
      name
      conditions {
        field
        anyOf
        min
        max
      }
      actions {
        type
        priority
        message
        photos
        bonusPercent
        percent
        amountMinor
      }
    }
  }
`);

export const SaveReturnRulesDocument = graphql(`
  mutation SaveReturnRules($merchantId: ID!, $expectedVersion: Int!, $rules: [ReturnRuleInput!]!) {
    saveReturnRules(merchantId: $merchantId, expectedVersion: $expectedVersion, rules: $rules) {
      ...RuleSet_returnRules
    }
  }
`);

/**
 * A draft replayed over the merchant's history: the same answer in the request (simulateReturnRules, up to 10,000
 * cases) and from a background simulation (ruleSimulation's result), so the editor shows both with one view.
 */
export const RuleSimulationResultFragment = graphql(`
  fragment RuleSimulation_result on RuleSimulation {
    cases
    currency
    currentVersion
    before {
      approved
      refused
      reviewed
      undecided
      kept
      credited
      refundMinor
      creditMinor
      creditBonusMinor
      labelsAvoided
      shippingAvoidedMinor
    }
    after {
      approved
      refused
      reviewed
      undecided
      kept
      credited
      refundMinor
      creditMinor
      creditBonusMinor
      labelsAvoided
      shippingAvoidedMinor
    }
    ruleMatches {
      ruleId
      name
      cases
    }
    changedCases {
      caseId
      number
      before
      after
    }
  }
`);

export const SimulateReturnRulesDocument = graphql(`
  query SimulateReturnRules($merchantId: ID!, $rules: [ReturnRuleInput!]!, $from: DateTimeISO!, $to: DateTimeISO!) {
    simulateReturnRules(merchantId: $merchantId, rules: $rules, from: $from, to: $to) {
      ...RuleSimulation_result
    }
  }
`);
