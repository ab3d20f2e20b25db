export * from './redis-target';
export * from './redis-connection';
export * from './cluster-slots';
