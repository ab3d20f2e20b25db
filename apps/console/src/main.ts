import { runServiceMain, serviceMain } from '@stageplus/http';
import { consoleService } from './console.app';
import { readConsoleConfig } from './console.config';

void runServiceMain(serviceMain(consoleService, readConsoleConfig, (url, config) => `listening on ${url}, reading the timer at ${config.timerUrl}`), process);
