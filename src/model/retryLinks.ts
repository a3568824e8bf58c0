import type { Disposable, Event } from './emitter';
import { Emitter } from './emitter';

/** One retry: the failed task, the tasks it started, in which zone, and when. */
export interface RetryLinkRecord {
	zoneId: string;
	oldTaskId: string;
	newTaskIds: readonly string[];
	/** Epoch milliseconds. */
	at: number;
}

/** Where the links of profiles' retries outlive the window (the host's globalState): re-read before each write. */
export interface RetryLinkStorage {
	read(): unknown;
	write(records: readonly RetryLinkRecord[]): void;
}

/** The newest this many retries are kept: a link matters while someone looks at a recent failure. */
export const MAX_RETRY_LINKS = 500;
export const RETRY_LINK_MAX_AGE_MS = 30 * 24 * 3600_000;
/** CreateRoleAssignment's batch bound: no retry starts more tasks than this for one failed task. */
const MAX_NEW_TASKS = 50;
/** A record from a clock this far ahead is still taken; beyond that it would never age out. */
const CLOCK_SLACK_MS = 24 * 3600_000;
/** Task and zone IDs (`t-…`, `z-…`) are short and plain; anything else in storage was not written by us. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function isId(v: unknown): v is string {
	return typeof v === 'string' && ID.test(v);
}

/** The records from storage that are well formed and recent enough, oldest first; anything else is dropped. */
export function parseRetryLinks(raw: unknown, now: number): RetryLinkRecord[] {
	if (!Array.isArray(raw)) {
		return [];
	}
	const records: RetryLinkRecord[] = [];
	for (const item of raw as unknown[]) {
		if (typeof item !== 'object' || item === null) {
			continue;
		}
		const r = item as Record<string, unknown>;
		const ids = r.newTaskIds;
		if (
			isId(r.zoneId) &&
			isId(r.oldTaskId) &&
			Array.isArray(ids) &&
			ids.length > 0 &&
			ids.length <= MAX_NEW_TASKS &&
			ids.every(isId) &&
			typeof r.at === 'number' &&
			Number.isFinite(r.at) &&
			now - r.at <= RETRY_LINK_MAX_AGE_MS &&
			r.at - now <= CLOCK_SLACK_MS
		) {
			records.push({ zoneId: r.zoneId, oldTaskId: r.oldTaskId, newTaskIds: [...ids], at: r.at });
		}
	}
	return records.sort((a, b) => a.at - b.at).slice(-MAX_RETRY_LINKS);
}

/**
 * Which tasks a retry started for which failed task: the old task's panel links to the new ones, and a new task's
 * panel names the task it retries. The service does not record this, so the links of profiles' retries are kept
 * in `storage` (the newest MAX_RETRY_LINKS, for RETRY_LINK_MAX_AGE_MS); sample data's stay in memory. Other windows
 * share the storage: every write re-reads it first and merges, so one window never drops another's links.
 */
export class RetryLinks implements Disposable {
	private readonly forward = new Map<string, string[]>();
	private readonly backward = new Map<string, string>();
	/** The zone of each old task linked with one, stored or not, for forgetZone. */
	private readonly zoneOf = new Map<string, string>();
	/** When each zone was last forgotten: a retry sent before that is not kept for it. */
	private readonly forgottenAt = new Map<string, number>();
	private readonly changeEmitter = new Emitter<void>();
	readonly onDidChange: Event<void> = this.changeEmitter.event;

	constructor(
		private readonly storage?: RetryLinkStorage,
		private readonly now: () => number = Date.now,
	) {
		for (const r of this.stored()) {
			this.remember(r);
		}
	}

	/**
	 * `zoneId` undefined: not kept beyond this session (sample data). `sentAt`: when the retry was sent; if the
	 * zone was forgotten since (its credentials removed while the request was out), the link is not made.
	 */
	link(oldTaskId: string, newTaskIds: readonly string[], zoneId?: string, sentAt = this.now()): void {
		if (newTaskIds.length === 0 || (zoneId !== undefined && sentAt < (this.forgottenAt.get(zoneId) ?? -Infinity))) {
			return;
		}
		const record = { zoneId: zoneId ?? '', oldTaskId, newTaskIds: [...newTaskIds], at: this.now() };
		this.remember(record);
		if (this.storage && zoneId !== undefined && isId(zoneId) && isId(oldTaskId) && newTaskIds.every(isId)) {
			const merged = [...this.stored(), record].slice(-MAX_RETRY_LINKS);
			this.storage.write(merged);
			for (const r of merged) {
				this.remember(r);
			}
		}
		this.changeEmitter.fire();
	}

	/** The tasks started by retrying this one, oldest first. */
	retriedAs(taskId: string): readonly string[] {
		return this.forward.get(taskId) ?? [];
	}

	/** The failed task this one retries, if a retry started it. */
	retryOf(taskId: string): string | undefined {
		return this.backward.get(taskId);
	}

	/** The profile's credentials were removed: its zone's links go, from memory and from storage. */
	forgetZone(zoneId: string): void {
		this.forgottenAt.set(zoneId, this.now());
		let changed = false;
		const stored = this.stored();
		const kept = stored.filter((r) => r.zoneId !== zoneId);
		if (this.storage && kept.length !== stored.length) {
			this.storage.write(kept);
			changed = true;
		}
		for (const [oldTaskId, zone] of [...this.zoneOf]) {
			if (zone === zoneId) {
				for (const id of this.forward.get(oldTaskId) ?? []) {
					this.backward.delete(id);
				}
				this.forward.delete(oldTaskId);
				this.zoneOf.delete(oldTaskId);
				changed = true;
			}
		}
		if (changed) {
			this.changeEmitter.fire();
		}
	}

	dispose(): void {
		this.changeEmitter.dispose();
	}

	/** What storage holds now (another window may have written since), well formed and recent. */
	private stored(): RetryLinkRecord[] {
		return this.storage ? parseRetryLinks(this.storage.read(), this.now()) : [];
	}

	private remember(r: RetryLinkRecord): void {
		const known = this.forward.get(r.oldTaskId) ?? [];
		this.forward.set(r.oldTaskId, [...known, ...r.newTaskIds.filter((id) => !known.includes(id))]);
		for (const id of r.newTaskIds) {
			this.backward.set(id, r.oldTaskId);
		}
		if (r.zoneId) {
			this.zoneOf.set(r.oldTaskId, r.zoneId);
		}
	}
}
