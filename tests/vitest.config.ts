// Two projects: unit tests of the pure core and the DOM modules (Node, happy-dom), and end-to-end tests that
// drive the built extension in Debian's Chromium and Firefox one at a time (2 cores: never in parallel).
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const alias = {
  'backstory:pack': fileURLToPath(new URL('./support/pack.ts', import.meta.url)),
  'backstory:card-pack': fileURLToPath(new URL('./support/card-pack.ts', import.meta.url)),
};
const define = { __BACKSTORY_TEST__: 'true' };

export default defineConfig({
  root,
  test: {
    env: { BACKSTORY_ROOT: root },
    projects: [
      { resolve: { alias }, define, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', env: { BACKSTORY_ROOT: root } } },
      {
        resolve: { alias },
        define,
        test: {
          name: 'e2e',
          env: { BACKSTORY_ROOT: root },
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
