/**
 * The logging surface the API layer writes to. The VS Code side implements it with a LogOutputChannel;
 * tests and the emulator CLI implement it with plain functions. Messages must already be free of secrets.
 */
export interface Logger {
	trace(message: string): void;
	debug(message: string): void;
	info(message: string): void;
	warn(message: string): void;
	error(message: string): void;
}

/** A logger that drops everything, for callers that do not care. */
export const silentLogger: Logger = {
	trace: () => undefined,
	debug: () => undefined,
	info: () => undefined,
	warn: () => undefined,
	error: () => undefined,
};
