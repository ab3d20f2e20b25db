export * from './service-metrics';
export * from './timer-metrics';
export * from './metrics.controller';
export * from './metrics.module';
export * from './http-metrics.middleware';
