import 'reflect-metadata';
import { runServiceMain } from '@stageplus/http';
import { createPriorityApp, startPriorityApp } from './priority.app';
import { readPriorityConfig } from './priority.config';

void runServiceMain({
  name: 'priority',
  readConfig: readPriorityConfig,
  start: async (config) => {
    const app = await createPriorityApp(config);
    await startPriorityApp(app, config);
    return { app, started: `listening on ${await app.getUrl()}` };
  },
}, process);
