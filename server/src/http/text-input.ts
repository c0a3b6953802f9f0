import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, Kind, visit } from 'graphql';

/**
 * Text PostgreSQL cannot store faithfully: a NUL character (the driver's message breaks: "invalid message format")
 * or an unpaired UTF-16 surrogate (silently turned into U+FFFD on the way to UTF-8). Either way the stored text
 * would not be what was sent, so such input is refused up front, in variables and in literals alike.
 */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isStorableText = (text: string): boolean => !text.includes('\u0000') && !UNPAIRED_SURROGATE.test(text);

function firstUnstorable(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstUnstorable(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = firstUnstorable(key, `${path}.<key>`) ?? firstUnstorable(inner, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

function literalUnstorable(document: DocumentNode): boolean {
  let bad = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (!isStorableText(node.value)) bad = true;
    },
  });
  return bad;
}

/** Refuses, with BAD_USER_INPUT and before anything runs, operations carrying text that cannot be stored as sent. */
export function storableTextPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const where = firstUnstorable(request.variables ?? {}, 'variables') ?? (literalUnstorable(document) ? 'a string literal' : null);
          if (where) {
            throw new GraphQLError(`Text may not contain NUL characters or unpaired surrogates (${where}).`, { extensions: { code: 'BAD_USER_INPUT', rule: 'UNSTORABLE_TEXT', http: { status: 400 } } });
          }
        },
      };
    },
  };
}
