import { runServiceMain, serviceMain } from '@stageplus/http';
import { timerService } from './timer.app';
import { readTimerConfig } from './timer.config';

void runServiceMain(serviceMain(timerService, readTimerConfig, (url, config) => `listening on ${url}, consuming ${config.topics.ticketsPrioritized}`), process);
