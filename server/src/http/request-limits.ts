import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { MAX_PAGE_SIZE } from '../shared/connection.js';
import type { RequestContext } from './context.js';

/** Limits on the shape of a request, checked before anything executes (issue 10, SPEC "abuse limits"). */
export const REQUEST_LIMITS = {
  maxTokens: 5_000,
  // The standard introspection query (GraphiQL, codegen) is 15 levels deep; the app's own queries stay under 8.
  maxDepth: 15,
  maxAliases: 30,
  /** Each field costs 1, multiplied by the page size of every list it sits in. */
  maxCost: 20_000,
  /** The page size assumed for a list field without a size argument. */
  defaultListSize: 20,
} as const;

/** A refusal before execution: `BAD_USER_INPUT` with the limit's name, answered as HTTP 400. */
const limitError = (message: string, limit: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', limit, http: { status: 400 } } });

type Variables = Readonly<Record<string, unknown>>;

/**
 * The page size a list field asks for, with the request's variables: Apollo and codegen clients always send
 * `first` as a variable, so it is priced at the value sent (or the variable's default), not at the maximum.
 */
function pageSizeArgument(field: FieldNode, variables: Variables): number | null {
  for (const arg of field.arguments ?? []) {
    if (arg.name.value !== 'first' && arg.name.value !== 'last') continue;
    const value: ValueNode = arg.value;
    if (value.kind === Kind.INT) return Math.min(Number(value.value), MAX_PAGE_SIZE);
    if (value.kind === Kind.VARIABLE) {
      const sent = variables[value.name.value];
      return typeof sent === 'number' && Number.isInteger(sent) ? Math.min(sent, MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
    }
  }
  return null;
}

/** The variables as execution will see them: those sent, and the operation's defaults for the rest. */
function withDefaults(operation: OperationDefinitionNode, sent: Variables | undefined): Variables {
  const variables: Record<string, unknown> = { ...sent };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (variables[name] === undefined && definition.defaultValue?.kind === Kind.INT) variables[name] = Number(definition.defaultValue.value);
  }
  return variables;
}

/**
 * Depth, aliases and cost of the operation to run, priced with its variables; answers the refusals (none when
 * within the limits). Fragments are expanded (each at most once per path, so a fragment cycle cannot loop). List
 * multipliers come from `first`/`last` arguments or the default list size. Used by HTTP (`requestLimitsPlugin`)
 * and by the WebSocket path alike.
 */
export function requestLimitErrors(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, sentVariables: Variables | undefined): GraphQLError[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variables = withDefaults(operation, sentVariables);

  // `connectionSize`: the page size a connection field asked for, which sizes its own list (`edges`) below.
  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, depth: number, multiplier: number, seen: Set<string>, connectionSize: number | null = null): { depth: number; aliases: number; cost: number } => {
    let maxDepth = depth;
    let aliases = 0;
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases++;
        cost += multiplier;
        if (selection.selectionSet) {
          const fieldType = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value]?.type : undefined;
          const isList = fieldType ? isListType(getNullableType(fieldType)) : false;
          const asked = pageSizeArgument(selection, variables);
          // A list is multiplied by its own size (or the connection's above it); a connection passes its size down.
          const size = isList ? (asked ?? connectionSize ?? REQUEST_LIMITS.defaultListSize) : 1;
          const inner = walk(selection.selectionSet, fieldType ? getNamedType(fieldType) : undefined, depth + 1, multiplier * Math.max(1, size), seen, isList ? null : asked);
          maxDepth = Math.max(maxDepth, inner.depth);
          aliases += inner.aliases;
          cost += inner.cost;
        }
      } else {
        const inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? walk(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) ?? parent : parent, depth, multiplier, seen, connectionSize)
            : (() => {
                const name = selection.name.value;
                const fragment = fragments.get(name);
                if (!fragment || seen.has(name)) return { depth, aliases: 0, cost: 0 };
                return walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? parent, depth, multiplier, new Set([...seen, name]), connectionSize);
              })();
        maxDepth = Math.max(maxDepth, inner.depth);
        aliases += inner.aliases;
        cost += inner.cost;
      }
    }
    return { depth: maxDepth, aliases, cost };
  };

  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  const { depth, aliases, cost } = walk(operation.selectionSet, root ?? undefined, 1, 1, new Set());
  const errors: GraphQLError[] = [];
  if (depth > REQUEST_LIMITS.maxDepth) errors.push(limitError(`The query is too deep (${depth} levels; at most ${REQUEST_LIMITS.maxDepth}).`, 'depth'));
  if (aliases > REQUEST_LIMITS.maxAliases) errors.push(limitError(`The query uses too many aliases (${aliases}; at most ${REQUEST_LIMITS.maxAliases}).`, 'aliases'));
  if (cost > REQUEST_LIMITS.maxCost) errors.push(limitError(`The query would cost too much (${cost}; at most ${REQUEST_LIMITS.maxCost}). Ask for fewer items per page.`, 'cost'));
  return errors;
}

/** The limits over HTTP: checked once the operation and its variables are known, before anything executes. */
export function requestLimitsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const [refusal] = requestLimitErrors(schema, document, operation, request.variables);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
