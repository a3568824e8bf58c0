import * as vscode from 'vscode';
import { Commands, type CommandId } from '../ids';
import { registerCommand } from '../host/commandBoundary';
import type { ExtensionLog } from '../host/log';
import type { ProfileStore } from '../host/profiles';
import type { TasksSession } from '../host/session';
import type { TasksStatusBar } from '../host/statusBar';
import { openConsole } from '../host/taskActions';
import type { TaskDocumentProvider } from '../host/taskDocuments';
import { isTestMode, testOnlyArgument } from '../host/testMode';
import { isLoadNode, isShowMoreNode, loadTaskType } from '../views/nodes';
import type { TasksView } from '../views/tasksView';
import type { TaskPanels } from '../webview/taskPanels';
import { addCredentials, removeCredentials, selectZone, switchProfile } from './credentials';
import { exportTasks } from './exportTasks';
import { applySavedView, filterTasks } from './filterTasks';
import { groupBy } from './groupBy';
import { importCredentials } from './importCredentials';
import { goToTask, searchLoaded, showTracked } from './navigation';
import { copyAsJson, copyField, filterByTask, showDetails } from './taskActions';
import { retryTasks } from './retryTask';
import { testArgumentParsers, type TestArgumentParsers } from './testArguments';

export interface CommandDependencies {
	log: ExtensionLog;
	profiles: ProfileStore;
	session: TasksSession;
	view: TasksView;
	/** Built just after activation (src/host/afterActivation.ts). */
	statusBar: () => TasksStatusBar;
	documents: TaskDocumentProvider;
	panels: TaskPanels;
}

type CommandHandler = (...args: unknown[]) => unknown;

/**
 * Which arguments a command takes. Any other extension can run any command with any arguments (and, before
 * notifications were made inert, so could a link in one), so the product honours only what a user could choose:
 * - what its own UI passes: a tree node and the selection (menus, clicks), a task ID or IDs (a notification's
 *   Show Details, a QuickPick);
 * - small validated choices that only change what the view shows, which a user may also put in a keybinding: a
 *   grouping mode, a filter, a saved-view label, a task ID to go to, one of the saved profiles, a zone ID.
 *   None of them creates, replaces or removes keys, writes or reads a file, reads the environment, or sends
 *   keys anywhere.
 * The rest are test hooks (testArguments.ts), taken only in test mode (src/host/testMode.ts) and absent from a
 * production build: Add Credentials' keys and skipCheck, Import Credentials' source, home, env and endpoint,
 * Remove Credentials' profileId and confirm: false, Export Tasks' path and format, Explore Sample Data's fixture,
 * tasks, seed and evolveIntervalMs. Outside test mode they are ignored with a debug line, and the command prompts.
 */
function testArguments(): TestArgumentParsers | undefined {
	// The literal constant lets esbuild drop testArguments.ts from a production build (see testMode.ts).
	return __CIC_TEST_HOOKS__ && isTestMode() ? testArgumentParsers : undefined;
}

