# One image for the API and the worker; the web stage serves the built SPA with nginx.
# Build: docker build -t returnhub .   (docker-compose.yml does this for you)
# Run: `node dist/server/src/main.js` (all in one), `--api-only` (API replicas), `--worker-only` (the worker; its
# health check is `node dist/server/src/worker-healthcheck.js`), and the operators' command
# `node dist/server/src/modules/users/users.cli.js create|set-password …`. Needs DATABASE_URL, PUBLIC_URL, SECRET_KEY.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/client/dist ./client/dist
COPY ml/contracts ./ml/contracts
COPY ml/registry ./ml/registry
COPY ml/models ./ml/models
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
# Everything in one process; docker-compose.yml runs the API replicas with `--api-only` and the worker with `--worker-only`.
CMD ["node", "dist/server/src/main.js"]

FROM nginx:1.27-alpine AS web
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/client/dist /usr/share/nginx/html
