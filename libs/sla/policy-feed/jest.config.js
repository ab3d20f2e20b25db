const path = require('node:path');
const { projectJestConfig } = require('../../../jest.preset.js');

const testing = path.join(__dirname, '../../../libs/shared/testing/src');

module.exports = projectJestConfig(__dirname, {
  globalSetup: path.join(testing, 'test-brokers.global-setup.ts'),
  globalTeardown: path.join(testing, 'test-brokers.global-teardown.ts'),
});
