import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Three projects: pure logic and components (Node and a DOM emulator), the command line against a
// worker it starts, and the worker inside workerd against a real local D1 with the real migrations applied.
export default defineConfig(async () => {
  const migrations = await readD1Migrations('worker/migrations');
  return {
    test: {
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest-unit-and-worker.json' },
      projects: [
        {
          plugins: [WxtVitest(), preact()],
          test: {
            name: 'unit',
            include: ['test/unit/**/*.test.{ts,tsx}'],
            environment: 'happy-dom',
            globalSetup: ['test/unit/global-setup.ts'],
            setupFiles: ['test/unit/setup.ts'],
          },
        },
        {
          // The command line, run as it ships against a worker it starts on a local D1: after the
          // other two, so its processes never take the time of their tests.
          test: {
            name: 'cli',
            include: ['test/cli/**/*.test.ts'],
            environment: 'node',
            sequence: { groupOrder: 1 },
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: { TEST_MIGRATIONS: migrations, ENVIRONMENT: 'test' },
              },
            }),
          ],
          test: {
            name: 'worker',
            include: ['test/worker/**/*.test.ts'],
            setupFiles: ['test/worker/apply-migrations.ts'],
          },
        },
      ],
    },
  };
});
