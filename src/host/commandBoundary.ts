import * as vscode from 'vscode';
import type { ExtensionLog } from './log';
import { notificationText } from '../model/notifications';
import { isCancellation } from './cancellation';
import { describeErrorForUser } from './errorMessages';
import { notifyError } from './notify';

/**
 * The one error boundary every command runs inside: cancellation is silent, everything else is logged with
 * the command's id and shown as a message that says what to do, with "Show Log" always offered.
 */
export function registerCommand(
	id: string,
	handler: (...args: unknown[]) => unknown,
	log: ExtensionLog,
): vscode.Disposable {
	return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
		try {
			return await handler(...args);
		} catch (error) {
			if (isCancellation(error)) {
				log.debug(`${id}: cancelled`);
				return undefined;
			}
			reportError(id, error, log);
			return undefined;
		}
	});
}

/** Logs the failure and shows it as src/host/errorMessages.ts describes it, with its buttons and "Show Log". */
export function reportError(source: string, error: unknown, log: ExtensionLog): void {
	const described = describeErrorForUser(error);
	const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	log.error(`${source} failed: ${detail}`);
	const showLog = vscode.l10n.t('Show Log');
	const actions = described.actions ?? [];
	// The description may quote the API's Error.Code and Error.Message, a file or a setting: inert, after the
	// secrets are scrubbed (a "[REDACTED]" must not close a link either), and remembered exactly as shown.
	const text = log.forDisplay(notificationText(log.scrub(described.message)));
	void notifyError(text, ...actions.map((a) => a.title), showLog)
		.then((choice) => {
			if (choice === showLog) {
				log.show();
				return;
			}
			const action = actions.find((a) => a.title === choice);
			if (action) {
				void vscode.commands.executeCommand(action.command, ...(action.args ?? []));
			}
		});
}
