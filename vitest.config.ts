import { defineConfig } from 'vitest/config';

// Test levels, fastest first. Each later level needs more running: integration tests start moto,
// conformance tests start `npm start` (or use POSTROOM_BASE_URL to test a deployed stack); the
// package test packs Postroom and builds a fresh CDK app on the tarball, and the soak starts its own
// `npm start` for about two minutes of traffic.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'cdk', include: ['test/cdk/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/integration.global-setup.ts'],
          setupFiles: ['test/support/iam/iam-log.setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'conformance',
          include: ['test/conformance/**/*.test.ts'],
          globalSetup: ['test/support/postroom.global-setup.ts'],
          setupFiles: ['test/support/iam/iam-log.setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: { name: 'package', include: ['test/package/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: { name: 'soak', include: ['test/soak/**/*.test.ts'], testTimeout: 600_000 },
      },
    ],
  },
});
