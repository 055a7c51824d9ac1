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
};
