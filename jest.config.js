/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Lazy imports: a test file loads only the aws-cdk-lib modules it uses, when it first uses them.
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs', lazy: true } }],
  },
  // Synthesizing a lab takes seconds; two workers match the two cores CI has.
  maxWorkers: 2,
  // The type-check-and-lint test and the validation of every lab start first (see the file).
  testSequencer: '<rootDir>/test/run-order.js',
  testTimeout: 60_000,
  // A worker that ran lab synths takes 1.1 to 1.3 s to exit after the run (Node.js frees its heap and code; no
  // handle is left open), and jest kills one that takes over 500 ms with "A worker process has failed to exit
  // gracefully". Waiting is cheaper than the kill (test/code/jest-exit.test.ts).
  workerGracefulExitTimeout: 10_000,
  // The run gets its own temporary directory; the teardown fails the run if a test leaves anything in it.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};
