import type { TaskInfo } from '../api/types';
import { accountSearchStrings, principalSearchStrings } from './nameFields';
import { NO_NAMES, type AccountEntry, type NameLookup, type PrincipalEntry } from './names';

/** Lower-cased fields, cached per task object: searching as the user types re-reads the same objects. */
interface Haystack {
	taskId: string;
	ids: string[];
	name: string;
	text: string[];
}

const cache = new WeakMap<TaskInfo, Haystack>();

/*
 * Names are cached per directory entry, not per task: a name that arrives after the task was first searched is
 * a new entry object, so it is found at the next keystroke while the task's own haystack stays cached.
 */
const nameCache = new WeakMap<PrincipalEntry | AccountEntry, string[]>();

function lowered<E extends PrincipalEntry | AccountEntry>(entry: E | undefined, strings: (entry: E) => string[]): string[] {
	if (entry === undefined) {
		return [];
	}
	let names = nameCache.get(entry);
	if (names === undefined) {
		names = strings(entry).map((n) => n.toLowerCase());
		nameCache.set(entry, names);
	}
	return names;
}

function taskNames(task: TaskInfo, names: NameLookup): string[] {
	const principal = lowered(names.principal(task.PrincipalType, task.PrincipalId), principalSearchStrings);
	const account = lowered(names.account(task.TargetUin), accountSearchStrings);
	return principal.length === 0 ? account : account.length === 0 ? principal : [...principal, ...account];
}

function haystack(task: TaskInfo): Haystack {
	let h = cache.get(task);
	if (h === undefined) {
		h = {
			taskId: task.TaskId.toLowerCase(),
			ids: [task.RoleConfigurationId.toLowerCase(), task.PrincipalId.toLowerCase(), String(task.TargetUin)],
			name: task.RoleConfigurationName.toLowerCase(),
			text: [task.FailureReason.toLowerCase(), task.TaskType.toLowerCase()],
		};
		cache.set(task, h);
	}
	return h;
}

const NO_MATCH = Number.POSITIVE_INFINITY;

/** Lower is better: exact task id, exact other id, id prefix or name prefix, name/id substring, text substring. */
function scoreTerm(h: Haystack, names: readonly string[], term: string): number {
	if (h.taskId === term) {
		return 0;
	}
	if (h.ids.includes(term)) {
		return 1;
	}
	if (h.taskId.startsWith(term)) {
		return 2;
	}
	if (h.ids.some((id) => id.startsWith(term)) || h.name.startsWith(term) || names.some((n) => n.startsWith(term))) {
		return 3;
	}
	if (h.taskId.includes(term) || h.name.includes(term) || h.ids.some((id) => id.includes(term)) || names.some((n) => n.includes(term))) {
		return 4;
	}
	if (h.text.some((t) => t.includes(term))) {
		return 5;
	}
	return NO_MATCH;
}

export function searchTerms(query: string): string[] {
	return query.toLowerCase().split(/\s+/).filter((t) => t.length > 0);
}

/**
 * Case-insensitive search over TaskId, RoleConfigurationId/Name, PrincipalId, TargetUin, FailureReason and
 * TaskType, and the names the directory knows (a user's display name, user name and email, a group's name,
 * an account's name). Every term must match some field; results are ranked (an exact id first) and ties keep
 * TaskId order. A blank query returns every task in TaskId order.
 */
export function searchTasks(tasks: readonly TaskInfo[], query: string, names: NameLookup = NO_NAMES): TaskInfo[] {
	const terms = searchTerms(query);
	const hits: { task: TaskInfo; score: number }[] = [];
	for (const task of tasks) {
		const h = haystack(task);
		const known = terms.length > 0 ? taskNames(task, names) : [];
		let score = 0;
		for (const term of terms) {
			score += scoreTerm(h, known, term);
			if (score === NO_MATCH) {
				break;
			}
		}
		if (score !== NO_MATCH) {
			hits.push({ task, score });
		}
	}
	hits.sort((a, b) => a.score - b.score || (a.task.TaskId < b.task.TaskId ? -1 : a.task.TaskId > b.task.TaskId ? 1 : 0));
	return hits.map((hit) => hit.task);
}
