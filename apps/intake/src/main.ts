import { runServiceMain, serviceMain } from '@stageplus/http';
import { intakeService } from './intake.app';
import { readIntakeConfig } from './intake.config';

void runServiceMain(serviceMain(intakeService, readIntakeConfig), process);
