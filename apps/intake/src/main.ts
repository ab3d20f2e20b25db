import { Logger } from '@nestjs/common';
import { ConfigError } from '@stageplus/config';
import { createIntakeApp } from './intake.app';
import { readIntakeConfig } from './intake.config';

async function main(): Promise<void> {
  const config = readIntakeConfig(process.env);
  const app = await createIntakeApp(config);
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  new Logger('intake').log(`listening on ${await app.getUrl()}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : ((error as Error)?.stack ?? String(error))}\n`);
  // A half-started app (a producer connecting) would keep the process alive: stop here.
  process.exit(1);
});
