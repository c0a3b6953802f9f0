/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation SignOut {\n    logout\n  }\n": typeof types.SignOutDocument,
    "\n  query Viewer {\n    me {\n      id\n      username\n      displayName\n      role\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  subscription CaseUpdated($id: ID!) {\n    caseUpdated(id: $id) {\n      id\n      version\n    }\n  }\n": typeof types.CaseUpdatedDocument,
    "\n  subscription QueueChanged {\n    queueChanged {\n      caseId\n      eventType\n    }\n  }\n": typeof types.QueueChangedDocument,
    "\n  query ReturnsAnalytics($from: String!, $to: String!) {\n    returnsAnalytics(from: $from, to: $to) {\n      from\n      to\n      opened\n      closed\n      approvalRate\n      medianHoursToDecision\n      medianHoursToRefund\n      slaBreachRate\n      refundedMinor\n      byStatus {\n        key\n        count\n      }\n      byReason {\n        key\n        count\n      }\n      byMerchant {\n        merchantId\n        name\n        opened\n        approvalRate\n      }\n      daily {\n        date\n        opened\n        closed\n        refundedMinor\n      }\n    }\n  }\n": typeof types.ReturnsAnalyticsDocument,
    "\n  query DevMailbox($first: Int, $after: String) {\n    devMailbox(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          caseId\n          createdAt\n          from\n          to\n          subject\n          text\n          html\n        }\n      }\n    }\n  }\n": typeof types.DevMailboxDocument,
    "\n  query AdminMerchants($search: String, $page: Int) {\n    merchants(search: $search, page: $page) {\n      page\n      pageSize\n      totalCount\n      totalPages\n      items {\n        id\n        ...MerchantPolicy_merchant\n      }\n    }\n  }\n": typeof types.AdminMerchantsDocument,
    "\n  fragment MerchantPolicy_merchant on MerchantProfile {\n    id\n    name\n    marketplaceSeller\n    returnWindowDays\n    responseSlaHours\n    slaTimeoutAction\n    autoApproveLimitMinor\n    restockingFeePercent\n    refundShipping\n    warehouseAddress\n  }\n": typeof types.MerchantPolicy_MerchantFragmentDoc,
    "\n  mutation UpdateMerchantPolicy($merchantId: ID!, $input: MerchantPolicyInput!) {\n    updateMerchantPolicy(merchantId: $merchantId, input: $input) {\n      id\n      ...MerchantPolicy_merchant\n    }\n  }\n": typeof types.UpdateMerchantPolicyDocument,
    "\n  query ModelRegistry {\n    models {\n      active\n      scoringWith\n      versions {\n        version\n        contractVersion\n        createdAt\n        active\n        trainingRows\n        trainingDataSha256\n        metrics {\n          auc\n          logLoss\n          brier\n          ece\n          n\n          baseRate\n        }\n        heuristicMetrics {\n          auc\n          logLoss\n          brier\n          ece\n          n\n          baseRate\n        }\n      }\n    }\n  }\n": typeof types.ModelRegistryDocument,
    "\n  mutation ActivateModel($version: String!) {\n    activateModel(version: $version) {\n      active\n      scoringWith\n    }\n  }\n": typeof types.ActivateModelDocument,
    "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      prefix\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  query MerchantChoices {\n    merchants {\n      items {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MerchantChoicesDocument,
    "\n  mutation CreateApiToken($name: String!, $merchantId: ID) {\n    createApiToken(name: $name, merchantId: $merchantId) {\n      secret\n      token {\n        id\n        name\n        prefix\n        createdAt\n        lastUsedAt\n        revokedAt\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  query AdminUsers($filter: UserFilter, $page: Int) {\n    users(filter: $filter, page: $page) {\n      page\n      pageSize\n      totalCount\n      totalPages\n      items {\n        id\n        username\n        displayName\n        email\n        role\n        active\n        createdAt\n      }\n    }\n  }\n": typeof types.AdminUsersDocument,
    "\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    setUserActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n": typeof types.SetUserActiveDocument,
    "\n  query AppInfo {\n    appInfo {\n      demoSignInEnabled\n    }\n  }\n": typeof types.AppInfoDocument,
    "\n  mutation SignIn($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      id\n      username\n      displayName\n      role\n    }\n  }\n": typeof types.SignInDocument,
    "\n  fragment CaseFacts_case on ReturnCase {\n    id\n    type\n    reason\n    description\n    currency\n    refundAmountMinor\n    restockingFeeMinor\n    decisionReason\n    carrier\n    trackingNumber\n    order {\n      id\n      number\n      placedAt\n      deliveredAt\n    }\n    merchant {\n      id\n      name\n      returnWindowDays\n      responseSlaHours\n    }\n    items {\n      id\n      quantity\n      condition\n      restockable\n      orderItem {\n        id\n        name\n        sku\n        unitPriceMinor\n      }\n    }\n  }\n": typeof types.CaseFacts_CaseFragmentDoc,
    "\n  fragment CaseHeader_case on ReturnCase {\n    id\n    number\n    status\n    type\n    createdAt\n    order {\n      id\n      number\n    }\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n  }\n": typeof types.CaseHeader_CaseFragmentDoc,
    "\n  fragment InternalNotes_case on ReturnCase {\n    id\n    internalNotes @include(if: $staff) {\n      id\n      ...CaseNote_note\n    }\n  }\n": typeof types.InternalNotes_CaseFragmentDoc,
    "\n  fragment MessageThread_case on ReturnCase {\n    id\n    messages {\n      id\n      ...CaseNote_note\n    }\n  }\n": typeof types.MessageThread_CaseFragmentDoc,
    "\n  fragment RiskPanel_case on ReturnCase {\n    id\n    risk @include(if: $staff) {\n      id\n      score\n      label\n      modelVersion\n      scoredAt\n      reasonCodes {\n        code\n        text\n        contribution\n      }\n    }\n  }\n": typeof types.RiskPanel_CaseFragmentDoc,
    "\n  fragment StatusTracker_case on ReturnCase {\n    id\n    status\n    type\n    createdAt\n    firstResponseAt\n    decidedAt\n    shippedAt\n    receivedAt\n    inspectedAt\n    refundedAt\n    closedAt\n  }\n": typeof types.StatusTracker_CaseFragmentDoc,
    "\n  fragment Timeline_case on ReturnCase {\n    id\n    timeline {\n      id\n      type\n      actorLabel\n      fromStatus\n      toStatus\n      payload\n      createdAt\n    }\n  }\n": typeof types.Timeline_CaseFragmentDoc,
    "\n  fragment CaseDetail_case on ReturnCase {\n    id\n    number\n    status\n    version\n    priority\n    type\n    slaDueAt\n    slaBreached\n    merchantResponseDueAt\n    decidedAt\n    disputedAt\n    currency\n    refundAmountMinor\n    decisionReason\n    assignee {\n      id\n      displayName\n    }\n    customer {\n      id\n      displayName\n      email\n    }\n    merchant {\n      id\n      name\n      responseSlaHours\n      slaTimeoutAction\n    }\n    availableTransitions {\n      to\n      action\n      requiresNote\n      operation\n    }\n    ...CaseHeader_case\n    ...CaseFacts_case\n    ...StatusTracker_case\n    ...MessageThread_case\n    ...InternalNotes_case\n    ...Timeline_case\n    ...RiskPanel_case\n  }\n": typeof types.CaseDetail_CaseFragmentDoc,
    "\n  query CaseDetail($id: ID!, $staff: Boolean!) {\n    returnCase(id: $id) {\n      id\n      ...CaseDetail_case\n    }\n  }\n": typeof types.CaseDetailDocument,
    "\n  fragment CaseNote_note on CaseNote {\n    id\n    body\n    visibility\n    createdAt\n    author {\n      id\n      displayName\n      role\n    }\n  }\n": typeof types.CaseNote_NoteFragmentDoc,
    "\n  mutation AddCaseNote($caseId: ID!, $body: String!, $visibility: NoteVisibility!) {\n    addCaseNote(caseId: $caseId, body: $body, visibility: $visibility) {\n      id\n      ...CaseNote_note\n    }\n  }\n": typeof types.AddCaseNoteDocument,
    "\n  query CaseAuditExport($caseId: ID!, $format: AuditExportFormat!) {\n    caseAuditExport(caseId: $caseId, format: $format) {\n      fileName\n      contentType\n      content\n    }\n  }\n": typeof types.CaseAuditExportDocument,
    "\n  mutation TransitionCase($id: ID!, $to: CaseStatus!, $note: String, $expectedVersion: Int, $staff: Boolean!) {\n    transitionReturnCase(id: $id, to: $to, note: $note, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n": typeof types.TransitionCaseDocument,
    "\n  mutation RequestFollowUp($id: ID!, $from: FollowUpParty!, $message: String!, $expectedVersion: Int, $staff: Boolean!) {\n    requestFollowUp(id: $id, from: $from, message: $message, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n": typeof types.RequestFollowUpDocument,
    "\n  mutation DecideCase($id: ID!, $decision: CaseDecision!, $reason: String, $expectedVersion: Int, $staff: Boolean!) {\n    decideReturnCase(id: $id, decision: $decision, reason: $reason, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n": typeof types.DecideCaseDocument,
    "\n  mutation CancelCase($id: ID!, $reason: String, $expectedVersion: Int, $staff: Boolean!) {\n    cancelReturnCase(id: $id, reason: $reason, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n": typeof types.CancelCaseDocument,
    "\n  mutation DisputeCase($id: ID!, $reason: String!, $expectedVersion: Int, $staff: Boolean!) {\n    disputeDecision(id: $id, reason: $reason, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n": typeof types.DisputeCaseDocument,
    "\n  mutation ResolveDispute($id: ID!, $outcome: DisputeOutcome!, $note: String!, $expectedVersion: Int, $staff: Boolean!) {\n    resolveDispute(id: $id, outcome: $outcome, note: $note, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n": typeof types.ResolveDisputeDocument,
    "\n  mutation SetCasePriority($id: ID!, $priority: CasePriority!, $expectedVersion: Int) {\n    setCasePriority(id: $id, priority: $priority, expectedVersion: $expectedVersion) {\n      id\n      version\n      priority\n      slaDueAt\n      slaBreached\n    }\n  }\n": typeof types.SetCasePriorityDocument,
    "\n  mutation AssignCase($id: ID!, $assigneeId: ID, $expectedVersion: Int) {\n    assignCase(id: $id, assigneeId: $assigneeId, expectedVersion: $expectedVersion) {\n      id\n      version\n      assignee {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.AssignCaseDocument,
    "\n  mutation RescoreCase($id: ID!) {\n    rescoreCase(id: $id) {\n      id\n      score\n      label\n      modelVersion\n      scoredAt\n      reasonCodes {\n        code\n        text\n        contribution\n      }\n    }\n  }\n": typeof types.RescoreCaseDocument,
    "\n  fragment CaseTable_case on ReturnCase {\n    id\n    number\n    status\n    priority\n    type\n    createdAt\n    refundAmountMinor\n    currency\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n    reason\n    order {\n      id\n      number\n    }\n  }\n": typeof types.CaseTable_CaseFragmentDoc,
    "\n  query ConsoleCases($after: String) {\n    returnCases(first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...CaseTable_case\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ConsoleCasesDocument,
    "\n  query CustomerCases($after: String) {\n    returnCases(first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          type\n          createdAt\n          decidedAt\n          merchantResponseDueAt\n          refundAmountMinor\n          currency\n          merchant {\n            id\n            name\n            slaTimeoutAction\n          }\n          order {\n            id\n            number\n          }\n          reason\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.CustomerCasesDocument,
    "\n  query MerchantCases($after: String, $filter: ReturnCaseFilter) {\n    returnCases(first: 25, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          type\n          createdAt\n          merchantResponseDueAt\n          refundAmountMinor\n          currency\n          customer {\n            id\n            displayName\n          }\n          order {\n            id\n            number\n          }\n          reason\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MerchantCasesDocument,
    "\n  query OpsQueue($filter: QueueFilter, $page: Int) {\n    queue(filter: $filter, page: $page) {\n      page\n      pageSize\n      totalCount\n      totalPages\n      summary {\n        total\n        breached\n        dueWithin24h\n        highRisk\n        byStatus {\n          status\n          count\n        }\n      }\n      items {\n        id\n        ...QueueTable_case\n      }\n    }\n  }\n": typeof types.OpsQueueDocument,
    "\n  fragment QueueTable_case on ReturnCase {\n    id\n    number\n    status\n    priority\n    slaDueAt\n    slaBreached\n    createdAt\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n    order {\n      id\n      number\n    }\n    assignee {\n      id\n      displayName\n    }\n    risk {\n      id\n      label\n      score\n    }\n  }\n": typeof types.QueueTable_CaseFragmentDoc,
};
const documents: Documents = {
    "\n  mutation SignOut {\n    logout\n  }\n": types.SignOutDocument,
    "\n  query Viewer {\n    me {\n      id\n      username\n      displayName\n      role\n    }\n  }\n": types.ViewerDocument,
    "\n  subscription CaseUpdated($id: ID!) {\n    caseUpdated(id: $id) {\n      id\n      version\n    }\n  }\n": types.CaseUpdatedDocument,
    "\n  subscription QueueChanged {\n    queueChanged {\n      caseId\n      eventType\n    }\n  }\n": types.QueueChangedDocument,
    "\n  query ReturnsAnalytics($from: String!, $to: String!) {\n    returnsAnalytics(from: $from, to: $to) {\n      from\n      to\n      opened\n      closed\n      approvalRate\n      medianHoursToDecision\n      medianHoursToRefund\n      slaBreachRate\n      refundedMinor\n      byStatus {\n        key\n        count\n      }\n      byReason {\n        key\n        count\n      }\n      byMerchant {\n        merchantId\n        name\n        opened\n        approvalRate\n      }\n      daily {\n        date\n        opened\n        closed\n        refundedMinor\n      }\n    }\n  }\n": types.ReturnsAnalyticsDocument,
    "\n  query DevMailbox($first: Int, $after: String) {\n    devMailbox(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          caseId\n          createdAt\n          from\n          to\n          subject\n          text\n          html\n        }\n      }\n    }\n  }\n": types.DevMailboxDocument,
    "\n  query AdminMerchants($search: String, $page: Int) {\n    merchants(search: $search, page: $page) {\n      page\n      pageSize\n      totalCount\n      totalPages\n      items {\n        id\n        ...MerchantPolicy_merchant\n      }\n    }\n  }\n": types.AdminMerchantsDocument,
    "\n  fragment MerchantPolicy_merchant on MerchantProfile {\n    id\n    name\n    marketplaceSeller\n    returnWindowDays\n    responseSlaHours\n    slaTimeoutAction\n    autoApproveLimitMinor\n    restockingFeePercent\n    refundShipping\n    warehouseAddress\n  }\n": types.MerchantPolicy_MerchantFragmentDoc,
    "\n  mutation UpdateMerchantPolicy($merchantId: ID!, $input: MerchantPolicyInput!) {\n    updateMerchantPolicy(merchantId: $merchantId, input: $input) {\n      id\n      ...MerchantPolicy_merchant\n    }\n  }\n": types.UpdateMerchantPolicyDocument,
    "\n  query ModelRegistry {\n    models {\n      active\n      scoringWith\n      versions {\n        version\n        contractVersion\n        createdAt\n        active\n        trainingRows\n        trainingDataSha256\n        metrics {\n          auc\n          logLoss\n          brier\n          ece\n          n\n          baseRate\n        }\n        heuristicMetrics {\n          auc\n          logLoss\n          brier\n          ece\n          n\n          baseRate\n        }\n      }\n    }\n  }\n": types.ModelRegistryDocument,
    "\n  mutation ActivateModel($version: String!) {\n    activateModel(version: $version) {\n      active\n      scoringWith\n    }\n  }\n": types.ActivateModelDocument,
    "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      prefix\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": types.ApiTokensDocument,
    "\n  query MerchantChoices {\n    merchants {\n      items {\n        id\n        name\n      }\n    }\n  }\n": types.MerchantChoicesDocument,
    "\n  mutation CreateApiToken($name: String!, $merchantId: ID) {\n    createApiToken(name: $name, merchantId: $merchantId) {\n      secret\n      token {\n        id\n        name\n        prefix\n        createdAt\n        lastUsedAt\n        revokedAt\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  query AdminUsers($filter: UserFilter, $page: Int) {\n    users(filter: $filter, page: $page) {\n      page\n      pageSize\n      totalCount\n      totalPages\n      items {\n        id\n        username\n        displayName\n        email\n        role\n        active\n        createdAt\n      }\n    }\n  }\n": types.AdminUsersDocument,
    "\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    setUserActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n": types.SetUserActiveDocument,
    "\n  query AppInfo {\n    appInfo {\n      demoSignInEnabled\n    }\n  }\n": types.AppInfoDocument,
    "\n  mutation SignIn($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      id\n      username\n      displayName\n      role\n    }\n  }\n": types.SignInDocument,
    "\n  fragment CaseFacts_case on ReturnCase {\n    id\n    type\n    reason\n    description\n    currency\n    refundAmountMinor\n    restockingFeeMinor\n    decisionReason\n    carrier\n    trackingNumber\n    order {\n      id\n      number\n      placedAt\n      deliveredAt\n    }\n    merchant {\n      id\n      name\n      returnWindowDays\n      responseSlaHours\n    }\n    items {\n      id\n      quantity\n      condition\n      restockable\n      orderItem {\n        id\n        name\n        sku\n        unitPriceMinor\n      }\n    }\n  }\n": types.CaseFacts_CaseFragmentDoc,
    "\n  fragment CaseHeader_case on ReturnCase {\n    id\n    number\n    status\n    type\n    createdAt\n    order {\n      id\n      number\n    }\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n  }\n": types.CaseHeader_CaseFragmentDoc,
    "\n  fragment InternalNotes_case on ReturnCase {\n    id\n    internalNotes @include(if: $staff) {\n      id\n      ...CaseNote_note\n    }\n  }\n": types.InternalNotes_CaseFragmentDoc,
    "\n  fragment MessageThread_case on ReturnCase {\n    id\n    messages {\n      id\n      ...CaseNote_note\n    }\n  }\n": types.MessageThread_CaseFragmentDoc,
    "\n  fragment RiskPanel_case on ReturnCase {\n    id\n    risk @include(if: $staff) {\n      id\n      score\n      label\n      modelVersion\n      scoredAt\n      reasonCodes {\n        code\n        text\n        contribution\n      }\n    }\n  }\n": types.RiskPanel_CaseFragmentDoc,
    "\n  fragment StatusTracker_case on ReturnCase {\n    id\n    status\n    type\n    createdAt\n    firstResponseAt\n    decidedAt\n    shippedAt\n    receivedAt\n    inspectedAt\n    refundedAt\n    closedAt\n  }\n": types.StatusTracker_CaseFragmentDoc,
    "\n  fragment Timeline_case on ReturnCase {\n    id\n    timeline {\n      id\n      type\n      actorLabel\n      fromStatus\n      toStatus\n      payload\n      createdAt\n    }\n  }\n": types.Timeline_CaseFragmentDoc,
    "\n  fragment CaseDetail_case on ReturnCase {\n    id\n    number\n    status\n    version\n    priority\n    type\n    slaDueAt\n    slaBreached\n    merchantResponseDueAt\n    decidedAt\n    disputedAt\n    currency\n    refundAmountMinor\n    decisionReason\n    assignee {\n      id\n      displayName\n    }\n    customer {\n      id\n      displayName\n      email\n    }\n    merchant {\n      id\n      name\n      responseSlaHours\n      slaTimeoutAction\n    }\n    availableTransitions {\n      to\n      action\n      requiresNote\n      operation\n    }\n    ...CaseHeader_case\n    ...CaseFacts_case\n    ...StatusTracker_case\n    ...MessageThread_case\n    ...InternalNotes_case\n    ...Timeline_case\n    ...RiskPanel_case\n  }\n": types.CaseDetail_CaseFragmentDoc,
    "\n  query CaseDetail($id: ID!, $staff: Boolean!) {\n    returnCase(id: $id) {\n      id\n      ...CaseDetail_case\n    }\n  }\n": types.CaseDetailDocument,
    "\n  fragment CaseNote_note on CaseNote {\n    id\n    body\n    visibility\n    createdAt\n    author {\n      id\n      displayName\n      role\n    }\n  }\n": types.CaseNote_NoteFragmentDoc,
    "\n  mutation AddCaseNote($caseId: ID!, $body: String!, $visibility: NoteVisibility!) {\n    addCaseNote(caseId: $caseId, body: $body, visibility: $visibility) {\n      id\n      ...CaseNote_note\n    }\n  }\n": types.AddCaseNoteDocument,
    "\n  query CaseAuditExport($caseId: ID!, $format: AuditExportFormat!) {\n    caseAuditExport(caseId: $caseId, format: $format) {\n      fileName\n      contentType\n      content\n    }\n  }\n": types.CaseAuditExportDocument,
    "\n  mutation TransitionCase($id: ID!, $to: CaseStatus!, $note: String, $expectedVersion: Int, $staff: Boolean!) {\n    transitionReturnCase(id: $id, to: $to, note: $note, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n": types.TransitionCaseDocument,
    "\n  mutation RequestFollowUp($id: ID!, $from: FollowUpParty!, $message: String!, $expectedVersion: Int, $staff: Boolean!) {\n    requestFollowUp(id: $id, from: $from, message: $message, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n": types.RequestFollowUpDocument,
    "\n  mutation DecideCase($id: ID!, $decision: CaseDecision!, $reason: String, $expectedVersion: Int, $staff: Boolean!) {\n    decideReturnCase(id: $id, decision: $decision, reason: $reason, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n": types.DecideCaseDocument,
    "\n  mutation CancelCase($id: ID!, $reason: String, $expectedVersion: Int, $staff: Boolean!) {\n    cancelReturnCase(id: $id, reason: $reason, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n": types.CancelCaseDocument,
    "\n  mutation DisputeCase($id: ID!, $reason: String!, $expectedVersion: Int, $staff: Boolean!) {\n    disputeDecision(id: $id, reason: $reason, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n": types.DisputeCaseDocument,
    "\n  mutation ResolveDispute($id: ID!, $outcome: DisputeOutcome!, $note: String!, $expectedVersion: Int, $staff: Boolean!) {\n    resolveDispute(id: $id, outcome: $outcome, note: $note, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n": types.ResolveDisputeDocument,
    "\n  mutation SetCasePriority($id: ID!, $priority: CasePriority!, $expectedVersion: Int) {\n    setCasePriority(id: $id, priority: $priority, expectedVersion: $expectedVersion) {\n      id\n      version\n      priority\n      slaDueAt\n      slaBreached\n    }\n  }\n": types.SetCasePriorityDocument,
    "\n  mutation AssignCase($id: ID!, $assigneeId: ID, $expectedVersion: Int) {\n    assignCase(id: $id, assigneeId: $assigneeId, expectedVersion: $expectedVersion) {\n      id\n      version\n      assignee {\n        id\n        displayName\n      }\n    }\n  }\n": types.AssignCaseDocument,
    "\n  mutation RescoreCase($id: ID!) {\n    rescoreCase(id: $id) {\n      id\n      score\n      label\n      modelVersion\n      scoredAt\n      reasonCodes {\n        code\n        text\n        contribution\n      }\n    }\n  }\n": types.RescoreCaseDocument,
    "\n  fragment CaseTable_case on ReturnCase {\n    id\n    number\n    status\n    priority\n    type\n    createdAt\n    refundAmountMinor\n    currency\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n    reason\n    order {\n      id\n      number\n    }\n  }\n": types.CaseTable_CaseFragmentDoc,
    "\n  query ConsoleCases($after: String) {\n    returnCases(first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...CaseTable_case\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ConsoleCasesDocument,
    "\n  query CustomerCases($after: String) {\n    returnCases(first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          type\n          createdAt\n          decidedAt\n          merchantResponseDueAt\n          refundAmountMinor\n          currency\n          merchant {\n            id\n            name\n            slaTimeoutAction\n          }\n          order {\n            id\n            number\n          }\n          reason\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.CustomerCasesDocument,
    "\n  query MerchantCases($after: String, $filter: ReturnCaseFilter) {\n    returnCases(first: 25, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          type\n          createdAt\n          merchantResponseDueAt\n          refundAmountMinor\n          currency\n          customer {\n            id\n            displayName\n          }\n          order {\n            id\n            number\n          }\n          reason\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MerchantCasesDocument,
    "\n  query OpsQueue($filter: QueueFilter, $page: Int) {\n    queue(filter: $filter, page: $page) {\n      page\n      pageSize\n      totalCount\n      totalPages\n      summary {\n        total\n        breached\n        dueWithin24h\n        highRisk\n        byStatus {\n          status\n          count\n        }\n      }\n      items {\n        id\n        ...QueueTable_case\n      }\n    }\n  }\n": types.OpsQueueDocument,
    "\n  fragment QueueTable_case on ReturnCase {\n    id\n    number\n    status\n    priority\n    slaDueAt\n    slaBreached\n    createdAt\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n    order {\n      id\n      number\n    }\n    assignee {\n      id\n      displayName\n    }\n    risk {\n      id\n      label\n      score\n    }\n  }\n": types.QueueTable_CaseFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    logout\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      username\n      displayName\n      role\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id\n      username\n      displayName\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CaseUpdated($id: ID!) {\n    caseUpdated(id: $id) {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  subscription CaseUpdated($id: ID!) {\n    caseUpdated(id: $id) {\n      id\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription QueueChanged {\n    queueChanged {\n      caseId\n      eventType\n    }\n  }\n"): (typeof documents)["\n  subscription QueueChanged {\n    queueChanged {\n      caseId\n      eventType\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReturnsAnalytics($from: String!, $to: String!) {\n    returnsAnalytics(from: $from, to: $to) {\n      from\n      to\n      opened\n      closed\n      approvalRate\n      medianHoursToDecision\n      medianHoursToRefund\n      slaBreachRate\n      refundedMinor\n      byStatus {\n        key\n        count\n      }\n      byReason {\n        key\n        count\n      }\n      byMerchant {\n        merchantId\n        name\n        opened\n        approvalRate\n      }\n      daily {\n        date\n        opened\n        closed\n        refundedMinor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReturnsAnalytics($from: String!, $to: String!) {\n    returnsAnalytics(from: $from, to: $to) {\n      from\n      to\n      opened\n      closed\n      approvalRate\n      medianHoursToDecision\n      medianHoursToRefund\n      slaBreachRate\n      refundedMinor\n      byStatus {\n        key\n        count\n      }\n      byReason {\n        key\n        count\n      }\n      byMerchant {\n        merchantId\n        name\n        opened\n        approvalRate\n      }\n      daily {\n        date\n        opened\n        closed\n        refundedMinor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DevMailbox($first: Int, $after: String) {\n    devMailbox(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          caseId\n          createdAt\n          from\n          to\n          subject\n          text\n          html\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DevMailbox($first: Int, $after: String) {\n    devMailbox(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          caseId\n          createdAt\n          from\n          to\n          subject\n          text\n          html\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminMerchants($search: String, $page: Int) {\n    merchants(search: $search, page: $page) {\n      page\n      pageSize\n      totalCount\n      totalPages\n      items {\n        id\n        ...MerchantPolicy_merchant\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminMerchants($search: String, $page: Int) {\n    merchants(search: $search, page: $page) {\n      page\n      pageSize\n      totalCount\n      totalPages\n      items {\n        id\n        ...MerchantPolicy_merchant\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MerchantPolicy_merchant on MerchantProfile {\n    id\n    name\n    marketplaceSeller\n    returnWindowDays\n    responseSlaHours\n    slaTimeoutAction\n    autoApproveLimitMinor\n    restockingFeePercent\n    refundShipping\n    warehouseAddress\n  }\n"): (typeof documents)["\n  fragment MerchantPolicy_merchant on MerchantProfile {\n    id\n    name\n    marketplaceSeller\n    returnWindowDays\n    responseSlaHours\n    slaTimeoutAction\n    autoApproveLimitMinor\n    restockingFeePercent\n    refundShipping\n    warehouseAddress\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMerchantPolicy($merchantId: ID!, $input: MerchantPolicyInput!) {\n    updateMerchantPolicy(merchantId: $merchantId, input: $input) {\n      id\n      ...MerchantPolicy_merchant\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMerchantPolicy($merchantId: ID!, $input: MerchantPolicyInput!) {\n    updateMerchantPolicy(merchantId: $merchantId, input: $input) {\n      id\n      ...MerchantPolicy_merchant\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelRegistry {\n    models {\n      active\n      scoringWith\n      versions {\n        version\n        contractVersion\n        createdAt\n        active\n        trainingRows\n        trainingDataSha256\n        metrics {\n          auc\n          logLoss\n          brier\n          ece\n          n\n          baseRate\n        }\n        heuristicMetrics {\n          auc\n          logLoss\n          brier\n          ece\n          n\n          baseRate\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ModelRegistry {\n    models {\n      active\n      scoringWith\n      versions {\n        version\n        contractVersion\n        createdAt\n        active\n        trainingRows\n        trainingDataSha256\n        metrics {\n          auc\n          logLoss\n          brier\n          ece\n          n\n          baseRate\n        }\n        heuristicMetrics {\n          auc\n          logLoss\n          brier\n          ece\n          n\n          baseRate\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ActivateModel($version: String!) {\n    activateModel(version: $version) {\n      active\n      scoringWith\n    }\n  }\n"): (typeof documents)["\n  mutation ActivateModel($version: String!) {\n    activateModel(version: $version) {\n      active\n      scoringWith\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      prefix\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      prefix\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MerchantChoices {\n    merchants {\n      items {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query MerchantChoices {\n    merchants {\n      items {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($name: String!, $merchantId: ID) {\n    createApiToken(name: $name, merchantId: $merchantId) {\n      secret\n      token {\n        id\n        name\n        prefix\n        createdAt\n        lastUsedAt\n        revokedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiToken($name: String!, $merchantId: ID) {\n    createApiToken(name: $name, merchantId: $merchantId) {\n      secret\n      token {\n        id\n        name\n        prefix\n        createdAt\n        lastUsedAt\n        revokedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers($filter: UserFilter, $page: Int) {\n    users(filter: $filter, page: $page) {\n      page\n      pageSize\n      totalCount\n      totalPages\n      items {\n        id\n        username\n        displayName\n        email\n        role\n        active\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminUsers($filter: UserFilter, $page: Int) {\n    users(filter: $filter, page: $page) {\n      page\n      pageSize\n      totalCount\n      totalPages\n      items {\n        id\n        username\n        displayName\n        email\n        role\n        active\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    setUserActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    setUserActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppInfo {\n    appInfo {\n      demoSignInEnabled\n    }\n  }\n"): (typeof documents)["\n  query AppInfo {\n    appInfo {\n      demoSignInEnabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      id\n      username\n      displayName\n      role\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      id\n      username\n      displayName\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseFacts_case on ReturnCase {\n    id\n    type\n    reason\n    description\n    currency\n    refundAmountMinor\n    restockingFeeMinor\n    decisionReason\n    carrier\n    trackingNumber\n    order {\n      id\n      number\n      placedAt\n      deliveredAt\n    }\n    merchant {\n      id\n      name\n      returnWindowDays\n      responseSlaHours\n    }\n    items {\n      id\n      quantity\n      condition\n      restockable\n      orderItem {\n        id\n        name\n        sku\n        unitPriceMinor\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CaseFacts_case on ReturnCase {\n    id\n    type\n    reason\n    description\n    currency\n    refundAmountMinor\n    restockingFeeMinor\n    decisionReason\n    carrier\n    trackingNumber\n    order {\n      id\n      number\n      placedAt\n      deliveredAt\n    }\n    merchant {\n      id\n      name\n      returnWindowDays\n      responseSlaHours\n    }\n    items {\n      id\n      quantity\n      condition\n      restockable\n      orderItem {\n        id\n        name\n        sku\n        unitPriceMinor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseHeader_case on ReturnCase {\n    id\n    number\n    status\n    type\n    createdAt\n    order {\n      id\n      number\n    }\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment CaseHeader_case on ReturnCase {\n    id\n    number\n    status\n    type\n    createdAt\n    order {\n      id\n      number\n    }\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InternalNotes_case on ReturnCase {\n    id\n    internalNotes @include(if: $staff) {\n      id\n      ...CaseNote_note\n    }\n  }\n"): (typeof documents)["\n  fragment InternalNotes_case on ReturnCase {\n    id\n    internalNotes @include(if: $staff) {\n      id\n      ...CaseNote_note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageThread_case on ReturnCase {\n    id\n    messages {\n      id\n      ...CaseNote_note\n    }\n  }\n"): (typeof documents)["\n  fragment MessageThread_case on ReturnCase {\n    id\n    messages {\n      id\n      ...CaseNote_note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RiskPanel_case on ReturnCase {\n    id\n    risk @include(if: $staff) {\n      id\n      score\n      label\n      modelVersion\n      scoredAt\n      reasonCodes {\n        code\n        text\n        contribution\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment RiskPanel_case on ReturnCase {\n    id\n    risk @include(if: $staff) {\n      id\n      score\n      label\n      modelVersion\n      scoredAt\n      reasonCodes {\n        code\n        text\n        contribution\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StatusTracker_case on ReturnCase {\n    id\n    status\n    type\n    createdAt\n    firstResponseAt\n    decidedAt\n    shippedAt\n    receivedAt\n    inspectedAt\n    refundedAt\n    closedAt\n  }\n"): (typeof documents)["\n  fragment StatusTracker_case on ReturnCase {\n    id\n    status\n    type\n    createdAt\n    firstResponseAt\n    decidedAt\n    shippedAt\n    receivedAt\n    inspectedAt\n    refundedAt\n    closedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Timeline_case on ReturnCase {\n    id\n    timeline {\n      id\n      type\n      actorLabel\n      fromStatus\n      toStatus\n      payload\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  fragment Timeline_case on ReturnCase {\n    id\n    timeline {\n      id\n      type\n      actorLabel\n      fromStatus\n      toStatus\n      payload\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseDetail_case on ReturnCase {\n    id\n    number\n    status\n    version\n    priority\n    type\n    slaDueAt\n    slaBreached\n    merchantResponseDueAt\n    decidedAt\n    disputedAt\n    currency\n    refundAmountMinor\n    decisionReason\n    assignee {\n      id\n      displayName\n    }\n    customer {\n      id\n      displayName\n      email\n    }\n    merchant {\n      id\n      name\n      responseSlaHours\n      slaTimeoutAction\n    }\n    availableTransitions {\n      to\n      action\n      requiresNote\n      operation\n    }\n    ...CaseHeader_case\n    ...CaseFacts_case\n    ...StatusTracker_case\n    ...MessageThread_case\n    ...InternalNotes_case\n    ...Timeline_case\n    ...RiskPanel_case\n  }\n"): (typeof documents)["\n  fragment CaseDetail_case on ReturnCase {\n    id\n    number\n    status\n    version\n    priority\n    type\n    slaDueAt\n    slaBreached\n    merchantResponseDueAt\n    decidedAt\n    disputedAt\n    currency\n    refundAmountMinor\n    decisionReason\n    assignee {\n      id\n      displayName\n    }\n    customer {\n      id\n      displayName\n      email\n    }\n    merchant {\n      id\n      name\n      responseSlaHours\n      slaTimeoutAction\n    }\n    availableTransitions {\n      to\n      action\n      requiresNote\n      operation\n    }\n    ...CaseHeader_case\n    ...CaseFacts_case\n    ...StatusTracker_case\n    ...MessageThread_case\n    ...InternalNotes_case\n    ...Timeline_case\n    ...RiskPanel_case\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseDetail($id: ID!, $staff: Boolean!) {\n    returnCase(id: $id) {\n      id\n      ...CaseDetail_case\n    }\n  }\n"): (typeof documents)["\n  query CaseDetail($id: ID!, $staff: Boolean!) {\n    returnCase(id: $id) {\n      id\n      ...CaseDetail_case\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseNote_note on CaseNote {\n    id\n    body\n    visibility\n    createdAt\n    author {\n      id\n      displayName\n      role\n    }\n  }\n"): (typeof documents)["\n  fragment CaseNote_note on CaseNote {\n    id\n    body\n    visibility\n    createdAt\n    author {\n      id\n      displayName\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddCaseNote($caseId: ID!, $body: String!, $visibility: NoteVisibility!) {\n    addCaseNote(caseId: $caseId, body: $body, visibility: $visibility) {\n      id\n      ...CaseNote_note\n    }\n  }\n"): (typeof documents)["\n  mutation AddCaseNote($caseId: ID!, $body: String!, $visibility: NoteVisibility!) {\n    addCaseNote(caseId: $caseId, body: $body, visibility: $visibility) {\n      id\n      ...CaseNote_note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseAuditExport($caseId: ID!, $format: AuditExportFormat!) {\n    caseAuditExport(caseId: $caseId, format: $format) {\n      fileName\n      contentType\n      content\n    }\n  }\n"): (typeof documents)["\n  query CaseAuditExport($caseId: ID!, $format: AuditExportFormat!) {\n    caseAuditExport(caseId: $caseId, format: $format) {\n      fileName\n      contentType\n      content\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransitionCase($id: ID!, $to: CaseStatus!, $note: String, $expectedVersion: Int, $staff: Boolean!) {\n    transitionReturnCase(id: $id, to: $to, note: $note, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n"): (typeof documents)["\n  mutation TransitionCase($id: ID!, $to: CaseStatus!, $note: String, $expectedVersion: Int, $staff: Boolean!) {\n    transitionReturnCase(id: $id, to: $to, note: $note, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestFollowUp($id: ID!, $from: FollowUpParty!, $message: String!, $expectedVersion: Int, $staff: Boolean!) {\n    requestFollowUp(id: $id, from: $from, message: $message, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n"): (typeof documents)["\n  mutation RequestFollowUp($id: ID!, $from: FollowUpParty!, $message: String!, $expectedVersion: Int, $staff: Boolean!) {\n    requestFollowUp(id: $id, from: $from, message: $message, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideCase($id: ID!, $decision: CaseDecision!, $reason: String, $expectedVersion: Int, $staff: Boolean!) {\n    decideReturnCase(id: $id, decision: $decision, reason: $reason, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n"): (typeof documents)["\n  mutation DecideCase($id: ID!, $decision: CaseDecision!, $reason: String, $expectedVersion: Int, $staff: Boolean!) {\n    decideReturnCase(id: $id, decision: $decision, reason: $reason, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelCase($id: ID!, $reason: String, $expectedVersion: Int, $staff: Boolean!) {\n    cancelReturnCase(id: $id, reason: $reason, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n"): (typeof documents)["\n  mutation CancelCase($id: ID!, $reason: String, $expectedVersion: Int, $staff: Boolean!) {\n    cancelReturnCase(id: $id, reason: $reason, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisputeCase($id: ID!, $reason: String!, $expectedVersion: Int, $staff: Boolean!) {\n    disputeDecision(id: $id, reason: $reason, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n"): (typeof documents)["\n  mutation DisputeCase($id: ID!, $reason: String!, $expectedVersion: Int, $staff: Boolean!) {\n    disputeDecision(id: $id, reason: $reason, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveDispute($id: ID!, $outcome: DisputeOutcome!, $note: String!, $expectedVersion: Int, $staff: Boolean!) {\n    resolveDispute(id: $id, outcome: $outcome, note: $note, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n"): (typeof documents)["\n  mutation ResolveDispute($id: ID!, $outcome: DisputeOutcome!, $note: String!, $expectedVersion: Int, $staff: Boolean!) {\n    resolveDispute(id: $id, outcome: $outcome, note: $note, expectedVersion: $expectedVersion) {\n      id\n      ...CaseDetail_case\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCasePriority($id: ID!, $priority: CasePriority!, $expectedVersion: Int) {\n    setCasePriority(id: $id, priority: $priority, expectedVersion: $expectedVersion) {\n      id\n      version\n      priority\n      slaDueAt\n      slaBreached\n    }\n  }\n"): (typeof documents)["\n  mutation SetCasePriority($id: ID!, $priority: CasePriority!, $expectedVersion: Int) {\n    setCasePriority(id: $id, priority: $priority, expectedVersion: $expectedVersion) {\n      id\n      version\n      priority\n      slaDueAt\n      slaBreached\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignCase($id: ID!, $assigneeId: ID, $expectedVersion: Int) {\n    assignCase(id: $id, assigneeId: $assigneeId, expectedVersion: $expectedVersion) {\n      id\n      version\n      assignee {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AssignCase($id: ID!, $assigneeId: ID, $expectedVersion: Int) {\n    assignCase(id: $id, assigneeId: $assigneeId, expectedVersion: $expectedVersion) {\n      id\n      version\n      assignee {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RescoreCase($id: ID!) {\n    rescoreCase(id: $id) {\n      id\n      score\n      label\n      modelVersion\n      scoredAt\n      reasonCodes {\n        code\n        text\n        contribution\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RescoreCase($id: ID!) {\n    rescoreCase(id: $id) {\n      id\n      score\n      label\n      modelVersion\n      scoredAt\n      reasonCodes {\n        code\n        text\n        contribution\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseTable_case on ReturnCase {\n    id\n    number\n    status\n    priority\n    type\n    createdAt\n    refundAmountMinor\n    currency\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n    reason\n    order {\n      id\n      number\n    }\n  }\n"): (typeof documents)["\n  fragment CaseTable_case on ReturnCase {\n    id\n    number\n    status\n    priority\n    type\n    createdAt\n    refundAmountMinor\n    currency\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n    reason\n    order {\n      id\n      number\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCases($after: String) {\n    returnCases(first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...CaseTable_case\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleCases($after: String) {\n    returnCases(first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...CaseTable_case\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerCases($after: String) {\n    returnCases(first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          type\n          createdAt\n          decidedAt\n          merchantResponseDueAt\n          refundAmountMinor\n          currency\n          merchant {\n            id\n            name\n            slaTimeoutAction\n          }\n          order {\n            id\n            number\n          }\n          reason\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerCases($after: String) {\n    returnCases(first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          type\n          createdAt\n          decidedAt\n          merchantResponseDueAt\n          refundAmountMinor\n          currency\n          merchant {\n            id\n            name\n            slaTimeoutAction\n          }\n          order {\n            id\n            number\n          }\n          reason\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MerchantCases($after: String, $filter: ReturnCaseFilter) {\n    returnCases(first: 25, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          type\n          createdAt\n          merchantResponseDueAt\n          refundAmountMinor\n          currency\n          customer {\n            id\n            displayName\n          }\n          order {\n            id\n            number\n          }\n          reason\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query MerchantCases($after: String, $filter: ReturnCaseFilter) {\n    returnCases(first: 25, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          type\n          createdAt\n          merchantResponseDueAt\n          refundAmountMinor\n          currency\n          customer {\n            id\n            displayName\n          }\n          order {\n            id\n            number\n          }\n          reason\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpsQueue($filter: QueueFilter, $page: Int) {\n    queue(filter: $filter, page: $page) {\n      page\n      pageSize\n      totalCount\n      totalPages\n      summary {\n        total\n        breached\n        dueWithin24h\n        highRisk\n        byStatus {\n          status\n          count\n        }\n      }\n      items {\n        id\n        ...QueueTable_case\n      }\n    }\n  }\n"): (typeof documents)["\n  query OpsQueue($filter: QueueFilter, $page: Int) {\n    queue(filter: $filter, page: $page) {\n      page\n      pageSize\n      totalCount\n      totalPages\n      summary {\n        total\n        breached\n        dueWithin24h\n        highRisk\n        byStatus {\n          status\n          count\n        }\n      }\n      items {\n        id\n        ...QueueTable_case\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment QueueTable_case on ReturnCase {\n    id\n    number\n    status\n    priority\n    slaDueAt\n    slaBreached\n    createdAt\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n    order {\n      id\n      number\n    }\n    assignee {\n      id\n      displayName\n    }\n    risk {\n      id\n      label\n      score\n    }\n  }\n"): (typeof documents)["\n  fragment QueueTable_case on ReturnCase {\n    id\n    number\n    status\n    priority\n    slaDueAt\n    slaBreached\n    createdAt\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n    order {\n      id\n      number\n    }\n    assignee {\n      id\n      displayName\n    }\n    risk {\n      id\n      label\n      score\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;