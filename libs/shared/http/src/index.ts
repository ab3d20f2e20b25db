export * from './problems/problem';
export * from './problems/problem-details.filter';
export * from './problems/body-parser-errors';
export * from './problems/json-body';
export * from './api-keys/api-key-list';
export * from './api-keys/api-key-verifier';
export * from './api-keys/api-key.guard';
export * from './logging/logger-options';
