import type { ListTasksFilter, TaskInfo } from '../api/types';
import { TASK_STATUSES } from '../api/types';
import { inertText } from './inertText';
import { canonicalTaskType, taskTypeSpellings } from './taskTypes';
import { isValidUin, validateGroupId, validateRoleConfigurationId, validateUserId } from './validators';

export type PrincipalKind = 'User' | 'Group';
export type TargetKind = 'MemberUin' | 'ManagerUin';

/**
 * What the user chose to see. Each list is "any of these" (empty or absent means no restriction);
 * different fields combine with AND, as the service combines its filters.
 */
export interface TaskFilter {
	statuses?: string[];
	taskTypes?: string[];
	roleConfigurationIds?: string[];
	principal?: { type: PrincipalKind; id: string };
	target?: { type: TargetKind; uin: number };
}

export interface SavedView {
	label: string;
	filter: TaskFilter;
}

function has(list: readonly string[] | undefined): list is readonly string[] {
	return list !== undefined && list.length > 0;
}

function uniqueSorted(list: readonly string[] | undefined): string[] {
	return [...new Set(list ?? [])].sort();
}

export function isEmptyFilter(filter: TaskFilter | undefined): boolean {
	return (
		filter === undefined ||
		(!has(filter.statuses) &&
			!has(filter.taskTypes) &&
			!has(filter.roleConfigurationIds) &&
			filter.principal === undefined &&
			filter.target === undefined)
	);
}

/** A canonical form: lists de-duplicated and sorted, empty lists dropped, so equal choices compare equal. */
export function normalizeFilter(filter: TaskFilter | undefined): TaskFilter {
	const out: TaskFilter = {};
	if (filter === undefined) {
		return out;
	}
	if (has(filter.statuses)) {
		out.statuses = uniqueSorted(filter.statuses);
	}
	if (has(filter.taskTypes)) {
		out.taskTypes = uniqueSorted(filter.taskTypes);
	}
	if (has(filter.roleConfigurationIds)) {
		out.roleConfigurationIds = uniqueSorted(filter.roleConfigurationIds);
	}
	if (filter.principal) {
		out.principal = { type: filter.principal.type, id: filter.principal.id };
	}
	if (filter.target) {
		out.target = { type: filter.target.type, uin: filter.target.uin };
	}
	return out;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
	const x = uniqueSorted(a);
	const y = uniqueSorted(b);
	return x.length === y.length && x.every((v, i) => v === y[i]);
}

export function filtersEqual(a: TaskFilter | undefined, b: TaskFilter | undefined): boolean {
	const x = a ?? {};
	const y = b ?? {};
	return (
		sameList(x.statuses, y.statuses) &&
		sameList(x.taskTypes, y.taskTypes) &&
		sameList(x.roleConfigurationIds, y.roleConfigurationIds) &&
		x.principal?.type === y.principal?.type &&
		x.principal?.id === y.principal?.id &&
		x.target?.type === y.target?.type &&
		x.target?.uin === y.target?.uin
	);
}

export function matchesFilter(task: TaskInfo, filter: TaskFilter | undefined): boolean {
	if (filter === undefined) {
		return true;
	}
	if (has(filter.statuses) && !filter.statuses.includes(task.Status)) {
		return false;
	}
	// An alias (DeleteRolesAssignment) matches its canonical type and the other way round.
	if (has(filter.taskTypes) && !filter.taskTypes.some((t) => canonicalTaskType(t) === canonicalTaskType(task.TaskType))) {
		return false;
	}
	if (has(filter.roleConfigurationIds) && !filter.roleConfigurationIds.includes(task.RoleConfigurationId)) {
		return false;
	}
	if (filter.principal && (task.PrincipalType !== filter.principal.type || task.PrincipalId !== filter.principal.id)) {
		return false;
	}
	if (filter.target && (task.TargetType !== filter.target.type || task.TargetUin !== filter.target.uin)) {
		return false;
	}
	return true;
}

/**
 * The service takes one value per filter field, so a multi-valued choice becomes one listing per
 * combination (the cartesian product); the caller merges the listings. Always at least one entry.
 */
