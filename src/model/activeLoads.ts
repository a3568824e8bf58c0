import { setMaxListeners } from 'node:events';
import type { Disposable } from './emitter';
import { backgroundTimers, type Timers } from './poller';

/**
 * What a load does: a refresh, "Load more"/"Load all", an auto-refresh poll, one task's GetTaskStatus, or the
 * names of the loaded tasks (cancelled with the rest, but never shown: names only decorate what is already there).
 */
export type LoadKind = 'refresh' | 'loadMore' | 'poll' | 'task' | 'names';

/** One running load: pass `signal` to it, and call `end()` when it has settled, however it did. */
export interface ActiveLoad {
	readonly kind: LoadKind;
	readonly signal: AbortSignal;
	/** Aborts this load alone (a newer operation superseded it); it still ends through end(). */
	abort(reason?: unknown): void;
	end(): void;
}

export interface ActiveLoadsOptions {
	/** Whether anything counts as loading may have changed (for the Cancel Loading button and the overview). */
	onChange?: () => void;
	/** A poll or task lookup counts as loading only once it has run this long (default POLL_SHOWN_AFTER_MS). */
	pollShownAfterMs?: number;
	timers?: Timers;
}

/**
 * A normal poll is over in well under a second; showing Cancel Loading for it would make the view's title bar
 * flicker at every tick. A poll still running after this long (a big or misbehaving InProgress listing) shows it.
 * The same holds for one task's GetTaskStatus (a detail panel's Refresh, Go to Task).
 */
export const POLL_SHOWN_AFTER_MS = 1000;

/** Loads shown only once they have run for a while: quick, and started by a timer or a panel, not the tree. */
const BACKGROUND_KINDS: ReadonlySet<LoadKind> = new Set<LoadKind>(['poll', 'task', 'names']);

interface Entry {
	readonly kind: LoadKind;
	shown: boolean;
	timer: unknown;
}


/**
 * The one registry of what is loading, so that Cancel Loading (cancelAll) stops every refresh, "Load more",
 * auto-refresh poll and task lookup alike. The task store registers each of its tickets here (a ticket's
 * signal is its load's), so superseding a ticket and cancelling a load abort the same controller. Cancelling
 * ends nothing for good: the next load (the next poll tick) registers afresh.
 */
export class ActiveLoads implements Disposable {
	private readonly entries = new Map<AbortController, Entry>();
	private readonly timers: Timers;
	private readonly pollShownAfterMs: number;

	constructor(private readonly options: ActiveLoadsOptions = {}) {
		this.timers = options.timers ?? backgroundTimers;
		this.pollShownAfterMs = options.pollShownAfterMs ?? POLL_SHOWN_AFTER_MS;
	}

	/** Something the user can cancel is running (a poll or task lookup only once it has run for a while). */
	get isLoading(): boolean {
		return [...this.entries.values()].some((e) => e.shown);
	}

	/** How many loads of a kind are registered, shown or not. */
	count(kind?: LoadKind): number {
		return [...this.entries.values()].filter((e) => kind === undefined || e.kind === kind).length;
	}

	/** Registers a load; its signal aborts on cancelAll(), on its own abort(), or when `parent` aborts. */
	begin(kind: LoadKind, parent?: AbortSignal): ActiveLoad {
		const controller = new AbortController();
		// One load runs up to 20 requests at once, each listening for the abort while it waits or is in flight.
		setMaxListeners(200, controller.signal);
		const forward = (): void => controller.abort(parent?.reason);
		if (parent?.aborted) {
			forward();
		} else {
			parent?.addEventListener('abort', forward, { once: true });
		}
		const entry: Entry = { kind, shown: !BACKGROUND_KINDS.has(kind), timer: undefined };
		if (!entry.shown && kind !== 'names') {
			entry.timer = this.timers.setTimeout(() => {
				entry.timer = undefined;
				if (this.entries.has(controller)) {
					entry.shown = true;
					this.options.onChange?.();
				}
			}, this.pollShownAfterMs);
		}
		this.entries.set(controller, entry);
		if (entry.shown) {
			this.options.onChange?.();
		}
		let ended = false;
		return {
			kind,
			signal: controller.signal,
			abort: (reason?: unknown) => controller.abort(reason),
			end: () => {
				if (ended) {
					return;
				}
				ended = true;
				parent?.removeEventListener('abort', forward);
				this.clearTimer(entry);
				this.entries.delete(controller);
				if (entry.shown) {
					this.options.onChange?.();
				}
			},
		};
	}

	/** Cancel Loading: aborts every registered load; each still ends (and unregisters) through its own end(). */
	cancelAll(): void {
		for (const controller of [...this.entries.keys()]) {
			controller.abort();
		}
	}

	dispose(): void {
		this.cancelAll();
		for (const entry of this.entries.values()) {
			this.clearTimer(entry);
		}
	}

	private clearTimer(entry: Entry): void {
		if (entry.timer !== undefined) {
			this.timers.clearTimeout(entry.timer);
			entry.timer = undefined;
		}
	}
}
