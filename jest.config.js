/** Three projects: Node-side tests (domain, store contract, use cases, functions, local stack), page tests in jsdom with miniprogram-simulate, and end-to-end tests of the browser preview in Chromium. */
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
      setupFilesAfterEnv: ['<rootDir>/test/support/timeout-setup.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
    {
      // Pages render in jsdom through miniprogram-simulate; TDesign's miniprogram_dist is ES modules
      // and goes through babel; how pages load TDesign: test/support/simulate-pages.ts.
      displayName: 'pages',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/pages'],
      testMatch: ['<rootDir>/test/pages/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/simulate-setup.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/timeout-setup.ts'],
      transform: {
        '^.+\\.ts$': tsJest,
        '^.+\\.js$': [
          'babel-jest',
          { babelrc: false, configFile: false, plugins: ['@babel/plugin-transform-modules-commonjs'] },
        ],
      },
      transformIgnorePatterns: ['/node_modules/(?!tdesign-miniprogram/)'],
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
    {
      // The browser preview in Debian's Chromium against the real local stack (skipped, with a
      // message, where /usr/bin/chromium is missing; CI installs it).
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/e2e/support/jest-setup.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
  ],
};
