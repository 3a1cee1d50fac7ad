// ESLint: typescript-eslint's strict type-checked preset on src/ (each tsconfig gives its files their
// types), the lighter recommended type-checked preset on tests and tool configs, plain JavaScript rules
// on the scripts. Prettier owns formatting: eslint-config-prettier comes last and switches off every
// rule that would argue with it, and there is no line-length rule (Prettier wraps what it can).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const typed = {
  parserOptions: {
    project: ['./tsconfig.node.json', './tsconfig.renderer.json', './tsconfig.test.json'],
    tsconfigRootDir: import.meta.dirname,
  },
};

// `const { secret: _secret, ...rest } = x` and `(_req, reply) =>` name what they drop on purpose
const unusedVars = [
  'error',
  { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
];

/** Rule settings every TypeScript file shares. */
const common = {
  '@typescript-eslint/no-unused-vars': unusedVars,
  // async implementations of Promise-returning interfaces (Scale.start, fastify handlers, fakes) need no
  // await: `async` is what turns their synchronous throws into rejections
  '@typescript-eslint/require-await': 'off',
};

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'release/']),
  js.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: typed,
    rules: {
      ...common,
      // numbers in messages and keys are formatted by their template; objects and nullish still fail
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => void` shorthands such as `(e) => emit(e)` say what they do; statements are still checked
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // with noUncheckedIndexedAccess, `xs[i]!` after a bounds check is the honest way to say "present"
      '@typescript-eslint/no-non-null-assertion': 'off',
      // typed readers of stored JSON (`settings.get<RoutingTable>('routing')`) let the caller name the type
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      // `[...s]` splits by code point, which is what WeChat's length limits and ASCII frames count
      '@typescript-eslint/no-misused-spread': ['error', { allow: [{ from: 'lib', name: 'string' }] }],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', '*.config.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: typed,
    rules: {
      ...common,
      // tests read untyped JSON (HTTP bodies, journals, IPC payloads) and their expect() is the check
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // ws frames and fetch bodies are typed as unions with ArrayBuffer; the text the test compares is the check
      '@typescript-eslint/no-base-to-string': 'off',
      // `expect(fake.method).toHaveBeenCalled()` passes a method without calling it, on purpose
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
    rules: { 'no-unused-vars': unusedVars },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
  },
  prettier,
);
