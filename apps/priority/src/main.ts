import 'reflect-metadata';
import { createPriorityApp, startPriorityApp } from './priority.app';
import { readPriorityConfig } from './priority.config';

async function main(): Promise<void> {
  const config = readPriorityConfig(process.env);
  const app = await createPriorityApp(config);
  app.enableShutdownHooks();
  await startPriorityApp(app, config);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
