import 'reflect-metadata';
import { runServiceMain } from '@stageplus/http';
import { createBridgeApp, startBridgeApp } from './bridge.app';
import { readBridgeConfig } from './bridge.config';

void runServiceMain({
  name: 'oncall-bridge',
  readConfig: readBridgeConfig,
  start: async (config) => {
    const app = await createBridgeApp(config);
    return { app, started: `listening on ${await startBridgeApp(app, config)}` };
  },
}, process);
