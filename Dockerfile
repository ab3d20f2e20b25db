# Two stages. The build stage has every devDependency (esbuild, tsx) and makes the release
# directory (tools/build/release.ts): the bundles, package.json, package-lock.json and the
# production dependencies only. The final image holds that directory and nothing else: no
# TypeScript sources, no tsx, jest, Nx or playwright. One image for every service;
# docker-compose.yml picks each one's entry point (dist/apps/<service>/main.js).
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run release -- --out /release

FROM node:20-bookworm-slim
WORKDIR /app
# Owned by root, run as node: the service cannot rewrite its own code.
COPY --from=build /release ./
ENV HOST=0.0.0.0
USER node
CMD ["node", "--enable-source-maps", "dist/apps/intake/main.js"]
