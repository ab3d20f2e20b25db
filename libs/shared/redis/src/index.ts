export * from './redis-target';
export * from './redis-connection';