export function toServerFilters(filter: TaskFilter | undefined): ListTasksFilter[] {
	const f = normalizeFilter(filter);
	const base: ListTasksFilter = {};
	if (f.principal) {
		base.PrincipalType = f.principal.type;
		base.PrincipalId = f.principal.id;
	}
	if (f.target) {
		base.TargetType = f.target.type;
		base.TargetUin = f.target.uin;
	}
	let out: ListTasksFilter[] = [base];
	const expand = (values: string[] | undefined, apply: (entry: ListTasksFilter, value: string) => ListTasksFilter): void => {
		if (values) {
			out = out.flatMap((entry) => values.map((value) => apply(entry, value)));
		}
	};
	// Status outermost, so listings come out grouped the way the tree is.
	expand(f.statuses, (e, v) => ({ Status: v, ...e }));
	// Each task type under every name the service uses for it, so a filter finds the tasks an alias labels.
	expand(f.taskTypes && [...new Set(f.taskTypes.flatMap(taskTypeSpellings))], (e, v) => ({ ...e, TaskType: v }));
	expand(f.roleConfigurationIds, (e, v) => ({ ...e, RoleConfigurationId: v }));
	return out;
}

/** A short text for the view description, e.g. "Failed · rc-abc · u-123"; empty for no filter. */
export function describeFilter(filter: TaskFilter | undefined): string {
	const f = normalizeFilter(filter);
	const parts: string[] = [];
	if (f.statuses) {
		// Keep the tree's status order rather than the alphabetical canonical one.
		const order = (s: string): number => {
			const i = (TASK_STATUSES as readonly string[]).indexOf(s);
			return i < 0 ? TASK_STATUSES.length : i;
		};
		parts.push([...f.statuses].sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1)).join(', '));
	}
	if (f.taskTypes) {
		parts.push(f.taskTypes.join(', '));
	}
	if (f.roleConfigurationIds) {
		parts.push(f.roleConfigurationIds.join(', '));
	}
	if (f.principal) {
		parts.push(f.principal.id);
	}
	if (f.target) {
		parts.push(`${f.target.type === 'ManagerUin' ? 'manager ' : ''}${f.target.uin}`);
	}
	return parts.join(' · ');
}

// ---- cicTasks.savedViews -------------------------------------------------------------------------------
// The setting comes from the workspace, so every value its problems quote (labels, values, keys) goes through
// inertText: the messages end up in a notification, where link syntax would become a clickable command.

const QUOTE_LENGTH = 80;

/** A label, value or key from the setting, quoted in a problem. */
function quoted(value: unknown): string {
	return `"${inertText(value, QUOTE_LENGTH)}"`;
}

const FILTER_KEYS = new Set(['statuses', 'taskTypes', 'roleConfigurationIds', 'principal', 'target']);

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
	if (value === null || value === undefined) {
		return String(value);
	}
	if (Array.isArray(value)) {
		return 'an array';
	}
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function stringList(value: unknown, field: string, check: (item: string) => string | undefined): string[] | string {
	if (!Array.isArray(value)) {
		return `"${field}" must be a list of strings, not ${kindOf(value)}`;
	}
	const out: string[] = [];
	for (const [i, item] of value.entries()) {
		if (typeof item !== 'string') {
			return `"${field}"[${i}] must be a string, not ${kindOf(item)}`;
		}
		const problem = check(item);
		if (problem) {
			return `"${field}"[${i}]: ${inertText(problem)}`;
		}
		out.push(item);
	}
	return out;
}

function checkStatus(value: string): string | undefined {
	return (TASK_STATUSES as readonly string[]).includes(value)
		? undefined
		: `unknown status ${quoted(value)} (use ${TASK_STATUSES.join(', ')})`;
}

function checkTaskType(value: string): string | undefined {
	// Open set: the service adds task types, so only the shape is checked.
	return /^[A-Za-z][A-Za-z0-9]*$/.test(value) ? undefined : `${quoted(value)} is not a task type name (e.g. CreateRoleAssignment)`;
}

