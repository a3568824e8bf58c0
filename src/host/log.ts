import * as vscode from 'vscode';
import type { Logger } from '../api/logger';

const RECENT_LINES = 2000;
const RECENT_MESSAGES = 200;

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
	private written = 0;
	/** The last error and warning texts shown in notifications, exactly as shown: for the secret-leak tests. */
	private readonly displayed: string[] = [];

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
		this.written += 1;
		this.recent.push(line);
		if (this.recent.length > RECENT_LINES) {
			this.recent.splice(0, this.recent.length - RECENT_LINES);
		}
		return line;
	}

	recentLines(): readonly string[] {
		return this.recent;
	}

	/** How many lines were ever written: a mark for {@link linesSince}, which still works once old lines are dropped. */
	get lineCount(): number {
		return this.written;
	}

	/** The lines written after `mark` (a {@link lineCount}) that are still kept. */
	linesSince(mark: number): readonly string[] {
		const newer = this.written - mark;
		return newer <= 0 ? [] : this.recent.slice(Math.max(0, this.recent.length - newer));
	}

	/**
	 * Scrubs a text about to be shown in an error or warning notification, like a log line, and remembers it:
	 * the integration tests cannot read notifications back from the workbench, so they read them here.
	 */
	forDisplay(message: string): string {
		const text = this.scrub(message);
		this.displayed.push(text);
		if (this.displayed.length > RECENT_MESSAGES) {
			this.displayed.splice(0, this.displayed.length - RECENT_MESSAGES);
		}
		return text;
	}

	displayedMessages(): readonly string[] {
		return this.displayed;
	}

	show(): void {
		this.channel.show(true);
	}

	dispose(): void {
		this.channel.dispose();
	}
}
