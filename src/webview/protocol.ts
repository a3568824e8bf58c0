import type { TaskInfo } from '../api/types';
import type { PluralForms } from '../model/plural';

/**
 * The one message protocol between the extension host and the task webviews, compiled by both sides
 * (tsconfig.json for the host, tsconfig.webview.json for src/webview/ui). The host never acts on a message
 * before {@link isFromWebviewMessage} accepts it: the webview renders API data and is treated as untrusted.
 * This file must stay free of vscode, Node and DOM imports.
 */

export const DETAIL_VIEW_TYPE = 'cicTasks.taskDetails';
export const OVERVIEW_VIEW_TYPE = 'cicTasks.overview';

/** Longest string the host accepts in a message value (task ids, filter values). */
export const MAX_MESSAGE_STRING = 1024;

export type StatusKind = 'failed' | 'inProgress' | 'success' | 'unknown';

export const COPY_FIELDS = ['TaskId', 'RoleConfigurationId', 'RoleConfigurationName', 'PrincipalId', 'TargetUin', 'FailureReason', 'json'] as const;
export type CopyField = (typeof COPY_FIELDS)[number];

export const FILTER_DIMENSIONS = ['roleConfiguration', 'principal', 'account'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

export const OVERVIEW_DIMENSIONS = ['status', 'taskType', 'roleConfiguration', 'failureReason'] as const;
export type OverviewDimension = (typeof OVERVIEW_DIMENSIONS)[number];

// ---- to the webview ---------------------------------------------------------------------------------

/** Localized labels of the detail panel: the webview has no l10n API, so the host sends them. */
export interface DetailStrings {
	task: string;
	status: string;
	taskType: string;
	roleConfiguration: string;
	principal: string;
	target: string;
	failureReason: string;
	/** The neutral label of a FailureReason on a task that did not fail (the service sends it on any status). */
	message: string;
	noFailureReason: string;
	firstSeen: string;
	statusChanged: string;
	notSeenChanging: string;
	elapsed: string;
	/** "at least {0}" */
	elapsedValue: string;
	observedNote: string;
	rawJson: string;
	refresh: string;
	refreshing: string;
	copyJson: string;
	openJson: string;
	openConsole: string;
	/** Accessible names of the per-field copy buttons. */
	copy: Record<Exclude<CopyField, 'json'>, string>;
	/** The copy button of a FailureReason on a task that did not fail. */
	copyMessage: string;
	/** The toggle of a shortened value. */
	showAll: string;
	showLess: string;
	showForRoleConfiguration: string;
	showForPrincipal: string;
	showForAccount: string;
	cannotFilter: string;
	notInTree: string;
	restored: string;
	emptyValue: string;
	actions: string;
	details: string;
	/** Who and where: the principal, the account and the role configuration by name. */
	contextHeading: string;
	account: string;
	/** "checked {0}": when a name or a Now answer came. */
	checkedAt: string;
	nowHeading: string;
	nowIntro: string;
	assignment: string;
	provisioning: string;
	checkNow: string;
	checking: string;
	/** "({0} more characters not shown)" after a name cut at the panel's bound. */
	omittedChars: string;
	/** Retry Task… (issue 11) and the links between a failed task and the tasks its retry started. */
	retryTask: string;
	retriedAs: string;
	retryOf: string;
}

/** Retry Task… in a detail panel: whether it applies, and which tasks a retry in this session started. */
export interface RetryView {
	offered: boolean;
	retriedAs: string[];
	retryOf?: string;
}

/** One value of the who-and-where section: `field` is its data-field (and Show all key), `label` already localized. */
export interface NameRowView {
	field: string;
	label: string;
	value: string;
	/** An identifier or raw enum value, shown monospaced. */
	code?: boolean;
	/** Characters beyond the panel's bound (contextView.ts NAME_WHOLE_LIMIT), left out even after "Show all". */
	omitted?: number;
}

export type ContextSectionView =
	| { state: 'found'; rows: NameRowView[]; checkedAt: number }
	| { state: 'notFound'; message: string; checkedAt: number }
	| { state: 'error'; message: string; checkedAt: number }
	| { state: 'loading'; message: string }
	| { state: 'unavailable'; message: string };

export interface TaskContextView {
	/** "User", "Group" or "Principal". */
	principalHeading: string;
	/** The principal's and the account's names for the task's own rows ("Alice Wang (alice)", "Prod Web"); "" when unknown. */
	principalSummary: string;
	accountSummary: string;
	principal: ContextSectionView;
	account: ContextSectionView;
	roleConfiguration: ContextSectionView;
}

export type NowTone = 'good' | 'warning' | 'bad' | 'neutral';

export type NowItemView =
	/** `code`: the service's raw value beside the words ("" when there is none). */
	| { state: 'answered'; tone: NowTone; text: string; code: string; checkedAt: number }
	| { state: 'error'; message: string; checkedAt: number }
	| { state: 'pending'; message: string }
	| { state: 'notApplicable'; message: string };

export interface NowView {
	checking: boolean;
	/** A check can be sent (a client and a zone exist). */
	canCheck: boolean;
	assignment: NowItemView;
	provisioning: NowItemView;
}

export interface TaskDetailView {
	taskId: string;
	status: string;
	statusKind: StatusKind;
	statusLabel: string;
	taskType: string;
	taskTypeLabel: string;
	roleConfigurationId: string;
	roleConfigurationName: string;
	principalType: string;
	principalTypeLabel: string;
	principalId: string;
	targetType: string;
	targetTypeLabel: string;
	targetUin: string;
	failureReason: string;
	/** Epoch ms this extension first saw the task, when it did. */
	firstSeen?: number;
	/** Epoch ms this extension saw the status change, when it did. */
	statusChangedAt?: number;
	json: string;
	/** Loaded in the Tasks view, so the view's polling keeps it current. */
	inTree: boolean;
	/** Rebuilt after a window reload from saved state; not yet confirmed by the service or the tree. */
	restored: boolean;
	refreshing: boolean;
	error?: string;
	canFilter: Record<FilterDimension, boolean>;
	context: TaskContextView;
	now: NowView;
	retry?: RetryView;
}

export interface DetailStateMessage {
	type: 'detail';
	view: TaskDetailView;
	strings: DetailStrings;
	/** BCP 47 language of VS Code, for dates. */
	locale: string;
	/** The task as the host knows it, kept in the webview state so a reload can restore the panel. */
	task: TaskInfo;
	/** Screen-reader announcement; the webview speaks each id once, so re-sending the state never repeats it. */
	announcement?: { id: number; text: string };
}

export interface OverviewStrings {
	title: string;
	/** "{0} tasks loaded" */
	loadedTasks: PluralForms;
	filter: string;
	clearFilter: string;
	refresh: string;
	byStatus: string;
	byTaskType: string;
	byRoleConfiguration: string;
	roleConfiguration: string;
	total: string;
	failureReasons: string;
	noFailures: string;
	noReason: string;
	empty: string;
	/**
	 * "({0} tasks; show them in the Tasks view)": what a bar or a role configuration button does, read after its
	 * visible text (an aria-label would replace that text, and the accessible name must contain it, WCAG 2.5.3).
	 */
	showTasks: PluralForms;
	/** "{0}, {1}: {2} tasks. Show them in the Tasks view." */
	cellLabel: PluralForms;
	/** "Show failed tasks of the role configurations with this reason ({0} tasks)" */
	reasonLabel: PluralForms;
	/** "{0} tasks" */
	tasksCount: PluralForms;
	/** "{0} more not shown" */
	more: string;
	exactNote: string;
	/** The footnote when the task-type counts are exact too. */
	exactTypesNote: string;
	loadedNote: string;
	/** "Counts only the {0} loaded tasks": the mark of a figure that is not an exact total. */
	loadedOnly: PluralForms;
	/** The one-click Load all beside that mark. */
	loadAll: string;
	openTask: string;
	/** The toggle of a shortened value. */
	showAll: string;
	showLess: string;
}

export interface OverviewBar {
	/** The raw value a click filters by (a status, a task type). */
	value: string;
	label: string;
	count: number;
	kind?: StatusKind;
}

export interface OverviewRoleConfigurationRow {
	id: string;
	name: string;
	total: number;
	/** Counts in the order of OverviewView.statusColumns. */
	counts: number[];
}

export interface OverviewFailureReason {
	reason: string;
	count: number;
	taskIds: string[];
	moreTasks: number;
}

export interface OverviewView {
	loaded: number;
	/** Sum of the exact per-status totals, when every one is known. */
	total?: number;
	filterText?: string;
	loading: boolean;
	byStatus: OverviewBar[];
	byTaskType: OverviewBar[];
	/** The task-type counts are exact totals (the listings split by TaskType), not loaded tasks. */
	byTaskTypeExact: boolean;
	/** Every counted task is loaded: the figures that count loaded tasks are exact too. */
	allLoaded: boolean;
	statusColumns: OverviewBar[];
	roleConfigurations: OverviewRoleConfigurationRow[];
	moreRoleConfigurations: number;
	failureReasons: OverviewFailureReason[];
	moreFailureReasons: number;
}

export interface OverviewStateMessage {
	type: 'overview';
	view: OverviewView;
	strings: OverviewStrings;
	locale: string;
}

/** What the host posts to a page (test mode adds the requests of testProtocol.ts). */
export type ToWebviewMessage = DetailStateMessage | OverviewStateMessage;

// ---- from the webview -------------------------------------------------------------------------------

export type FromWebviewMessage =
	| { type: 'ready' }
	| { type: 'refresh' }
	/** The detail panel's "Check again": the Now section's listings, sent again. */
	| { type: 'checkNow' }
	/** The detail panel's Retry Task…: the command runs for this panel's task (the setting and a modal still decide). */
	| { type: 'retryTask' }
	| { type: 'copy'; field: CopyField }
	| { type: 'filter'; by: FilterDimension }
	| { type: 'openConsole' }
	| { type: 'openJson' }
	| { type: 'overviewFilter'; dimension: OverviewDimension; value: string; status?: string }
	| { type: 'openTask'; taskId: string }
	| { type: 'clearFilter' }
	/** The overview's Load all: every status group that is not loaded whole. */
	| { type: 'loadAll' };

// ---- runtime guards ---------------------------------------------------------------------------------

type Check = (value: unknown) => boolean;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A plain data object, as structured clone delivers it; class instances, arrays and proxies-in-disguise fail. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return false;
	}
	const proto: unknown = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