/** Returns the parsed filter, or the first problem found in it. */
function parseFilter(value: unknown): TaskFilter | string {
	if (!isRecord(value)) {
		return `"filter" must be an object, not ${kindOf(value)}`;
	}
	const unknown = Object.keys(value).filter((k) => !FILTER_KEYS.has(k));
	if (unknown.length > 0) {
		// Ignoring a key would show a broader list than the user asked for.
		return `"filter" has unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map(quoted).join(', ')} (allowed: ${[...FILTER_KEYS].join(', ')})`;
	}
	const filter: TaskFilter = {};
	const lists: [keyof Pick<TaskFilter, 'statuses' | 'taskTypes' | 'roleConfigurationIds'>, (s: string) => string | undefined][] = [
		['statuses', checkStatus],
		['taskTypes', checkTaskType],
		['roleConfigurationIds', validateRoleConfigurationId],
	];
	for (const [key, check] of lists) {
		if (value[key] !== undefined) {
			const parsed = stringList(value[key], key, check);
			if (typeof parsed === 'string') {
				return parsed;
			}
			filter[key] = parsed;
		}
	}
	if (value.principal !== undefined) {
		const p = value.principal;
		if (!isRecord(p)) {
			return `"principal" must be an object like {"type": "User", "id": "u-…"}, not ${kindOf(p)}`;
		}
		if (p.type !== 'User' && p.type !== 'Group') {
			return `"principal.type" must be "User" or "Group"`;
		}
		if (p.id === undefined) {
			return `"principal.id" is missing`;
		}
		if (typeof p.id !== 'string') {
			return `"principal.id" must be a string, not ${kindOf(p.id)}`;
		}
		const problem = p.type === 'User' ? validateUserId(p.id) : validateGroupId(p.id);
		if (problem) {
			return `"principal.id": ${inertText(problem)}`;
		}
		filter.principal = { type: p.type, id: p.id };
	}
	if (value.target !== undefined) {
		const t = value.target;
		if (!isRecord(t)) {
			return `"target" must be an object like {"type": "MemberUin", "uin": 100012345678}, not ${kindOf(t)}`;
		}
		if (t.type !== 'MemberUin' && t.type !== 'ManagerUin') {
			return `"target.type" must be "MemberUin" or "ManagerUin"`;
		}
		if (!isValidUin(t.uin)) {
			return `"target.uin" must be a positive whole number, not ${typeof t.uin === 'number' ? t.uin : kindOf(t.uin)}`;
		}
		filter.target = { type: t.type, uin: t.uin };
	}
	return filter;
}

function entryName(index: number, entry: unknown): string {
	const label = isRecord(entry) && typeof entry.label === 'string' && entry.label.trim() ? ` ${quoted(entry.label.trim())}` : '';
	return `Saved view ${index + 1}${label}`;
}

/**
 * Reads the cicTasks.savedViews setting. Good entries are kept and every rejected one is reported with
 * its position and label, so nothing disappears without a message.
 */
export function parseSavedViews(value: unknown): { views: SavedView[]; errors: string[] } {
	const views: SavedView[] = [];
	const errors: string[] = [];
	if (value === undefined || value === null) {
		return { views, errors };
	}
	if (!Array.isArray(value)) {
		return { views, errors: [`cicTasks.savedViews must be a list of {"label", "filter"} objects, not ${kindOf(value)}.`] };
	}
	const labels = new Set<string>();
	value.forEach((entry: unknown, index) => {
		const name = entryName(index, entry);
		if (!isRecord(entry)) {
			errors.push(`${name}: must be an object with "label" and "filter", not ${kindOf(entry)}.`);
			return;
		}
		const extra = Object.keys(entry).filter((k) => k !== 'label' && k !== 'filter');
		if (extra.length > 0) {
			errors.push(`${name}: unknown field${extra.length > 1 ? 's' : ''} ${extra.map(quoted).join(', ')} (allowed: label, filter).`);
			return;
		}
		if (typeof entry.label !== 'string' || entry.label.trim() === '') {
			errors.push(`${name}: "label" must be a non-empty string.`);
			return;
		}
		const label = entry.label.trim();
		if (labels.has(label)) {
			errors.push(`${name}: another saved view already uses this label; labels must be unique.`);
			return;
		}
		if (entry.filter === undefined) {
			errors.push(`${name}: "filter" is missing.`);
			return;
		}
		const filter = parseFilter(entry.filter);
		if (typeof filter === 'string') {
			// Validator messages already end in a full stop; one, not "rc-4kd8s2x1..".
			errors.push(`${name}: ${filter.replace(/\.$/, '')}.`);
			return;
		}
		labels.add(label);
		views.push({ label, filter });
	});
	return { views, errors };
}
