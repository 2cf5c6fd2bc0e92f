import { defineConfig } from 'vitest/config';

// End-to-end tests drive a real Chromium with the built extension loaded (`npm run test:e2e`).
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
