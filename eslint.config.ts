import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { loupePlugin } from './scripts/lint/plugin'

/**
 * Lint is where the architecture is enforced (see ARCHITECTURE.md): `loupe/tiers` keeps imports inside the tiers and
 * `loupe/no-cycles` forbids import circles; the rest is the usual TypeScript and React hooks hygiene.
 */
export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.cache/**', 'bench/results/**', 'test-results/**', 'test/architecture/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // `typeof import('x')` stays allowed: it types UMD modules loaded with createRequire.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // Non-null assertions are how this code states an invariant the type system cannot see (noUncheckedIndexedAccess).
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The Electron stand-ins mirror Electron's own loosely typed callbacks and options.
    files: ['test/electron/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { loupe: loupePlugin },
    rules: { 'loupe/tiers': 'error', 'loupe/no-cycles': ['error', ['src']] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat.recommended,
  },
)
