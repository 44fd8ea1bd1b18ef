import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/** Forbids files in `files` to import from the given top-level folders. */
function floor(files, above) {
  return {
    files: [files],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: `^(@/|(\\.\\./)+)(${above.join('|')})(/|$)`, message: `${files.split('/')[0]}/ sits below ${above.join('/ and ')}/: move what it needs down a floor.` }] }],
    },
  };
}

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `const { secret, ...rest } = row` is how fields are left out of a response.
      '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    // The data layer is async on every engine: a promise left unawaited is a write that may
    // never happen, or a check that is always true.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Drizzle's `.all()`, `.get()` and `.run()` exist on SQLite only; lib/ awaits the query instead.
    files: ['app/**', 'components/**', 'lib/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[arguments.length=0][callee.property.name=/^(all|get|run)$/]', message: 'Await the query instead: .all(), .get() and .run() exist on SQLite only.' },
      ],
    },
  },
  {
    // Tests read response bodies of many shapes; typing each would add noise, not safety.
    files: ['tests/**', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // The floors: app/ -> components/ -> lib/ -> db/, nothing importing a floor above its own,
  // by the @/ alias or by a relative path.
  floor('components/**', ['app']),
  floor('lib/**', ['app', 'components']),
  floor('db/**', ['app', 'components', 'lib']),
  { ignores: ['.next*/**', 'node_modules/**', 'data/**', 'db/migrations/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
];

export default config;
