import 'reflect-metadata';
import { runServiceMain, serviceMain } from '@stageplus/http';
import { bridgeService } from './bridge.app';
import { readBridgeConfig } from './bridge.config';

void runServiceMain(serviceMain(bridgeService, readBridgeConfig), process);
