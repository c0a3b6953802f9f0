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
    "\n  mutation SignIn($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      id\n      username\n      displayName\n      role\n    }\n  }\n": typeof types.SignInDocument,
    "\n  fragment CaseTable_case on ReturnCase {\n    id\n    number\n    status\n    priority\n    type\n    createdAt\n    refundAmountMinor\n    currency\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n    order {\n      id\n      number\n    }\n    items {\n      id\n      quantity\n      orderItem {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CaseTable_CaseFragmentDoc,
    "\n  query ConsoleCases($first: Int!, $after: String) {\n    returnCases(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...CaseTable_case\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ConsoleCasesDocument,
};
const documents: Documents = {
    "\n  mutation SignOut {\n    logout\n  }\n": types.SignOutDocument,
    "\n  query Viewer {\n    me {\n      id\n      username\n      displayName\n      role\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation SignIn($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      id\n      username\n      displayName\n      role\n    }\n  }\n": types.SignInDocument,
    "\n  fragment CaseTable_case on ReturnCase {\n    id\n    number\n    status\n    priority\n    type\n    createdAt\n    refundAmountMinor\n    currency\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n    order {\n      id\n      number\n    }\n    items {\n      id\n      quantity\n      orderItem {\n        id\n        name\n      }\n    }\n  }\n": types.CaseTable_CaseFragmentDoc,
    "\n  query ConsoleCases($first: Int!, $after: String) {\n    returnCases(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...CaseTable_case\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ConsoleCasesDocument,
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
export function graphql(source: "\n  mutation SignIn($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      id\n      username\n      displayName\n      role\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      id\n      username\n      displayName\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseTable_case on ReturnCase {\n    id\n    number\n    status\n    priority\n    type\n    createdAt\n    refundAmountMinor\n    currency\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n    order {\n      id\n      number\n    }\n    items {\n      id\n      quantity\n      orderItem {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CaseTable_case on ReturnCase {\n    id\n    number\n    status\n    priority\n    type\n    createdAt\n    refundAmountMinor\n    currency\n    customer {\n      id\n      displayName\n    }\n    merchant {\n      id\n      name\n    }\n    order {\n      id\n      number\n    }\n    items {\n      id\n      quantity\n      orderItem {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCases($first: Int!, $after: String) {\n    returnCases(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...CaseTable_case\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleCases($first: Int!, $after: String) {\n    returnCases(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...CaseTable_case\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;