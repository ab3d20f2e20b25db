const path = require('node:path');
const { projectJestConfig } = require('../../jest.preset.js');

const testing = path.join(__dirname, '../../libs/shared/testing/src');

/**
 * Unit specs, and integration specs (*.int.spec.ts) against the real broker. Compiled with this
 * project's tsconfig, which emits no decorator metadata, as tsx runs the service.
 */
module.exports = projectJestConfig(__dirname, {
  globalSetup: path.join(testing, 'test-brokers.global-setup.ts'),
  globalTeardown: path.join(testing, 'test-brokers.global-teardown.ts'),
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.json') }] },
  testTimeout: 30_000,
});
