# One image for the API and the worker; the web stage serves the built SPA with nginx.
# Build: docker build -t returnhub .   (docker-compose.yml does this for you)

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
# The API; the worker runs the same image with `--worker-only`.
CMD ["node", "dist/server/src/main.js"]

FROM nginx:1.27-alpine AS web
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/client/dist /usr/share/nginx/html
