const { projectJestConfig } = require('../../jest.preset.js');

// No brokers: the build's own pieces, on small inputs, in temporary directories.
module.exports = projectJestConfig(__dirname);
