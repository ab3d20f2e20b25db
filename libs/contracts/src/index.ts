export * from './ticket-events';
export * from './sla-events';
export * from './ticket-event.schema';
