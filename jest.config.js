/**
 * Unit and integration tests run with ts-jest. Types are checked once, by `npm run typecheck`
 * (tsconfig.json includes tests/, and scripts/test.sh runs it before jest); ts-jest only
 * transpiles each file (tsconfig.json sets isolatedModules, so tsc refuses what one file
 * alone cannot be transpiled correctly), which on a fresh clone took
 * a third of the CPU of type-checking every file again in every worker (http.test.ts with
 * no jest cache: 9.9 s instead of 29.6 s of CPU). The real content is compiled once before
 * the suites start (tests/global-setup.ts), and they open it.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // A bound, not an assertion: with three suites sharing two cores a slow start must not fail a test.
  testTimeout: 60000,
  globalSetup: '<rootDir>/tests/global-setup.ts',
  // Jest's default on 2 cores is one worker (cores - 1), so suites ran one after another while
  // most of their time is spent waiting on bot processes, Azurite, Chromium and sockets.
  // Every suite binds port 0 and writes under its own temporary folder, so they can overlap.
  maxWorkers: 3,
  // On a fresh clone, the slowest suites first (jest has no timings yet): tests/sequencer.js.
  testSequencer: '<rootDir>/tests/sequencer.js',
};