const boundedString: Check = (v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_MESSAGE_STRING;
const oneOf = (values: readonly string[]): Check => {
	const set = new Set(values);
	return (v) => typeof v === 'string' && set.has(v);
};

interface Schema {
	required: Readonly<Record<string, Check>>;
	optional?: Readonly<Record<string, Check>>;
}

/** Exact shapes: a message with a missing, extra or wrongly typed field is rejected as a whole. */
const SCHEMAS = new Map<string, Schema>([
	['ready', { required: {} }],
	['refresh', { required: {} }],
	['checkNow', { required: {} }],
	['retryTask', { required: {} }],
	['copy', { required: { field: oneOf(COPY_FIELDS) } }],
	['filter', { required: { by: oneOf(FILTER_DIMENSIONS) } }],
	['openConsole', { required: {} }],
	['openJson', { required: {} }],
	['overviewFilter', { required: { dimension: oneOf(OVERVIEW_DIMENSIONS), value: (v) => typeof v === 'string' && v.length <= MAX_MESSAGE_STRING }, optional: { status: boundedString } }],
	['openTask', { required: { taskId: boundedString } }],
	['clearFilter', { required: {} }],
	['loadAll', { required: {} }],
]);

function matches(value: Record<string, unknown>, schema: Schema): boolean {
	const keys = Reflect.ownKeys(value);
	for (const key of keys) {
		// Only plain data properties: a getter could answer the check and the handler differently.
		if (typeof key !== 'string' || FORBIDDEN_KEYS.has(key) || !Object.hasOwn(Object.getOwnPropertyDescriptor(value, key) ?? {}, 'value')) {
			return false;
		}
		if (key === 'type') {
			continue;
		}
		const check = Object.hasOwn(schema.required, key) ? schema.required[key] : schema.optional && Object.hasOwn(schema.optional, key) ? schema.optional[key] : undefined;
		if (!check || !check(value[key])) {
			return false;
		}
	}
	return Object.keys(schema.required).every((k) => Object.hasOwn(value, k));
}

export function isFromWebviewMessage(value: unknown): value is FromWebviewMessage {
	if (!isPlainRecord(value) || typeof value.type !== 'string') {
		return false;
	}
	const schema = SCHEMAS.get(value.type);
	return schema !== undefined && matches(value, schema);
}

// ---- saved webview state (what a window reload hands back) ---------------------------------------------

/** What the detail webview keeps with setState; a reload passes it to the serializer, so it is checked too. */
export interface DetailPanelState {
	v: 1;
	taskId: string;
	task?: TaskInfo;
}

const TASK_STRING_FIELDS = ['TaskId', 'RoleConfigurationId', 'RoleConfigurationName', 'TargetType', 'PrincipalId', 'PrincipalType', 'TaskType', 'Status', 'FailureReason'] as const;
const MAX_TASK_STRING = 1024 * 1024;

export function isTaskInfo(value: unknown): value is TaskInfo {
	if (!isPlainRecord(value)) {
		return false;
	}
	const keys = Object.keys(value);
	if (keys.length !== TASK_STRING_FIELDS.length + 1 || !Number.isSafeInteger(value.TargetUin) || (value.TargetUin as number) < 0) {
		return false;
	}
	return TASK_STRING_FIELDS.every((f) => typeof value[f] === 'string' && value[f].length <= MAX_TASK_STRING);
}

/** The task id (and, if intact, the task) from a saved state; undefined when the state is unusable. */
export function parseDetailPanelState(value: unknown): { taskId: string; task?: TaskInfo } | undefined {
	if (!isPlainRecord(value) || value.v !== 1 || !boundedString(value.taskId)) {
		return undefined;
	}
	const taskId = value.taskId as string;
	const task = isTaskInfo(value.task) && value.task.TaskId === taskId ? value.task : undefined;
	return task ? { taskId, task } : { taskId };
}
