import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../ids';
import { GROUPING_MODES, type GroupingMode } from '../model/grouping';
import type { NotifyOn } from '../model/notifications';

export type { NotifyOn };

/** The view's grouping modes are the model's; the setting stores the mode's id. */
export type GroupByMode = GroupingMode;
export const GROUP_BY_MODES: readonly GroupByMode[] = GROUPING_MODES;

export type Site = 'china' | 'international';
export type LanguageSetting = 'auto' | 'en-US' | 'zh-CN';

/** Typed, clamped reads of the `cicTasks.*` settings; nothing here is secret. */
export interface SettingsSnapshot {
	site: Site;
	endpoint: string;
	groupBy: GroupByMode;
	pageSize: number;
	loadAllThreshold: number;
	autoRefreshIntervalSeconds: number;
	/** Seconds between background count checks; 0 is off. */
	backgroundCheckIntervalSeconds: number;
	notifyOn: NotifyOn;
	savedViews: unknown;
	requestsPerSecond: number;
	language: LanguageSetting;
	/** Retry Task may send writes (user settings only: a workspace must never turn changes on). */
	allowChanges: boolean;
}

function clamp(value: number, min: number, max: number, fallback: number): number {
	return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
	return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * The settings that decide where signed requests go (site, endpoint) or how hard the API is hit (the rest). They are
 * application-scoped in package.json, so VS Code drops `"cicTasks.endpoint": …` from workspace and folder settings.
 * It still applies a workspace's `"cicTasks": { "endpoint": … }` or `"cicTasks.autoRefresh": { "interval": … }`
 * (measured in VS Code 1.100: the nested form escapes the scope check), so these are read from the user's value only.
 */
export const USER_ONLY_SETTINGS = ['site', 'endpoint', 'pageSize', 'loadAllThreshold', 'autoRefresh.interval', 'autoRefresh.backgroundCheckInterval', 'requestsPerSecond', 'allowChanges'] as const;
export type UserOnlySetting = (typeof USER_ONLY_SETTINGS)[number];

/** The user's value (user settings, local or remote) or the default: never a workspace or folder value. */
function userValue(c: vscode.WorkspaceConfiguration, key: UserOnlySetting): unknown {
	const values = c.inspect(key);
	return values?.globalValue ?? values?.defaultValue;
}

function numberOr(value: unknown, fallback: number): number {
	return typeof value === 'number' ? value : fallback;
}

/** The grouping mode alone: one cheap read, for activation. */
export function readGroupBy(): GroupByMode {
	return oneOf(vscode.workspace.getConfiguration(CONFIG_SECTION).get('groupBy'), GROUP_BY_MODES, 'statusRoleConfiguration');
}

/** The background check's interval alone: one read, because the check is scheduled during activation. */
export function readBackgroundCheckIntervalSeconds(): number {
	const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
	return clamp(numberOr(userValue(c, 'autoRefresh.backgroundCheckInterval'), 180), 0, 3600, 180);
}

export function readSettings(): SettingsSnapshot {
	const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
	const endpoint = userValue(c, 'endpoint');
	return {
		site: oneOf(userValue(c, 'site'), ['china', 'international'] as const, 'china'),
		endpoint: typeof endpoint === 'string' ? endpoint.trim() : '',
		groupBy: oneOf(c.get('groupBy'), GROUP_BY_MODES, 'statusRoleConfiguration'),
		pageSize: clamp(numberOr(userValue(c, 'pageSize'), 100), 1, 100, 100),
		loadAllThreshold: clamp(numberOr(userValue(c, 'loadAllThreshold'), 1000), 1, 1_000_000, 1000),
		autoRefreshIntervalSeconds: clamp(numberOr(userValue(c, 'autoRefresh.interval'), 10), 0, 3600, 10),
		backgroundCheckIntervalSeconds: readBackgroundCheckIntervalSeconds(),
		notifyOn: oneOf(c.get('notifyOn'), ['failed', 'all', 'none'] as const, 'failed'),
		savedViews: c.get('savedViews') ?? [],
		requestsPerSecond: clamp(numberOr(userValue(c, 'requestsPerSecond'), 20), 1, 20, 20),
		language: oneOf(c.get('language'), ['auto', 'en-US', 'zh-CN'] as const, 'auto'),
		allowChanges: userValue(c, 'allowChanges') === true,
	};
}

export async function updateSetting(key: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration(CONFIG_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}

/** The API language: the setting, or VS Code's display language when it is "auto". */
export function apiLanguage(setting: LanguageSetting): 'en-US' | 'zh-CN' {
	if (setting !== 'auto') {
		return setting;
	}
	return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}
