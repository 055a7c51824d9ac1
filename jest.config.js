/**
 * Unit and integration tests run with ts-jest so a type error fails the suite. The real
 * content is compiled once before the suites start (tests/global-setup.ts), and they open it.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 30000,
  globalSetup: '<rootDir>/tests/global-setup.ts',
  // Jest's default on 2 cores is one worker (cores - 1), so suites ran one after another while
  // most of their time is spent waiting on bot processes, Azurite, Chromium and sockets.
  // Every suite binds port 0 and writes under its own temporary folder, so they can overlap.
  maxWorkers: 3,
  // On a fresh clone, the slowest suites first (jest has no timings yet): tests/sequencer.js.
  testSequencer: '<rootDir>/tests/sequencer.js',
};
