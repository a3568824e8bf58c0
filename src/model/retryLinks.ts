import type { Disposable, Event } from './emitter';
import { Emitter } from './emitter';

/**
 * Which tasks a retry started for which failed task, for this session: the old task's panel links to the new
 * ones, and a new task's panel names the task it retries. Kept in memory only; the service does not record it.
 */
export class RetryLinks implements Disposable {
	private readonly forward = new Map<string, string[]>();
	private readonly backward = new Map<string, string>();
	private readonly changeEmitter = new Emitter<void>();
	readonly onDidChange: Event<void> = this.changeEmitter.event;

	link(oldTaskId: string, newTaskIds: readonly string[]): void {
		if (newTaskIds.length === 0) {
			return;
		}
		const known = this.forward.get(oldTaskId) ?? [];
		this.forward.set(oldTaskId, [...known, ...newTaskIds.filter((id) => !known.includes(id))]);
		for (const id of newTaskIds) {
			this.backward.set(id, oldTaskId);
		}
		this.changeEmitter.fire();
	}

	/** The tasks started by retrying this one, oldest first. */
	retriedAs(taskId: string): readonly string[] {
		return this.forward.get(taskId) ?? [];
	}

	/** The failed task this one retries, if a retry in this session started it. */
	retryOf(taskId: string): string | undefined {
		return this.backward.get(taskId);
	}

	clear(): void {
		this.forward.clear();
		this.backward.clear();
		this.changeEmitter.fire();
	}

	dispose(): void {
		this.changeEmitter.dispose();
	}
}
