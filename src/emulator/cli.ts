import type { Logger } from '../api/logger';
import { maskSecretId } from '../api/redact';
import { parseCliArgs, parseStdinSecrets, usage } from './cliArgs';
import { startEmulator, type EmulatorOptions } from './index';

/**
 * `node dist/emulator-cli.js [flags]`: runs the emulator until Ctrl-C / SIGTERM. Exit 2 on bad flags or bad
 * standard input, 1 on start failure. A SecretKey comes from CIC_EMULATOR_SECRET_KEY or standard input, never argv.
 */

function stderrLogger(verbose: boolean): Logger {
	const write = (level: string) => (message: string) => console.error(`[${level}] ${message}`);
	const off = () => undefined;
	return { trace: off, debug: verbose ? write('debug') : off, info: verbose ? write('info') : off, warn: write('warn'), error: write('error') };
}

async function readStdin(): Promise<string> {
	if (process.stdin.isTTY) {
		console.error('emulator: type the SecretKey (and on a second line the token, if any), then press Ctrl-D.');
	}
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) {
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
	}
	return Buffer.concat(chunks).toString('utf8');
}

async function main(argv: readonly string[]): Promise<void> {
	const command = parseCliArgs(argv, process.env);
	if (command.kind === 'help') {
		console.log(usage());
		return;
	}
	if (command.kind === 'error') {
		console.error(`emulator: ${command.message}\nRun with --help for the list of flags.`);
		process.exitCode = 2;
		return;
	}
	let options: EmulatorOptions = command.options;
	if (command.secretsFromStdin) {
		const read = parseStdinSecrets(await readStdin(), options);
		if ('error' in read) {
			console.error(`emulator: ${read.error}`);
			process.exitCode = 2;
			return;
		}
		options = read.options;
	}
	const keyGiven = options.secretKey !== undefined;
	let emulator;
	try {
		emulator = await startEmulator({ ...options, logger: stderrLogger(command.verbose) });
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
	if (keyGiven) {
		// The user has these already; the terminal (and any log of it) gets the masked SecretId only.
		console.log(`secret id:  ${maskSecretId(running.credentials.secretId)}  (given)`);
	} else {
		console.log(`secret id:  ${running.credentials.secretId}  (sample key, generated for this run)`);
		console.log(`secret key: ${running.credentials.secretKey}`);
	}
	console.log(`tasks:      ${running.tasks().length}`);
	const directory = running.directory();
	console.log(`directory:  ${directory.users.length} users, ${directory.groups.length} groups, ${directory.accounts.length} accounts (zone name ${JSON.stringify(running.zoneName)})`);
	console.log('Press Ctrl-C to stop.');
}

main(process.argv.slice(2)).catch((e: unknown) => {
	console.error(`emulator: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
	process.exitCode = 1;
});
