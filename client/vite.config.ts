import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { typedDocuments } from './build/typed-documents.ts';

/** The dev server answers /graphiql like the production server does (it would otherwise fall back to the app). */
const graphiqlRoute: Plugin = {
  name: 'returnhub:graphiql-route',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url === '/graphiql' || req.url?.startsWith('/graphiql?')) req.url = req.url.replace('/graphiql', '/graphiql.html');
      next();
    });
  },
};

// The web app. In development Vite serves it and proxies the API; in production the API serves client/dist.
// Two entries: the app (index.html) and the offline GraphiQL (graphiql.html). The manifest lets
// scripts/bundle-report.mjs measure what the sign-in page loads and enforce its budget.
export default defineConfig({
  root: resolve(import.meta.dirname),
  plugins: [typedDocuments(resolve(import.meta.dirname, 'src')), react(), graphiqlRoute],
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    manifest: true,
    // GraphiQL (an editor with its language service) is one large chunk on its own page; the app's budget is
    // enforced by the bundle report, not by this warning.
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        graphiql: resolve(import.meta.dirname, 'graphiql.html'),
      },
      onwarn(warning, warn) {
        // GraphiQL's React Compiler runtime marks itself "use no memo"; the directive is meaningless in a bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: 'http://localhost:4000', ws: true },
      '/files': 'http://localhost:4000',
      '/healthz': 'http://localhost:4000',
    },
  },
});
