import { runServiceMain } from '@stageplus/http';
import { createConsoleApp } from './console.app';
import { readConsoleConfig } from './console.config';

void runServiceMain({
  name: 'console',
  readConfig: readConsoleConfig,
  start: async (config) => {
    const { app } = await createConsoleApp(config);
    await app.listen(config.port, config.host);
    return { app, started: `listening on ${await app.getUrl()}, reading the timer at ${config.timerUrl}` };
  },
}, process);
