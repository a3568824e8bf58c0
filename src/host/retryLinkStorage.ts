import type * as vscode from 'vscode';
import type { RetryLinkRecord, RetryLinkStorage } from '../model/retryLinks';
import type { ExtensionLog } from './log';

/** globalState, not synced: task and zone IDs only, no names, no keys. README, "What is stored where". */
export const RETRY_LINKS_KEY = 'cicTasks.retryLinks';

export function retryLinkStorage(memento: vscode.Memento, log: ExtensionLog): RetryLinkStorage {
	return {
		read: () => memento.get<unknown>(RETRY_LINKS_KEY),
		write: (records: readonly RetryLinkRecord[]) => {
			memento.update(RETRY_LINKS_KEY, records).then(undefined, (error: unknown) => {
				log.warn(`Retry Task: could not save the retry links (${error instanceof Error ? error.message : String(error)}); they last until the window closes.`);
			});
		},
	};
}
