# syntax=docker/dockerfile:1
# One image for every process: the API (default command), the worker
# (`node packages/worker/dist/main.js`) and the embedded platform
# (`node packages/app/dist/main.js`). docs/operations.md, "Containers".

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: every dependency, then the compiled packages -------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# npm 11 honours package.json's allowScripts (the Node image ships npm 10, which would run every install script).
RUN npm install --global npm@11.19.1 --no-audit --no-fund
# The manifests first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json .npmrc ./
COPY packages/domain/package.json packages/domain/
COPY packages/application/package.json packages/application/
COPY packages/adapters-auth/package.json packages/adapters-auth/
COPY packages/adapters-kyc/package.json packages/adapters-kyc/
COPY packages/adapters-mt-bridge/package.json packages/adapters-mt-bridge/
COPY packages/adapters-notify/package.json packages/adapters-notify/
COPY packages/adapters-payments/package.json packages/adapters-payments/
COPY packages/adapters-postgres/package.json packages/adapters-postgres/
COPY packages/adapters-signals/package.json packages/adapters-signals/
COPY packages/bootstrap/package.json packages/bootstrap/
COPY packages/http/package.json packages/http/
COPY packages/worker/package.json packages/worker/
COPY packages/app/package.json packages/app/
RUN npm ci --no-audit --no-fund
COPY turbo.json tsconfig.base.json tsconfig.json ./
COPY packages packages
ENV TURBO_TELEMETRY_DISABLED=1
RUN npx turbo run build --output-logs=errors-only
# What the runtime needs of each package: its manifest and its compiled modules.
RUN mkdir /out && for dir in packages/*; do mkdir -p "/out/$dir" && cp "$dir/package.json" "/out/$dir/" && cp -r "$dir/dist" "/out/$dir/dist"; done

# ---- runtime: production dependencies and compiled code, as a non-root user
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    TRADESENSE_DATA_DIR=/app/data
WORKDIR /app
RUN npm install --global npm@11.19.1 --no-audit --no-fund
COPY package.json package-lock.json .npmrc ./
COPY --from=build /out/packages packages
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force \
    && mkdir -p /app/data && chown node:node /app/data
# The image's own unprivileged user; the code and dependencies stay root-owned and read-only to it.
USER node
EXPOSE 3000
CMD ["node", "packages/http/dist/main.js"]
