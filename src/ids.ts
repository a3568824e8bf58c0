/**
 * Every identifier the manifest and the code share: commands, views, context keys, settings, storage keys.
 * Declared once so a typo is a compile error, and so the manifest test can check both sides agree.
 */

export const EXTENSION_ID = 'cic-tasks-dev.cic-tasks';
export const VIEW_CONTAINER_ID = 'cicTasks';
export const TASKS_VIEW_ID = 'cicTasks.tasks';
export const CONFIG_SECTION = 'cicTasks';

export const Commands = {
	showLog: 'cicTasks.showLog',
	refresh: 'cicTasks.refresh',
	cancelLoading: 'cicTasks.cancelLoading',
	addCredentials: 'cicTasks.addCredentials',
	importCredentials: 'cicTasks.importCredentials',
	removeCredentials: 'cicTasks.removeCredentials',
	switchProfile: 'cicTasks.switchProfile',
	selectZone: 'cicTasks.selectZone',
	exploreSampleData: 'cicTasks.exploreSampleData',
	leaveSampleData: 'cicTasks.leaveSampleData',
	groupBy: 'cicTasks.groupBy',
	groupByStatusRoleConfiguration: 'cicTasks.groupBy.statusRoleConfiguration',
	groupByRoleConfigurationStatus: 'cicTasks.groupBy.roleConfigurationStatus',
	groupByStatusTargetAccount: 'cicTasks.groupBy.statusTargetAccount',
	groupByStatusPrincipal: 'cicTasks.groupBy.statusPrincipal',
	groupByTaskTypeStatus: 'cicTasks.groupBy.taskTypeStatus',
	groupByFlat: 'cicTasks.groupBy.flat',
	filter: 'cicTasks.filter',
	clearFilter: 'cicTasks.clearFilter',
	onlyFailed: 'cicTasks.onlyFailed',
	onlyInProgress: 'cicTasks.onlyInProgress',
	applySavedView: 'cicTasks.applySavedView',
	goToTask: 'cicTasks.goToTask',
	searchLoaded: 'cicTasks.searchLoaded',
	showTracked: 'cicTasks.showTrackedTasks',
	exportTasks: 'cicTasks.exportTasks',
	loadMore: 'cicTasks.loadMore',
	loadAll: 'cicTasks.loadAll',
	showMore: 'cicTasks.showMore',
	showDetails: 'cicTasks.showDetails',
	copyTaskId: 'cicTasks.copyTaskId',
	copyFailureReason: 'cicTasks.copyFailureReason',
	copyRoleConfigurationId: 'cicTasks.copyRoleConfigurationId',
	copyTargetUin: 'cicTasks.copyTargetUin',
	copyPrincipalId: 'cicTasks.copyPrincipalId',
	copyAsJson: 'cicTasks.copyAsJson',
	filterByRoleConfiguration: 'cicTasks.filterByRoleConfiguration',
	filterByPrincipal: 'cicTasks.filterByPrincipal',
	filterByAccount: 'cicTasks.filterByAccount',
	openConsole: 'cicTasks.openConsole',
	showOverview: 'cicTasks.showOverview',
	retryTask: 'cicTasks.retryTask',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

/**
 * Context keys used in `when` clauses, with the type of value each holds. The view states are the task service's
 * (src/model/viewState.ts); this file is a leaf and imports nothing, so host/contextKeys.ts narrows the state's type.
 */
export interface ContextKeys {
	'cicTasks.state': string;
	'cicTasks.filterActive': boolean;
	'cicTasks.sampleData': boolean;
	'cicTasks.hasProfiles': boolean;
	'cicTasks.groupBy': string;
	'cicTasks.loading': boolean;
}
