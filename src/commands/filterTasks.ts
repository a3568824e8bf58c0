import * as vscode from 'vscode';
import { TASK_STATUSES } from '../api/types';
import { canonicalTaskType, taskTypeChoices } from '../model/taskTypes';
import { isEmptyFilter, normalizeFilter, parseSavedViews, type SavedView, type TaskFilter } from '../model/filter';
import { inertText } from '../model/inertText';
import { savedViewsWarning } from '../model/notifications';
import { validateRoleConfigurationId } from '../model/validators';
import { MultiStepInput, type Step } from '../host/multiStepInput';
import { notifyInfo, notifyWarning } from '../host/notify';
import type { TasksSession } from '../host/session';
import { readSettings, updateSetting } from '../host/settings';
import { statusLabel, taskTypeLabel } from '../host/presentation';
import type { ExtensionLog } from '../host/log';
import { serviceNames } from '../host/sessionNames';
import { accountSearchStep, principalSearchStep } from './directoryPicks';

const TOTAL_STEPS = 6;

interface ValueItem extends vscode.QuickPickItem {
	value: string;
}

/** Validates a filter given as a command argument (tests, keybindings, other extensions) like a saved view. */
export function filterFromArgument(value: unknown): TaskFilter {
	const parsed = parseSavedViews([{ label: 'argument', filter: value }]);
	const view = parsed.views[0];
	if (!view) {
		throw new Error(parsed.errors[0]?.replace(/^Saved view 1 "argument": /, '') ?? vscode.l10n.t('Invalid filter.'));
	}
	return view.filter;
}

function validateRoleConfigurationList(text: string): string | undefined {
	for (const id of text.split(/[\s,]+/).filter(Boolean)) {
		const problem = validateRoleConfigurationId(id);
		if (problem) {
			return problem;
		}
	}
	return undefined;
}

/**
 * Filter Tasks…: status, task type, role configuration, principal, target account; each step prefilled with
 * the current filter and validated, with Back on every step. The last step applies, or applies and saves.
 */
