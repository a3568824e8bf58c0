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
	notifyOn: NotifyOn;
	savedViews: unknown;
	requestsPerSecond: number;
	language: LanguageSetting;
}

function clamp(value: number, min: number, max: number, fallback: number): number {
	return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
	return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function readSettings(): SettingsSnapshot {
	const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
	return {
		site: oneOf(c.get('site'), ['china', 'international'] as const, 'china'),
		endpoint: (c.get<string>('endpoint') ?? '').trim(),
		groupBy: oneOf(c.get('groupBy'), GROUP_BY_MODES, 'statusRoleConfiguration'),
		pageSize: clamp(c.get<number>('pageSize') ?? 100, 1, 100, 100),
		loadAllThreshold: clamp(c.get<number>('loadAllThreshold') ?? 1000, 1, 1_000_000, 1000),
		autoRefreshIntervalSeconds: clamp(c.get<number>('autoRefresh.interval') ?? 10, 0, 3600, 10),
		notifyOn: oneOf(c.get('notifyOn'), ['failed', 'all', 'none'] as const, 'failed'),
		savedViews: c.get('savedViews') ?? [],
		requestsPerSecond: clamp(c.get<number>('requestsPerSecond') ?? 20, 1, 20, 20),
		language: oneOf(c.get('language'), ['auto', 'en-US', 'zh-CN'] as const, 'auto'),
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
