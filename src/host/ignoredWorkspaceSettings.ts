import * as vscode from 'vscode';
import type { Logger } from '../api/logger';
import { CONFIG_SECTION } from '../ids';
import { parseJsonWithComments, settingsKeysIn } from '../model/settingsText';
import { USER_ONLY_SETTINGS, type UserOnlySetting } from './settings';

const WHY: Readonly<Record<UserOnlySetting, string>> = {
	site: 'it decides where signed requests go',
	endpoint: 'it decides where signed requests go',
	pageSize: 'it decides how many requests a load makes',
	loadAllThreshold: 'it decides how many requests a load makes',
	'autoRefresh.interval': 'it decides how often the API is polled',
	'autoRefresh.backgroundCheckInterval': 'it decides how often the API is polled',
	requestsPerSecond: 'it decides how hard the API is hit',
	allowChanges: 'it decides whether this extension may change the organization',
};

interface Finding {
	key: UserOnlySetting;
	/** The settings file, or "the workspace settings" when VS Code reports a value whose file is not known. */
	where: string;
	/** VS Code hands this value to extensions despite the scope (e.g. written as "cicTasks": { "endpoint": … }). */
	appliedByVsCode: boolean;
}

/**
 * Tells the user, in the log, when a workspace sets one of the user-only settings, which readSettings() ignores.
 * VS Code hides most such values from inspect() (it drops application-scoped keys from workspace files), so the
 * workspace's settings files are read too, only to name what was ignored. Logs each setting and file once while it
 * stays there, never the values: the workspace's value is untrusted text and the user's may be private.
 */
export class IgnoredWorkspaceSettingsReporter implements vscode.Disposable {
	private readonly reported = new Set<string>();
	private readonly subscriptions: vscode.Disposable[];
	private queue: Promise<void> = Promise.resolve();
	private disposed = false;

	constructor(private readonly log: Logger) {
		this.subscriptions = [
			// VS Code reports the change of a dropped key too (measured), so no file watcher is needed.
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (e.affectsConfiguration(CONFIG_SECTION)) {
					void this.check();
				}
			}),
			vscode.workspace.onDidChangeWorkspaceFolders(() => void this.check()),
		];
		void this.check();
	}

	/** Runs one check after any that is running, so two checks never interleave their reports. */
	check(): Promise<void> {
		this.queue = this.queue
			.then(async () => {
				if (!this.disposed) {
					this.report(await findings());
				}
			})
			.catch((error: unknown) => this.log.warn(`Could not check the workspace settings: ${error instanceof Error ? error.message : String(error)}`));
		return this.queue;
	}

	private report(found: Finding[]): void {
		const current = new Set<string>();
		const user = vscode.workspace.getConfiguration(CONFIG_SECTION);
		for (const { key, where, appliedByVsCode } of found) {
			const id = `${key}\n${where}\n${appliedByVsCode}`;
			current.add(id);
			if (this.reported.has(id)) {
				continue;
			}
			this.reported.add(id);
			const used = user.inspect(key)?.globalValue !== undefined ? 'the value from your user settings' : 'the default (your user settings do not set it)';
			const applied = appliedByVsCode ? ', which VS Code would otherwise have applied' : '';
			this.log.warn(
				`Ignored ${CONFIG_SECTION}.${key} in ${where}${applied}: ${WHY[key]}, so CIC Tasks reads it from user settings only, never from a workspace. Using ${used}.`,
			);
		}
		// Once removed from the workspace, a value that comes back is reported again.
		for (const id of [...this.reported]) {
			if (!current.has(id)) {
				this.reported.delete(id);
			}
		}
	}

	dispose(): void {
		this.disposed = true;
		for (const s of this.subscriptions) {
			s.dispose();
		}
	}
}

function folderSettingsFile(folder: vscode.WorkspaceFolder): vscode.Uri {
	return vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
}

function describe(uri: vscode.Uri): string {
	return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
}

/** The settings files of this window: each folder's .vscode/settings.json, and the .code-workspace file's "settings". */
function settingsFiles(): { uri: vscode.Uri; inWorkspaceFile: boolean }[] {
	const files = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ uri: folderSettingsFile(folder), inWorkspaceFile: false }));
	const workspaceFile = vscode.workspace.workspaceFile;
	if (workspaceFile && workspaceFile.scheme !== 'untitled') {
		files.push({ uri: workspaceFile, inWorkspaceFile: true });
	}
	return files;
}

async function readSettingsObject(uri: vscode.Uri, inWorkspaceFile: boolean): Promise<unknown> {
	let text: string;
	try {
		text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
	} catch {
		return undefined;
	}
	const parsed = parseJsonWithComments(text);
	return inWorkspaceFile ? (parsed as { settings?: unknown } | undefined)?.settings : parsed;
}

async function findings(): Promise<Finding[]> {
	const found = new Map<string, Finding>();
	const add = (key: UserOnlySetting, where: string, appliedByVsCode: boolean): void => {
		const id = `${key}\n${where}`;
		found.set(id, { key, where, appliedByVsCode: appliedByVsCode || (found.get(id)?.appliedByVsCode ?? false) });
	};
	const folders = vscode.workspace.workspaceFolders ?? [];
	const workspaceFile = vscode.workspace.workspaceFile;
	const workspaceSettings =
		workspaceFile && workspaceFile.scheme !== 'untitled' ? describe(workspaceFile) : folders.length === 1 ? describe(folderSettingsFile(folders[0])) : 'the workspace settings';
	// Values VS Code does hand to extensions despite the scope, e.g. "cicTasks": { "endpoint": … }.
	const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
	for (const key of USER_ONLY_SETTINGS) {
		if (config.inspect(key)?.workspaceValue !== undefined) {
			add(key, workspaceSettings, true);
		}
		for (const folder of folders) {
			if (vscode.workspace.getConfiguration(CONFIG_SECTION, folder.uri).inspect(key)?.workspaceFolderValue !== undefined) {
				add(key, describe(folderSettingsFile(folder)), true);
			}
		}
	}
	// Values VS Code drops silently: only the files show them.
	for (const { uri, inWorkspaceFile } of settingsFiles()) {
		for (const key of settingsKeysIn(await readSettingsObject(uri, inWorkspaceFile), CONFIG_SECTION, USER_ONLY_SETTINGS)) {
			add(key, describe(uri), false);
		}
	}
	return [...found.values()];
}
