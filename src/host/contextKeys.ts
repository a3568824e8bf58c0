import * as vscode from 'vscode';
import type { ContextKeys as ContextKeysOf } from '../ids';
import type { ViewState } from '../model/viewState';

/** ids.ts declares the keys; the view state's values are the task service's. */
type ContextKeys = Omit<ContextKeysOf, 'cicTasks.state'> & { 'cicTasks.state': ViewState };

/** Sets `when`-clause context keys, typed by ids.ts, skipping values that did not change. */
export class ContextKeySetter {
	private readonly current = new Map<keyof ContextKeys, unknown>();

	async set<K extends keyof ContextKeys>(key: K, value: ContextKeys[K]): Promise<void> {
		if (this.current.has(key) && this.current.get(key) === value) {
			return;
		}
		this.current.set(key, value);
		await vscode.commands.executeCommand('setContext', key, value);
	}

	get<K extends keyof ContextKeys>(key: K): ContextKeys[K] | undefined {
		return this.current.get(key) as ContextKeys[K] | undefined;
	}
}
