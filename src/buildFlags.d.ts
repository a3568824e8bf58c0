/**
 * Replaced by esbuild.js at build time (`define`): true in development and test builds, false in `--production`
 * (what the .vsix ships), so the test hooks it guards are dropped from the packaged bundles. See src/host/testMode.ts.
 */
declare const __CIC_TEST_HOOKS__: boolean;
