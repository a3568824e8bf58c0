import * as vscode from 'vscode';
import type { Logger } from '../api/logger';

const RECENT_LINES = 2000;

/**
 * The extension's one LogOutputChannel, behind the API layer's Logger interface.
 * Every line passes through `scrub`, which removes any secret currently known to the extension, as a
 * last line of defence behind the API layer's own redaction.
 */
export class ExtensionLog implements Logger, vscode.Disposable {
	readonly channel: vscode.LogOutputChannel;
	private readonly secrets = new Set<string>();
	/** The last lines written, exactly as written: for diagnostics and for the secret-leak tests. */
	private readonly recent: string[] = [];

	constructor(name: string) {
		this.channel = vscode.window.createOutputChannel(name, { log: true });
	}

	/** Registers a value that must never be written (a SecretKey, a session token). */
	addSecret(value: string | undefined): void {
		if (value && value.length >= 4) {
			this.secrets.add(value);
		}
	}

	scrub(message: string): string {
		let out = message;
		for (const secret of this.secrets) {
			if (out.includes(secret)) {
				out = out.split(secret).join('[REDACTED]');
			}
		}
		return out;
	}

	trace(message: string): void {
		this.channel.trace(this.remember(message));
	}
	debug(message: string): void {
		this.channel.debug(this.remember(message));
	}
	info(message: string): void {
		this.channel.info(this.remember(message));
	}
	warn(message: string): void {
		this.channel.warn(this.remember(message));
	}
	error(message: string): void {
		this.channel.error(this.remember(message));
	}

	private remember(message: string): string {
		const line = this.scrub(message);
		this.recent.push(line);
		if (this.recent.length > RECENT_LINES) {
			this.recent.splice(0, this.recent.length - RECENT_LINES);
		}
		return line;
	}

	recentLines(): readonly string[] {
		return this.recent;
	}

	show(): void {
		this.channel.show(true);
	}

	dispose(): void {
		this.channel.dispose();
	}
}