export async function filterTasks(session: TasksSession, log: ExtensionLog, arg?: unknown): Promise<void> {
	if (arg !== undefined && !(typeof arg === 'object' && arg !== null && 'type' in arg)) {
		await session.setFilter(filterFromArgument(arg));
		return;
	}
	const current = normalizeFilter(session.currentFilter);
	const draft: TaskFilter = { ...current };
	const title = vscode.l10n.t('Filter Tasks');
	const loaded = session.store.tasks();
	const names = serviceNames(session.service);
	let saveAs = false;

	const statusStep: Step = async (input) => {
		const items: ValueItem[] = [...TASK_STATUSES].map((s) => ({ label: statusLabel(s), value: s }));
		const picked = await input.pick({
			title, step: 1, totalSteps: TOTAL_STEPS, items, canPickMany: true,
			placeholder: vscode.l10n.t('Statuses to show (none selected: all)'),
			selected: items.filter((i) => draft.statuses?.includes(i.value)),
		});
		draft.statuses = picked.map((p) => p.value);
		return typeStep;
	};
	const typeStep: Step = async (input) => {
		// An alias (DeleteRolesAssignment) is its canonical type: one item, which the filter lists under every spelling.
		const known = taskTypeChoices(loaded.map((t) => t.TaskType));
		// Task types and role configuration names come from the API: inert in the items.
		const items: ValueItem[] = [...known].map((t) => ({ label: inertText(taskTypeLabel(t)), description: inertText(t), value: t }));
		const picked = await input.pick({
			title, step: 2, totalSteps: TOTAL_STEPS, items, canPickMany: true,
			placeholder: vscode.l10n.t('Task types to show (none selected: all)'),
			selected: items.filter((i) => draft.taskTypes?.some((t) => canonicalTaskType(t) === i.value)),
		});
		draft.taskTypes = picked.map((p) => p.value);
		return roleStep;
	};
	const roleStep: Step = async (input) => {
		const names = new Map<string, string>();
		for (const t of loaded) {
			names.set(t.RoleConfigurationId, t.RoleConfigurationName);
		}
		for (const id of draft.roleConfigurationIds ?? []) {
			if (!names.has(id)) {
				names.set(id, '');
			}
		}
		const typeId: ValueItem = { label: `$(edit) ${vscode.l10n.t('Type role configuration IDs…')}`, value: '', alwaysShow: true };
		const items: ValueItem[] = [...names].sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => ({ label: inertText(name || id), description: inertText(id), value: id }));
		const picked = await input.pick({
			title, step: 3, totalSteps: TOTAL_STEPS, items: [...items, typeId], canPickMany: true,
			placeholder: vscode.l10n.t('Role configurations to show (none selected: all)'),
			selected: items.filter((i) => draft.roleConfigurationIds?.includes(i.value)),
		});
		draft.roleConfigurationIds = picked.filter((p) => p.value).map((p) => p.value);
		return picked.includes(typeId) ? roleInputStep : principalStep;
	};
	const roleInputStep: Step = async (input) => {
		const text = await input.input({
			title, step: 3, totalSteps: TOTAL_STEPS, value: (draft.roleConfigurationIds ?? []).join(', '),
			prompt: vscode.l10n.t('Role configuration IDs (rc-…), separated by commas'),
			validate: validateRoleConfigurationList,
		});
		draft.roleConfigurationIds = text.split(/[\s,]+/).filter(Boolean);
		return principalStep;
	};
	// Both steps search the directory as the user types (names, emails, UINs), and still take a typed ID.
	const principalStep: Step = async (input) => {
		const picked = await input.search(principalSearchStep(session, loaded, names, log, {
			title, step: 4, totalSteps: TOTAL_STEPS,
			placeholder: vscode.l10n.t('Search users and groups by name or email, or type a user (u-…) or group (g-…) ID'),
		}, draft.principal));
		draft.principal = picked.value;
		return targetStep;
	};
	const targetStep: Step = async (input) => {
		const picked = await input.search(accountSearchStep(session, loaded, names, log, {
			title, step: 5, totalSteps: TOTAL_STEPS,
			placeholder: vscode.l10n.t('Search member accounts by name, or type an account UIN'),
		}, draft.target));
		const account = picked.value;
		if (!account) {
			draft.target = undefined;
			return applyStep;
		}
		if (!account.typed) {
			draft.target = { type: account.type, uin: account.uin };
			return applyStep;
		}
		draft.target = { type: draft.target?.uin === account.uin ? draft.target.type : 'MemberUin', uin: account.uin };
		return targetTypeStep;
	};
	const targetTypeStep: Step = async (input) => {
		const items: ValueItem[] = [
			{ label: vscode.l10n.t('Member account'), value: 'MemberUin' },
			{ label: vscode.l10n.t('Manager account'), value: 'ManagerUin' },
		];
		const [picked] = await input.pick({
			title, step: 6, totalSteps: TOTAL_STEPS, items,
			placeholder: vscode.l10n.t('Is account {0} a member or the manager account?', String(draft.target?.uin ?? '')),
		});
		if (draft.target && picked) {
			draft.target = { type: picked.value === 'ManagerUin' ? 'ManagerUin' : 'MemberUin', uin: draft.target.uin };
		}
		return applyStep;
	};
	const applyStep: Step = async (input) => {
		const apply: ValueItem = { label: `$(check) ${vscode.l10n.t('Apply Filter')}`, value: 'apply' };
		const save: ValueItem = { label: `$(save) ${vscode.l10n.t('Apply and Save as View…')}`, value: 'save' };
		const [picked] = await input.pick({ title, step: TOTAL_STEPS, totalSteps: TOTAL_STEPS, items: [apply, save], placeholder: vscode.l10n.t('Apply this filter') });
		saveAs = picked?.value === 'save';
		return undefined;
	};

	if (!(await MultiStepInput.run(statusStep))) {
		return;
	}
	if (saveAs && !isEmptyFilter(draft)) {
		await saveView(draft);
	}
	await session.setFilter(draft);
}

async function saveView(filter: TaskFilter): Promise<void> {
	const label = await vscode.window.showInputBox({
		title: vscode.l10n.t('Save View'),
		prompt: vscode.l10n.t('A name for this filter'),
		validateInput: (v) => (!v.trim() ? vscode.l10n.t('Enter a name.') : undefined),
	});
	if (!label) {
		return;
	}
	const raw = readSettings().savedViews;
	const others: unknown[] = Array.isArray(raw) ? (raw as unknown[]).filter((v) => !(typeof v === 'object' && v !== null && (v as { label?: unknown }).label === label.trim())) : [];
	await updateSetting('savedViews', [...others, { label: label.trim(), filter: normalizeFilter(filter) }]);
}

/** Apply Saved View…: a pick of the views in cicTasks.savedViews; bad entries are reported, never dropped silently. */
export async function applySavedView(session: TasksSession, arg?: unknown): Promise<void> {
	const { views, errors } = parseSavedViews(readSettings().savedViews);
	if (errors.length > 0) {
		void notifyWarning(savedViewsWarning(errors, vscode.l10n));
	}
	let view: SavedView | undefined = typeof arg === 'string' ? views.find((v) => v.label === arg) : undefined;
	if (!view) {
		if (views.length === 0) {
			void notifyInfo(vscode.l10n.t('No saved views yet. Use Filter Tasks… and choose "Apply and Save as View…".'));
			return;
		}
		// Labels come from the workspace's settings.
		const picked = await vscode.window.showQuickPick(views.map((v) => ({ label: inertText(v.label), view: v })), { placeHolder: vscode.l10n.t('Saved view to apply') });
		view = picked?.view;
	}
	if (view) {
		await session.setFilter(view.filter);
	}
}
