import { ConfigError } from '@stageplus/config';
import { createConsoleApp } from './console.app';
import { readConsoleConfig } from './console.config';

async function main(): Promise<void> {
  const config = readConsoleConfig(process.env);
  const { app } = await createConsoleApp(config);
  await app.listen(config.port, config.host);
  process.stderr.write(`console: listening on ${await app.getUrl()}, reading the timer at ${config.timerUrl}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`console: ${error instanceof ConfigError ? error.message : ((error as Error)?.stack ?? String(error))}\n`);
  process.exit(1);
});
