export * from './compliance-report';
export * from './report-labels';
export * from './render-json';
export * from './render-csv';
export * from './render-html';
export * from './outcomes-of-replay';
