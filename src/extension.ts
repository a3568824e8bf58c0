import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { ClientFactory } from './host/connection';
import { ContextKeySetter } from './host/contextKeys';
import { ExtensionLog } from './host/log';
import { NameCacheStorage } from './host/nameCacheStorage';
import { retryLinkStorage } from './host/retryLinkStorage';
import { AfterActivation } from './host/afterActivation';
import { AutoRefresh } from './host/autoRefresh';
import { TransitionNotifier } from './host/notifier';
import { ProfileStore } from './host/profiles';
import { TasksSession } from './host/session';
import { IgnoredWorkspaceSettingsReporter } from './host/ignoredWorkspaceSettings';
import { readGroupBy, readSettings } from './host/settings';
import { TasksStatusBar } from './host/statusBar';
import { TASK_DOCUMENT_SCHEME, TaskDocumentProvider } from './host/taskDocuments';
import { isTestMode } from './host/testMode';
import { TasksView } from './views/tasksView';
import { Commands } from './ids';
import { TaskPanels } from './webview/taskPanels';

/**
 * Handles a test run can reach through `getExtension(...).exports.testApi`, only in test mode (src/host/testMode.ts):
 * it holds SecretStorage, so a production build contains none of it. The integration suite logs `activationMs` as
 * `[cic-activate] N` for the harness to report.
 */
export interface TestApi {
	readonly secrets: vscode.SecretStorage;
	readonly globalState: vscode.Memento;
	readonly activationMs: number;
	readonly session: TasksSession;
	readonly view: TasksView;
	readonly profiles: ProfileStore;
	readonly statusBar: TasksStatusBar;
	readonly notifier: TransitionNotifier;
	readonly autoRefresh: AutoRefresh;
	readonly log: ExtensionLog;
	readonly panels: TaskPanels;
}

export interface ExtensionExports {
	testApi?: TestApi;
}

export function activate(context: vscode.ExtensionContext): ExtensionExports {
	const started = performance.now();
	const log = new ExtensionLog('CIC Tasks');
	const contextKeys = new ContextKeySetter();
	const profiles = new ProfileStore(context.globalState, context.secrets);
	// Only the grouping mode is read here: a full readSettings() inspects every user-only setting, about 10 ms in
	// the extension host, and the client factory reads them with its first client, after activation.
	const groupBy = readGroupBy();
	const clients = new ClientFactory(log);
	const nameCache = new NameCacheStorage(context.globalStorageUri.fsPath, log);
	const session = new TasksSession(profiles, clients, log, context.extensionPath, nameCache, retryLinkStorage(context.globalState, log));
	const view = new TasksView(session, contextKeys, groupBy);
	const late = new AfterActivation(() => ({
		workspaceSettings: new IgnoredWorkspaceSettingsReporter(log),
		statusBar: new TasksStatusBar(session),
		notifier: new TransitionNotifier(session, log),
		autoRefresh: new AutoRefresh(session, view.treeView),
	}));
	const documents = new TaskDocumentProvider();
	const panels = new TaskPanels({ session, log, documents, extensionUri: context.extensionUri, testHooks: __CIC_TEST_HOOKS__ && isTestMode() });
	context.subscriptions.push(
		log,
		profiles,
		nameCache,
		session,
		view,
		late,
		documents,
		panels,
		...panels.registerSerializers(),
		vscode.workspace.registerTextDocumentContentProvider(TASK_DOCUMENT_SCHEME, documents),
		...registerCommands({ log, profiles, session, view, statusBar: () => late.get().statusBar, documents, panels }),
		vscode.workspace.onDidChangeConfiguration((e) => {
			if (e.affectsConfiguration('cicTasks.groupBy')) {
				view.provider.setGroupingMode(readSettings().groupBy);
				void contextKeys.set('cicTasks.groupBy', readSettings().groupBy);
			}
			if (['endpoint', 'site', 'pageSize', 'requestsPerSecond', 'language'].some((k) => e.affectsConfiguration(`cicTasks.${k}`))) {
				void session.reconnect();
			}
		}),
	);
	void contextKeys.set('cicTasks.groupBy', groupBy);
	void contextKeys.set('cicTasks.hasProfiles', profiles.list().length > 0);
	context.subscriptions.push(profiles.onDidChange(() => void contextKeys.set('cicTasks.hasProfiles', profiles.list().length > 0)));
	// The first load starts after activation returns (reconnect's synchronous start, building the client, included),
	// and after the late parts are built (setImmediate runs in order), so they see it from its start.
	const firstLoad = setImmediate(() => {
		void session.reconnect().catch((error: unknown) => log.error(`Initial load failed: ${error instanceof Error ? error.message : String(error)}`));
	});
	context.subscriptions.push({ dispose: () => clearImmediate(firstLoad) });
	// `npm run demo` (scripts/demo.mjs) sets CIC_DEMO=1 on the VS Code it opens, so the view opens on sample data.
	if (process.env.CIC_DEMO === '1') {
		void vscode.commands.executeCommand(Commands.exploreSampleData);
	}

	const activationMs = performance.now() - started;
	log.info(`Activated in ${activationMs.toFixed(1)} ms`);
	if (__CIC_TEST_HOOKS__ && isTestMode()) {
		return {
			testApi: {
				secrets: context.secrets,
				globalState: context.globalState,
				activationMs,
				session,
				view,
				profiles,
				get statusBar() {
					return late.get().statusBar;
				},
				get notifier() {
					return late.get().notifier;
				},
				get autoRefresh() {
					return late.get().autoRefresh;
				},
				log,
				panels,
			},
		};
	}
	return {};
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
