import type { TaskInfo } from '../api/types';
import { inertText } from './inertText';
import { zoneLabel } from './zoneDiscovery';
import type { Localizer } from './notifications';

/*
 * The text of QuickPick items and the status bar, built from tasks and profiles. Both draw `$(name)` as an
 * icon, and the values come from the API or from names another tool chose (a tccli profile file), so every
 * value passes through inertText; only our own icon prefixes stay live. Kept free of VS Code so a unit test
 * can drive hostile values through each of them.
 */

/** The view layer's words for a task's values (src/host/presentation.ts), which fall back to the raw value. */
export interface TaskWords {
	statusLabel(status: string): string;
	taskTypeLabel(taskType: string): string;
	taskDescription(task: TaskInfo): string;
}

export interface PickText {
	label: string;
	description?: string;
	detail?: string;
}

/**
 * A task as a QuickPick item: its id; status and type; then role configuration, who → where and the failure
 * reason. `nameFirst` moves the role configuration name up into the description (Search Loaded Tasks).
 */
export function taskPickText(task: TaskInfo, words: TaskWords, nameFirst = false): Required<PickText> {
	const statusAndType = `${words.statusLabel(task.Status)} · ${words.taskTypeLabel(task.TaskType)}`;
	const reason = task.FailureReason ? ` · ${task.FailureReason}` : '';
	return nameFirst
		? {
			label: inertText(task.TaskId),
			description: inertText(`${statusAndType} · ${task.RoleConfigurationName}`),
			detail: inertText(`${words.taskDescription(task)}${reason}`),
		}
		: {
			label: inertText(task.TaskId),
			description: inertText(statusAndType),
			detail: inertText(`${task.RoleConfigurationName} · ${words.taskDescription(task)}${reason}`),
		};
}

/** What a profile shows of itself; names may come from files (tccli profiles), needsAttention from the API. */
export interface ProfileFacts {
	name: string;
	secretIdHint: string;
	zoneId?: string;
	/** The zone's name, once DescribeIdentityCenter or a load told it. */
	zoneName?: string;
	needsAttention?: string;
}

/** A profile in Switch Profile…: a check on the active one, a warning line when it needs attention. */
export function profilePickText(profile: ProfileFacts, active: boolean): PickText {
	return {
		label: `${active ? '$(check) ' : ''}${inertText(profile.name)}`,
		description: inertText([profile.secretIdHint, profile.zoneId ? zoneLabel(profile.zoneId, profile.zoneName) : undefined].filter(Boolean).join(' · ')),
		detail: profile.needsAttention ? `$(warning) ${inertText(profile.needsAttention)}` : undefined,
	};
}

/** Names longer than this would push the other status-bar items away. */
const STATUS_BAR_NAME_LENGTH = 40;

/** The status-bar item of the active profile and its tooltip. */
export function profileStatusText(profile: ProfileFacts, l10n: Localizer): { text: string; tooltip: string } {
	const icon = profile.needsAttention ? '$(warning)' : '$(account)';
	return {
		text: `${icon} ${inertText(profile.name, STATUS_BAR_NAME_LENGTH)}`,
		tooltip: l10n.t(
			'CIC Tasks profile {0} ({1}); click to switch profile',
			inertText(profile.name),
			profile.zoneId ? inertText(zoneLabel(profile.zoneId, profile.zoneName)) : l10n.t('no zone'),
		),
	};
}
