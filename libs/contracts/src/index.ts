export * from './ticket-events';
export * from './sla-events';
export * from './ticket-event.schema';
export * from './topics';
export * from './ticket-prioritized';
export * from './sla-notifications';
export * from './dead-letter';
export * from './sla-cleared';
