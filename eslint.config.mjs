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
