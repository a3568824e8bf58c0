import type { Logger } from '../api/logger';
import { parseCliArgs, usage } from './cliArgs';
import { startEmulator } from './index';

/** `node dist/emulator-cli.js [flags]`: runs the emulator until Ctrl-C / SIGTERM. Exit 2 on bad flags, 1 on start failure. */

function stderrLogger(verbose: boolean): Logger {
	const write = (level: string) => (message: string) => console.error(`[${level}] ${message}`);
	const off = () => undefined;
	return { trace: off, debug: verbose ? write('debug') : off, info: verbose ? write('info') : off, warn: write('warn'), error: write('error') };
}

async function main(argv: readonly string[]): Promise<void> {
	const command = parseCliArgs(argv);
	if (command.kind === 'help') {
		console.log(usage());
		return;
	}
	if (command.kind === 'error') {
		console.error(`emulator: ${command.message}\nRun with --help for the list of flags.`);
		process.exitCode = 2;
		return;
	}
	const keyGiven = command.options.secretKey !== undefined;
	let emulator;
	try {
		emulator = await startEmulator({ ...command.options, logger: stderrLogger(command.verbose) });
	} catch (e) {
		console.error(`emulator: ${e instanceof Error ? e.message : String(e)}`);
		process.exitCode = 1;
		return;
	}
	const running = emulator;
	const stop = (signal: NodeJS.Signals): void => {
		process.off('SIGINT', stop);
		process.off('SIGTERM', stop);
		console.log(`${signal}: closing`);
		running.close().then(
			() => undefined,
			(e: unknown) => {
				console.error(`emulator: close failed: ${e instanceof Error ? e.message : String(e)}`);
				process.exitCode = 1;
			},
		);
	};
	// Installed before anything is printed: a supervisor may signal as soon as it sees the URL.
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	console.log(`listening on ${running.url}`);
	console.log(`zone:       ${running.zoneId}`);
	console.log(`secret id:  ${running.credentials.secretId}`);
	if (!keyGiven) {
		console.log(`secret key: ${running.credentials.secretKey}  (generated for this run)`);
	}
	console.log(`tasks:      ${running.tasks().length}`);
	console.log('Press Ctrl-C to stop.');
}

main(process.argv.slice(2)).catch((e: unknown) => {
	console.error(`emulator: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
	process.exitCode = 1;
});
