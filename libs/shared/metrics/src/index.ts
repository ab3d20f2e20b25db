export * from './service-metrics';
export * from './timer-metrics';
