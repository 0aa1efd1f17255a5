// Unit tests run in node; e2e tests drive a real browser with the built extension (see test/e2e/support).
// .mjs too: tests import the scripts' ES modules (the fixture server).
const transform = { '^.+\\.(t|j)sx?$|^.+\\.mjs$': '<rootDir>/test/support/esbuild-jest.cjs' };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'mjs', 'json'] };
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], slowTestThreshold: 60 },
    // The same browser tests in Firefox ESR; Chrome-only tests skip themselves there with the reason.
    {
      ...common,
      displayName: 'e2e-firefox',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/e2e/support/firefox-env.cjs'],
      slowTestThreshold: 60,
    },
  ],
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
};
