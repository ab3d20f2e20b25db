import { runServiceMain } from '@stageplus/http';
import { createTimerApp, startTimerApp } from './timer.app';
import { readTimerConfig } from './timer.config';

void runServiceMain({
  name: 'timer',
  readConfig: readTimerConfig,
  start: async (config) => {
    const app = await createTimerApp(config);
    return { app, started: `listening on ${await startTimerApp(app, config)}, consuming ${config.topics.ticketsPrioritized}` };
  },
}, process);
