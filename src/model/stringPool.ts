import type { TaskInfo } from '../api/types';

/**
 * Makes equal strings one object. Each parsed response gives every task its own copy of "Success",
 * "rc-…", "u-…"; Map lookups on distinct-but-equal strings must compare characters, on one shared object
 * only pointers, which makes grouping 100k tasks several times faster (and the copies stop costing memory).
 */
export class StringPool {
	private readonly strings = new Map<string, string>();

	intern(value: string): string {
		const known = this.strings.get(value);
		if (known !== undefined) {
			return known;
		}
		this.strings.set(value, value);
		return value;
	}

	/** A copy of the task with its repeated values shared (and only the ten TaskInfo fields). */
	task(task: TaskInfo): TaskInfo {
		return {
			TaskId: task.TaskId,
			RoleConfigurationId: this.intern(task.RoleConfigurationId),
			RoleConfigurationName: this.intern(task.RoleConfigurationName),
			TargetUin: task.TargetUin,
			TargetType: this.intern(task.TargetType),
			PrincipalId: this.intern(task.PrincipalId),
			PrincipalType: this.intern(task.PrincipalType),
			TaskType: this.intern(task.TaskType),
			Status: this.intern(task.Status),
			FailureReason: task.FailureReason,
		};
	}

	get size(): number {
		return this.strings.size;
	}

	clear(): void {
		this.strings.clear();
	}
}
