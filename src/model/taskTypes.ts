import { TASK_TYPES } from '../api/types';

/**
 * TaskType is an open string: the service's own examples return values its model does not list, e.g.
 * `DeleteRolesAssignment` (extra "s") from DeleteRoleAssignment. An alias is the same kind of task: it groups,
 * sorts, filters and reads as its canonical type. Anything else unknown is kept verbatim.
 */
const ALIASES: ReadonlyMap<string, string> = new Map([['DeleteRolesAssignment', 'DeleteRoleAssignment']]);

/** The canonical name of a task type: the known type an alias stands for, else the value itself. */
export function canonicalTaskType(taskType: string): string {
	return ALIASES.get(taskType) ?? taskType;
}

/** The value and its aliases, for a listing that must find tasks of the type under any of its names. */
export function taskTypeSpellings(taskType: string): string[] {
	const canonical = canonicalTaskType(taskType);
	return [canonical, ...[...ALIASES].filter(([, to]) => to === canonical).map(([alias]) => alias)];
}

export function isKnownTaskType(taskType: string): boolean {
	return (TASK_TYPES as readonly string[]).includes(canonicalTaskType(taskType));
}

/** The task types a picker offers: the known ones, then the other loaded ones, each once under its canonical name. */
export function taskTypeChoices(loaded: Iterable<string>): string[] {
	const choices = new Set<string>(TASK_TYPES);
	for (const taskType of loaded) {
		choices.add(canonicalTaskType(taskType));
	}
	return [...choices];
}
