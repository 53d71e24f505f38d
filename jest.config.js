/** Two projects: Node-side tests (domain, store contract, use cases, functions, local stack) and page tests in jsdom with miniprogram-simulate. */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }];

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.js',
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/test/pages/', '<rootDir>/test/e2e/'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
  ],
};
