/**
 * Test mode: the test API `activate()` returns, the webview test hooks and the test-only command arguments.
 * It needs both a build that contains the hooks (`__CIC_TEST_HOOKS__`, true in `node esbuild.js` and `--tests`,
 * false in `--production`, which the .vsix ships) and CIC_TEST_MODE in the environment (the integration runner sets it).
 *
 * Guard test-only code as `__CIC_TEST_HOOKS__ && isTestMode()`, with the constant written at the guard itself:
 * esbuild drops a branch behind a literal `false` while parsing, and with it everything only that branch
 * references. A constant re-exported from a module is inlined only after that, so the guarded code would ship.
 */

/** The decision itself, pure so a test can ask it about any build and environment. */
export function testModeFrom(hooksBuiltIn: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
	return hooksBuiltIn && Boolean(env.CIC_TEST_MODE);
}

/** Whether this extension host runs in test mode; always false in a production build. */
export function isTestMode(): boolean {
	return __CIC_TEST_HOOKS__ && testModeFrom(__CIC_TEST_HOOKS__, process.env);
}

export interface DebugLog {
	debug(message: string): void;
}

/**
 * A command's test-only argument: parsed when `parse` is given (registerCommands.ts gives it only in test mode);
 * otherwise dropped with a debug line, and the command runs its normal prompts.
 */
export function testOnlyArgument<T>(parse: ((arg: unknown) => T | undefined) | undefined, command: string, arg: unknown, log: DebugLog): T | undefined {
	if (parse) {
		return parse(arg);
	}
	if (arg !== undefined) {
		log.debug(`${command}: ignored its arguments, which only test mode accepts`);
	}
	return undefined;
}
