const { projectJestConfig } = require('../../../jest.preset.js');

module.exports = projectJestConfig(__dirname);
