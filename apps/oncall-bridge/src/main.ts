import 'reflect-metadata';
import { createBridgeApp, startBridgeApp } from './bridge.app';
import { readBridgeConfig } from './bridge.config';

async function main(): Promise<void> {
  const config = readBridgeConfig(process.env);
  const app = await createBridgeApp(config);
  await startBridgeApp(app, config);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
