/**
 * Imported first by every module of this lib that loads kafkajs: kafkajs takes the modules
 * `kafkajs-modules.ts` replaces when it loads, so they must be in place before it does.
 */
import { installKafkajsModules } from './kafkajs-modules';

installKafkajsModules();
