import { defineConfig } from 'vitest/config';

// Test levels, fastest first. Each later level needs more running: integration tests start moto,
// conformance tests start `npm start` (or use POSTROOM_BASE_URL to test a deployed stack), cli tests
// run the `postroom` bin against an `npm start` of their own, browser tests drive the web console
// it serves in headless Chromium; the
// package test packs Postroom and builds a fresh CDK app on the tarball, and the soak starts its own
// `npm start` for about two minutes of traffic.
export default defineConfig({
  test: {
    // Two test files at a time even on two cores (vitest's default there is one): the files mostly
    // wait on the emulator and the local runtime, and the suites isolate themselves by unique names.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'cdk',
          include: ['test/cdk/**/*.test.ts'],
          // Template assertions need no Lambda bundles: CDK skips bundling for stacks outside this
          // context list (as `cdk synth --exclusively` does for other stacks), which takes each
          // synthesis from esbuild's seconds to milliseconds. postroom-stack.test.ts opts back in to
          // prove the real bundling; the integration tests run real bundles.
          env: { CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:bundling-stacks': [] }) },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
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
        test: {
          name: 'cli',
          include: ['test/cli/**/*.test.ts'],
          // One file at a time: they share one npm start, and its moto is single-threaded.
          fileParallelism: false,
          globalSetup: ['test/cli/support/cli.global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/postroom.global-setup.ts', 'test/support/browser.global-setup.ts'],
          // The files share one Chromium and one npm start: one at a time keeps both responsive.
          fileParallelism: false,
          testTimeout: 60_000,
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
