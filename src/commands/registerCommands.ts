import * as vscode from 'vscode';
import { Commands } from '../ids';
import { registerCommand } from '../host/commandBoundary';
import { describeErrorForUser } from '../host/errorMessages';
import type { ExtensionLog } from '../host/log';
import type { ProfileStore } from '../host/profiles';
import type { TasksSession } from '../host/session';
import type { TasksStatusBar } from '../host/statusBar';
import type { SampleEmulatorOptions } from '../host/emulatorLoader';
import { isLoadNode, isShowMoreNode } from '../views/nodes';
import type { TaskDocumentProvider } from '../views/taskDocumentProvider';
import type { TasksView } from '../views/tasksView';
import type { TaskPanels } from '../webview/taskPanels';
import { addCredentials, removeCredentials, selectZone, switchProfile } from './credentials';
import { exportTasks } from './exportTasks';
import { applySavedView, filterTasks } from './filterTasks';
import { groupBy } from './groupBy';
import { importCredentials } from './importCredentials';
import { goToTask, searchLoaded, showTracked } from './navigation';
import { copyAsJson, copyField, filterByTask, openConsole, showDetails } from './taskActions';

export interface CommandDependencies {
	log: ExtensionLog;
	profiles: ProfileStore;
	session: TasksSession;
	view: TasksView;
	statusBar: TasksStatusBar;
	documents: TaskDocumentProvider;
	/** Where dist/ is, for the bundles some commands load on first use (src/host/lazyBundles.ts). */
	extensionPath: string;
	panels: TaskPanels;
}

function sampleOptions(arg: unknown): Partial<SampleEmulatorOptions> {
	if (typeof arg !== 'object' || arg === null) {
		return {};
	}
	const a = arg as Record<string, unknown>;
	const options: Partial<SampleEmulatorOptions> = {};
	if (typeof a.tasks === 'number') {
		options.tasks = a.tasks;
	}
	if (typeof a.seed === 'number') {
		options.seed = a.seed;
	}
	if (typeof a.fixture === 'string') {
		options.fixture = a.fixture;
	}
	if (typeof a.evolveIntervalMs === 'number') {
		options.evolve = a.evolveIntervalMs > 0 ? { intervalMs: a.evolveIntervalMs } : false;
	}
	return options;
}

/** Every command of the extension, each behind the one error boundary. */
export function registerCommands(deps: CommandDependencies): vscode.Disposable[] {
	const { log, profiles, session, view, statusBar, documents, extensionPath, panels } = deps;
	const table: Record<string, (...args: unknown[]) => unknown> = {
		[Commands.showLog]: () => log.show(),
		[Commands.refresh]: () => session.refresh(),
		[Commands.cancelLoading]: () => session.cancelAll(),
		[Commands.addCredentials]: (arg) => addCredentials(profiles, log, arg),
		[Commands.importCredentials]: (arg) => importCredentials(profiles, log, extensionPath, arg),
		[Commands.removeCredentials]: (arg) => removeCredentials(profiles, log, arg),
		[Commands.switchProfile]: (arg) => switchProfile(profiles, arg),
		[Commands.selectZone]: (arg) => selectZone(profiles, arg),
		[Commands.exploreSampleData]: (arg) => session.enterSampleData(sampleOptions(arg)).then(() => undefined),
		[Commands.leaveSampleData]: () => session.leaveSampleData(),
		[Commands.groupBy]: (arg) => groupBy(view.provider.groupingMode, arg),
		[Commands.groupByStatusRoleConfiguration]: () => groupBy(view.provider.groupingMode, 'statusRoleConfiguration'),
		[Commands.groupByRoleConfigurationStatus]: () => groupBy(view.provider.groupingMode, 'roleConfigurationStatus'),
		[Commands.groupByStatusTargetAccount]: () => groupBy(view.provider.groupingMode, 'statusTargetAccount'),
		[Commands.groupByStatusPrincipal]: () => groupBy(view.provider.groupingMode, 'statusPrincipal'),
		[Commands.groupByTaskTypeStatus]: () => groupBy(view.provider.groupingMode, 'taskTypeStatus'),
		[Commands.groupByFlat]: () => groupBy(view.provider.groupingMode, 'flat'),
		[Commands.filter]: (arg) => filterTasks(session, arg),
		[Commands.clearFilter]: () => session.setFilter({}),
		[Commands.onlyFailed]: () => session.setFilter({ ...session.currentFilter, statuses: ['Failed'] }),
		[Commands.onlyInProgress]: () => session.setFilter({ ...session.currentFilter, statuses: ['InProgress'] }),
		[Commands.applySavedView]: (arg) => applySavedView(session, arg),
		[Commands.goToTask]: (arg) => goToTask(session, view, documents, arg),
		[Commands.searchLoaded]: () => searchLoaded(session, view),
		[Commands.showTracked]: () => showTracked(session, view, statusBar),
		[Commands.exportTasks]: (arg) => exportTasks(session, log, extensionPath, arg),
		[Commands.loadMore]: (arg) => (isLoadNode(arg) ? session.loadGroup(arg.status, 'more') : undefined),
		[Commands.loadAll]: (arg) => (isLoadNode(arg) ? session.loadGroup(arg.status, 'all') : undefined),
		[Commands.showMore]: (arg) => (isShowMoreNode(arg) ? view.provider.showMore(arg) : undefined),
		[Commands.showDetails]: (...args) => showDetails(session, panels, args),
		[Commands.copyTaskId]: (...args) => copyField(session, 'TaskId', args),
		[Commands.copyFailureReason]: (...args) => copyField(session, 'FailureReason', args),
		[Commands.copyRoleConfigurationId]: (...args) => copyField(session, 'RoleConfigurationId', args),
		[Commands.copyTargetUin]: (...args) => copyField(session, 'TargetUin', args),
		[Commands.copyPrincipalId]: (...args) => copyField(session, 'PrincipalId', args),
		[Commands.copyAsJson]: (...args) => copyAsJson(session, args),
		[Commands.filterByRoleConfiguration]: (...args) => filterByTask(session, 'roleConfiguration', args),
		[Commands.filterByPrincipal]: (...args) => filterByTask(session, 'principal', args),
		[Commands.filterByAccount]: (...args) => filterByTask(session, 'account', args),
		[Commands.openConsole]: () => openConsole(session),
		[Commands.showOverview]: () => void panels.showOverview(),
	};
	return Object.entries(table).map(([id, handler]) => registerCommand(id, handler, log, describeErrorForUser));
}
