import type { OrganizationClient } from '../api/organizationClient';
import type { TaskInfo } from '../api/types';
import type { ActiveLoad } from './activeLoads';
import type { Disposable, Event } from './emitter';
import { Emitter } from './emitter';
import { nameZoneKey, type NameCacheStore } from './nameCache';
import { NameDirectory, type NameDirectoryLog, type NameDirectoryOptions } from './nameDirectory';
import type { AccountEntry, NameLookup, PrincipalEntry, RoleConfigurationEntry } from './names';

/**
 * A Refresh renews the names of the loaded tasks, but not those checked less than this long before it: a refresh
 * that follows a poll, or a second click, does not ask for the same names again.
 */
export const NAME_RENEW_MIN_AGE_MS = 60 * 1000;

/** How long after a write of tasks their names are looked at: writes within it are handled together. */
const SCHEDULE_DELAY_MS = 100;

export interface ServiceNamesOptions {
	/** Registers a resolution as a 'names' load, so Cancel Loading (and a target switch) stops it. */
	beginLoad: () => ActiveLoad;
	/** The loaded tasks, as the store has them now. */
	tasks: () => readonly TaskInfo[];
	cache?: NameCacheStore;
	log?: NameDirectoryLog;
	now: () => number;
	/** Directory tuning for tests (timers, coalescing, maximum age). */
	directory?: Partial<Pick<NameDirectoryOptions, 'timers' | 'changeDelayMs' | 'maxAgeMs'>>;
}

/** Where the service's names come from now: a zone reached through a client, or nothing. */
export type NamesZone =
	| { client: OrganizationClient; endpoint: string; zoneId: string; persist: boolean }
	| undefined;

/**
 * The task service's names: one stable NameLookup that reads the current zone's directory (swapped, with an
 * onDidChange, when the target moves to another zone), and the background resolution that follows every write
 * of tasks to the store, one run at a time.
 */
export class ServiceNames implements NameLookup, Disposable {
	private readonly changeEmitter = new Emitter<void>();
	readonly onDidChange: Event<void> = this.changeEmitter.event;
	private directory: NameDirectory | undefined;
	private directoryKey: string | undefined;
	private subscription: Disposable | undefined;
	private running: Promise<void> | undefined;
	private dirty = false;
	/** A run was cancelled (Cancel Loading): nothing more is asked until the next load starts. */
	private paused = false;
	private renewCheckedBefore: number | undefined;
	/** What the last run was asked for, so a change of the store that did not change its tasks costs nothing. */
	private lastRun: { tasks: readonly TaskInfo[]; renew: number | undefined; directory: NameDirectory } | undefined;
	private disposed = false;

	constructor(private readonly options: ServiceNamesOptions) {}

	principal(principalType: string, principalId: string): PrincipalEntry | undefined {
		return this.directory?.principal(principalType, principalId);
	}

	account(targetUin: number): AccountEntry | undefined {
		return this.directory?.account(targetUin);
	}

	roleConfiguration(roleConfigurationId: string): RoleConfigurationEntry | undefined {
		return this.directory?.roleConfiguration(roleConfigurationId);
	}

	/** The zone's directory, for tests and the benchmark. */
	get current(): NameDirectory | undefined {
		return this.directory;
	}

	/** Points the names at a zone; the same endpoint and zone keep their directory (and take the new client). */
	useZone(zone: NamesZone): void {
		const key = zone && nameZoneKey(zone.endpoint, zone.zoneId);
		if (zone && key === this.directoryKey && this.directory) {
			this.directory.setClient(zone.client);
			return;
		}
		this.subscription?.dispose();
		this.directory?.dispose();
		this.subscription = undefined;
		this.directory = undefined;
		this.directoryKey = key;
		this.lastRun = undefined;
		this.paused = false;
		if (zone && key !== undefined) {
			const cache = zone.persist && this.options.cache ? { store: this.options.cache, key } : undefined;
			const directory = new NameDirectory({ ...this.options.directory, client: zone.client, zoneId: zone.zoneId, cache, log: this.options.log, now: this.options.now });
			this.directory = directory;
			this.subscription = directory.onDidChange(() => this.changeEmitter.fire());
			void directory.restore();
		}
		this.changeEmitter.fire();
	}

	/** A Refresh started at `startedAt`: later runs ask again for names checked well before it. */
	renew(startedAt: number): void {
		this.renewCheckedBefore = startedAt - NAME_RENEW_MIN_AGE_MS;
		this.resume();
	}

	/** A load started: names may be asked for again after a cancelled run. */
	resume(): void {
		this.paused = false;
	}

	/** Tasks were written to the store: resolve their names in the background (after the current run, if any). */
	schedule(): void {
		if (this.disposed || this.paused || !this.directory) {
			return;
		}
		this.dirty = true;
		this.running ??= this.loop();
	}

	/** Settles when no resolution is running or queued. */
	settled(): Promise<void> {
		return this.running ?? Promise.resolve();
	}

	dispose(): void {
		this.disposed = true;
		this.subscription?.dispose();
		this.directory?.dispose();
		this.directory = undefined;
		this.changeEmitter.dispose();
	}

	private async loop(): Promise<void> {
		try {
			while (this.dirty && !this.disposed && !this.paused) {
				// The pages of a listing arrive many a second: one scan of the loaded tasks covers all that came meanwhile.
				await new Promise<void>((resolve) => setTimeout(resolve, SCHEDULE_DELAY_MS));
				if (this.disposed || this.paused) {
					break;
				}
				this.dirty = false;
				const directory = this.directory;
				const tasks = this.options.tasks();
				const renew = this.renewCheckedBefore;
				const last = this.lastRun;
				if (!directory || tasks.length === 0 || (last && last.tasks === tasks && last.renew === renew && last.directory === directory)) {
					continue;
				}
				this.lastRun = { tasks, renew, directory };
				const load = this.options.beginLoad();
				try {
					const result = await directory.resolve(tasks, { signal: load.signal, renewCheckedBefore: renew });
					if (result.cancelled && directory === this.directory) {
						this.paused = true;
					}
					if (result.requests > 0) {
						this.options.log?.info(
							`Names: ${result.requests} request${result.requests === 1 ? '' : 's'}, ${result.found} found, ${result.notFound} not found` +
								`${result.unlisted > 0 ? `, ${result.unlisted} not in the member list` : ''}${result.failed > 0 ? `, ${result.failed} failed` : ''}${result.cancelled ? ' (cancelled)' : ''}`,
						);
					}
				} finally {
					load.end();
				}
			}
		} finally {
			this.running = undefined;
		}
	}
}
