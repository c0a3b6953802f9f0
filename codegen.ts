import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents for the web app. The committed SDL is the only input: codegen never talks to a live server,
// so `npm run codegen` gives the same output on every machine (CI checks that client/src/gql has no diff).
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['client/src/**/*.{ts,tsx}', '!client/src/gql/**', '!client/src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: true,
  generates: {
    'client/src/gql/': {
      preset: 'client',
      presetConfig: {
        // Components read their fragment's fields through this plain function (not a hook: it may be called in loops).
        fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
      },
      config: {
        useTypeImports: true,
        enumType: 'string-literal',
        // Apollo Client adds __typename to every selection (but not to the root types): say so in the types.
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
        // A scalar added to the schema without a mapping here is `unknown` until someone maps it.
        defaultScalarType: 'unknown',
        scalars: {
          DateTimeISO: 'string',
          JSONObject: 'Record<string, unknown>',
          Upload: 'File',
        },
      },
    },
  },
};

export default config;
