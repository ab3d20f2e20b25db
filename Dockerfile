# One image for the three services; docker-compose.yml picks the entry point of each.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV HOST=0.0.0.0 TSX_TSCONFIG_PATH=tsconfig.base.json
USER node
CMD ["node", "--import", "tsx", "apps/intake/src/main.ts"]
