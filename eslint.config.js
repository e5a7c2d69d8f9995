// Type-aware linting: floating promises and unsafe `any` are errors, so handler bugs fail CI.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'coverage/', '**/*.js', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: __dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: 'error',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // jest's expect.objectContaining() and friends are typed as any.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='App']",
          message: 'Use testApp() from test/helpers/synth: a plain App loads the CloudFormation schema validation (1.7 CPU-s per test file).',
        },
      ],
    },
  },
  {
    files: ['test/helpers/synth.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
