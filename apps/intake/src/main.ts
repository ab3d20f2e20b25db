import { runServiceMain } from '@stageplus/http';
import { createIntakeApp } from './intake.app';
import { readIntakeConfig } from './intake.config';

void runServiceMain({
  name: 'intake',
  readConfig: readIntakeConfig,
  start: async (config) => {
    const app = await createIntakeApp(config);
    await app.listen(config.port, config.host);
    return { app, started: `listening on ${await app.getUrl()}` };
  },
}, process);
