export * from './unique-names';
export * from './brokers';
export * from './topic-recorder';
export * from './wait-until';
export * from './fast-policy';
export * from './ticket-events';
export * from './private-redis';
export * from './free-port';
