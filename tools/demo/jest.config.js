const { projectJestConfig } = require('../../jest.preset.js');

// No brokers: the demo's tests check its events against the intake schema and run `sla replay`.
module.exports = projectJestConfig(__dirname);