/** Every command of the extension, each behind the one error boundary. */
export function registerCommands(deps: CommandDependencies): vscode.Disposable[] {
	const { log, profiles, session, view, statusBar, documents, panels } = deps;
	// Keyed by every command id: a missing or unknown id is a compile error.
	const table: Record<CommandId, CommandHandler> = {
		[Commands.showLog]: () => log.show(),
		[Commands.refresh]: () => session.refresh(),
		[Commands.cancelLoading]: () => session.cancelAll(),
		[Commands.addCredentials]: (arg) => addCredentials(profiles, log, session.clients, testOnlyArgument(testArguments()?.addCredentials, Commands.addCredentials, arg, log)),
		[Commands.importCredentials]: (arg) =>
			importCredentials(profiles, log, session.clients, testOnlyArgument(testArguments()?.importCredentials, Commands.importCredentials, arg, log)),
		[Commands.removeCredentials]: (arg) =>
			removeCredentials(profiles, log, testOnlyArgument(testArguments()?.removeCredentials, Commands.removeCredentials, arg, log), (zoneId) => session.service.retryLinks.forgetZone(zoneId)),
		[Commands.switchProfile]: (arg) => switchProfile(profiles, arg),
		[Commands.selectZone]: (arg) => selectZone(profiles, session.clients, log, arg),
		[Commands.exploreSampleData]: (arg) =>
			session.enterSampleData(testOnlyArgument(testArguments()?.exploreSampleData, Commands.exploreSampleData, arg, log)).then(() => undefined),
		[Commands.leaveSampleData]: () => session.leaveSampleData(),
		[Commands.groupBy]: (arg) => groupBy(view.provider.groupingMode, arg),
		[Commands.groupByStatusRoleConfiguration]: () => groupBy(view.provider.groupingMode, 'statusRoleConfiguration'),
		[Commands.groupByRoleConfigurationStatus]: () => groupBy(view.provider.groupingMode, 'roleConfigurationStatus'),
		[Commands.groupByStatusTargetAccount]: () => groupBy(view.provider.groupingMode, 'statusTargetAccount'),
		[Commands.groupByStatusPrincipal]: () => groupBy(view.provider.groupingMode, 'statusPrincipal'),
		[Commands.groupByTaskTypeStatus]: () => groupBy(view.provider.groupingMode, 'taskTypeStatus'),
		[Commands.groupByFlat]: () => groupBy(view.provider.groupingMode, 'flat'),
		[Commands.filter]: (arg) => filterTasks(session, log, arg),
		[Commands.clearFilter]: () => session.setFilter({}),
		[Commands.onlyFailed]: () => session.setFilter({ ...session.currentFilter, statuses: ['Failed'] }),
		[Commands.onlyInProgress]: () => session.setFilter({ ...session.currentFilter, statuses: ['InProgress'] }),
		[Commands.applySavedView]: (arg) => applySavedView(session, arg),
		[Commands.goToTask]: (arg) => goToTask(session, view, documents, arg),
		[Commands.searchLoaded]: () => searchLoaded(session, view),
		[Commands.showTracked]: () => showTracked(session, view, statusBar()),
		[Commands.exportTasks]: (arg) => exportTasks(session, log, testOnlyArgument(testArguments()?.exportTasks, Commands.exportTasks, arg, log)),
		[Commands.loadMore]: (arg) => (isLoadNode(arg) ? session.loadGroup(arg.status, 'more', undefined, loadTaskType(arg)) : undefined),
		[Commands.loadAll]: (arg) => (isLoadNode(arg) ? session.loadGroup(arg.status, 'all', undefined, loadTaskType(arg)) : undefined),
		[Commands.showMore]: (arg) => (isShowMoreNode(arg) ? view.provider.showMore(arg) : undefined),
		[Commands.showDetails]: (...args) => showDetails(session, panels, args),
		[Commands.copyTaskId]: (...args) => copyField(session, 'TaskId', args),
		[Commands.copyFailureReason]: (...args) => copyField(session, 'FailureReason', args),
		[Commands.copyRoleConfigurationId]: (...args) => copyField(session, 'RoleConfigurationId', args),
		[Commands.copyTargetUin]: (...args) => copyField(session, 'TargetUin', args),
		[Commands.copyPrincipalId]: (...args) => copyField(session, 'PrincipalId', args),
		[Commands.copyAsJson]: (...args) => copyAsJson(session, args),
		[Commands.retryTask]: (...args) => {
			// Only an object can be the test hook; a tree node, a selection or a task ID is what a user passes.
			const hook = typeof args[0] === 'object' && args[0] !== null && !Array.isArray(args[0]) && !('task' in args[0]) ? args[0] : undefined;
			const test = testOnlyArgument(testArguments()?.retryTask, Commands.retryTask, hook, log);
			return retryTasks({ session, log, panels, test }, test ? test.taskIds : hook ? [] : args);
		},
		[Commands.filterByRoleConfiguration]: (...args) => filterByTask(session, 'roleConfiguration', args),
		[Commands.filterByPrincipal]: (...args) => filterByTask(session, 'principal', args),
		[Commands.filterByAccount]: (...args) => filterByTask(session, 'account', args),
		[Commands.openConsole]: () => openConsole(session),
		[Commands.showOverview]: () => void panels.showOverview(),
	};
	return Object.entries(table).map(([id, handler]) => registerCommand(id, handler, log));
}
