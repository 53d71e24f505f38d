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
    {
      // Pages render in jsdom through miniprogram-simulate; TDesign's miniprogram_dist is ES modules
      // and goes through babel; how pages load TDesign: test/support/simulate-pages.ts.
      displayName: 'pages',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/pages'],
      testMatch: ['<rootDir>/test/pages/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/simulate-setup.ts'],
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
  ],
};
