export * from './kafka-client';
export * from './event-publisher';
export * from './message-errors';
export * from './incoming-message';
export * from './dead-letters';
export * from './topic-admin';
export * from './kafka-event-server';
export * from './rethrow-rpc-errors.filter';
