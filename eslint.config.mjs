// Lint runs inside `npm test`: typescript-eslint's recommended rules on all TypeScript,
// and layers that only look down in src/ (scripts/eslint-layers.mjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layersRule } from './scripts/eslint-layers.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'public/vendor/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { pn: { rules: { layers: layersRule } } },
    rules: { 'pn/layers': 'error' },
  },
);
