import { createTimerApp, startTimerApp } from './timer.app';
import { readTimerConfig } from './timer.config';

async function main(): Promise<void> {
  const config = readTimerConfig(process.env);
  const app = await createTimerApp(config);
  const url = await startTimerApp(app, config);
  process.stderr.write(`timer: listening on ${url}, consuming ${config.TOPIC_TICKETS_PRIORITIZED}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`timer: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
