import 'reflect-metadata';
import { runServiceMain, serviceMain } from '@stageplus/http';
import { priorityService } from './priority.app';
import { readPriorityConfig } from './priority.config';

void runServiceMain(serviceMain(priorityService, readPriorityConfig), process);
