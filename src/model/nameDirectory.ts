import { isAbortError, isTencentCloudError } from '../api/errors';
import type { OrganizationClient } from '../api/organizationClient';
import type { Disposable, Event } from './emitter';
import { Emitter } from './emitter';
import { errorMessage } from './errorInfo';
import { NAME_MAX_AGE_MS, NAME_SNAPSHOT_VERSION, type NameCacheStore, type NameListKind, type NameSnapshot } from './nameCache';
import { LIST_PAGE_SIZE, MEMBER_PAGE_SIZE, pagesOf, planLookup } from './nameResolver';
import { accountEntry, groupSource, roleConfigurationSource, userSource, type IdSource } from './nameSources';
import type { AccountEntry, NameLookup, PrincipalEntry, RoleConfigurationEntry } from './names';
import { TokenChain } from './pagingGuard';
import { backgroundTimers, type Timers } from './poller';
import { Semaphore } from './semaphore';

/** The IDs of a task the directory names (a TaskInfo has them all). */
export interface NamedIds {
	PrincipalType: string;
	PrincipalId: string;
	TargetUin: number;
	/** `ManagerUin` or `MemberUin`: a manager account missing from the member list is `unlisted`, not `notFound`. */
	TargetType: string;
	RoleConfigurationId: string;
}

export interface NameDirectoryLog {
	info(message: string): void;
	warn(message: string): void;
}

export interface NameDirectoryOptions {
	/** The task service's client: the same signer, retries and per-action rate budgets as the listing. */
	client: OrganizationClient;
	zoneId: string;
	/** Where the zone's names persist (`key` from nameZoneKey); without it they live in memory only. */
	cache?: { store: NameCacheStore; key: string };
	log?: NameDirectoryLog;
	now?: () => number;
	timers?: Timers;
	/** Entries older than this are asked again (default NAME_MAX_AGE_MS). */
	maxAgeMs?: number;
	/** onDidChange fires at most once per this many ms (default CHANGE_DELAY_MS). */
	changeDelayMs?: number;
}

export interface ResolveOptions {
	signal?: AbortSignal;
	/** Renew: entries checked before this time are asked again (a Refresh); the old names show until answered. */
	renewCheckedBefore?: number;
}

/** What one resolution did, for logs, tests and the benchmark. */
export interface NameResolution {
	/** Requests the directory made (each counted once, whatever the client's retries). */
	requests: number;
	/** Entries written: found, not found, and manager accounts the member list leaves out. */
	found: number;
	notFound: number;
	unlisted: number;
	/** IDs whose lookup failed: they keep what they had (nothing, or the older name). */
	failed: number;
	cancelled: boolean;
}

/** "A few times a second": a burst of answers becomes one tree refresh. */
export const CHANGE_DELAY_MS = 250;
/** Gets in flight per action: enough to keep its budget (20/s at 200 ms latency needs 4) busy. */
const GET_CONCURRENCY = 8;
const MEMBER_PAGE_CONCURRENCY = 4;
/** Beyond 10,000 member accounts the list is not read whole (a Total that big is more likely a broken answer). */
const MAX_MEMBER_PAGES = 200;
/**
 * An ID whose lookup failed (not a not-found: a denied permission, a network failure after every retry) is not
 * asked again before this long, except by a Refresh, so a missing CAM permission does not cost requests at every
 * page and poll.
 */
const FAILED_RETRY_AFTER_MS = 5 * 60 * 1000;


function flag<K>(set: Set<K>, ids: Iterable<K>, on: boolean): void {
	for (const id of ids) {
		if (on) {
			set.add(id);
		} else {
			set.delete(id);
		}
	}
}

const silentLog: NameDirectoryLog = { info: () => undefined, warn: () => undefined };

/** What the directory holds of one kind of ID, and which of them are being asked or recently failed. */
class KindState<K, E> {
	readonly entries = new Map<K, E>();
	/** Being asked right now, so overlapping resolutions do not ask twice. */
	readonly inFlight = new Set<K>();
	/** When each ID's lookup last failed. */
	readonly failedAt = new Map<K, number>();

	constructor(readonly list: NameListKind) {}
}

class Batch {
	requests = 0;
	found = 0;
	notFound = 0;
	unlisted = 0;
	readonly failures: { action: string; error: unknown }[] = [];
	changed = false;

	constructor(
		readonly signal: AbortSignal,
		readonly at: number,
	) {}
}

/**
 * The names of one zone: users, groups, role configurations and member accounts, resolved in bulk for the IDs of
 * the loaded tasks (List* pages when many are unknown, Get* when few: nameResolver.ts), kept in memory and in
 * the zone's persistent snapshot with the time each was checked. Reading is synchronous; resolution runs in the
 * background under the caller's signal, and once that aborts nothing more is written.
 */
export class NameDirectory implements NameLookup, Disposable {
	private readonly changeEmitter = new Emitter<void>();
	readonly onDidChange: Event<void> = this.changeEmitter.event;
	readonly zoneId: string;
	private client: OrganizationClient;
	private readonly users = new KindState<string, PrincipalEntry>('users');
	private readonly groups = new KindState<string, PrincipalEntry>('groups');
	private readonly roleConfigurations = new KindState<string, RoleConfigurationEntry>('roleConfigurations');
	private readonly accounts = new KindState<number, AccountEntry>('accounts');
	private readonly totals: Partial<Record<NameListKind, number>> = {};
	private readonly log: NameDirectoryLog;
	private readonly now: () => number;
	private readonly timers: Timers;
	private readonly maxAgeMs: number;
	private readonly changeDelayMs: number;
	private readonly sources: { users: IdSource<PrincipalEntry>; groups: IdSource<PrincipalEntry>; roleConfigurations: IdSource<RoleConfigurationEntry> };
	private restoring: Promise<void> | undefined;
	private writing: Promise<void> = Promise.resolve();
	private changeTimer: unknown;
	private disposed = false;

	constructor(private readonly options: NameDirectoryOptions) {
		this.client = options.client;
		this.zoneId = options.zoneId;
		this.log = options.log ?? silentLog;
		this.now = options.now ?? Date.now;
		this.timers = options.timers ?? backgroundTimers;
		this.maxAgeMs = options.maxAgeMs ?? NAME_MAX_AGE_MS;
		this.changeDelayMs = options.changeDelayMs ?? CHANGE_DELAY_MS;
		this.sources = { users: userSource(this.zoneId), groups: groupSource(this.zoneId), roleConfigurations: roleConfigurationSource(this.zoneId) };
	}

	/** The persistent key this directory reads and writes, if any. */
	get cacheKey(): string | undefined {
		return this.options.cache?.key;
	}

	principal(principalType: string, principalId: string): PrincipalEntry | undefined {
		return principalType === 'User' ? this.users.entries.get(principalId) : principalType === 'Group' ? this.groups.entries.get(principalId) : undefined;
	}

	account(targetUin: number): AccountEntry | undefined {
		return this.accounts.entries.get(targetUin);
	}

	roleConfiguration(roleConfigurationId: string): RoleConfigurationEntry | undefined {
		return this.roleConfigurations.entries.get(roleConfigurationId);
	}

	/** The same zone reached with a new client (a reconnect): later requests use it. */
	setClient(client: OrganizationClient): void {
		this.client = client;
	}

	/** Reads the persisted snapshot once (resolve() awaits it too); a missing or unreadable one leaves memory as is. */
	restore(): Promise<void> {
		this.restoring ??= this.readSnapshot();
		return this.restoring;
	}

	/**
	 * Resolves the IDs of `tasks` this directory does not know, or knows from longer ago than the maximum age (or
	 * than `renewCheckedBefore`). Never throws: failures leave IDs as they were and are logged once per call.
	 */
	async resolve(tasks: Iterable<NamedIds>, options: ResolveOptions = {}): Promise<NameResolution> {
		const signal = options.signal ?? new AbortController().signal;
		await this.restore();
		const batch = new Batch(signal, this.now());
		if (signal.aborted || this.disposed) {
			return this.report(batch, 0);
		}
		const due = this.dueIds(tasks, batch.at, options.renewCheckedBefore);
		// Called not found before a task named it as a manager account (or by an older version's cache): the same
		// answer read as the member list leaving it out. No request; one that is due is answered by its lookup.
		for (const uin of due.managerAccounts) {
			const entry = this.accounts.entries.get(uin);
			if (entry?.state === 'notFound' && !due.accounts.has(uin)) {
				this.put(this.accounts, uin, { state: 'unlisted', uin, checkedAt: entry.checkedAt }, batch);
			}
		}
		const claim = (on: boolean): void => {
			flag(this.users.inFlight, due.users, on);
			flag(this.groups.inFlight, due.groups, on);
			flag(this.roleConfigurations.inFlight, due.roleConfigurations, on);
			flag(this.accounts.inFlight, due.accounts, on);
		};
		claim(true);
		try {
			await Promise.all([
				this.resolveIds(this.sources.users, this.users, due.users, batch),
				this.resolveIds(this.sources.groups, this.groups, due.groups, batch),
				this.resolveIds(this.sources.roleConfigurations, this.roleConfigurations, due.roleConfigurations, batch),
				this.resolveAccounts(due.accounts, due.managerAccounts, batch),
			]);
		} finally {
			claim(false);
		}
		const failed = this.settleFailures(batch);
		if (!signal.aborted && !this.disposed && batch.changed) {
			await this.persist();
		}
		return this.report(batch, failed);
	}

	/** A copy of everything known, in the persistent form. */
	snapshot(): NameSnapshot {
		return {
			version: NAME_SNAPSHOT_VERSION,
			zoneId: this.zoneId,
			savedAt: this.now(),
			principals: [...this.users.entries.values(), ...this.groups.entries.values()],
			accounts: [...this.accounts.entries.values()],
			roleConfigurations: [...this.roleConfigurations.entries.values()],
			totals: { ...this.totals },
		};
	}

	/** Stops firing and writing; a resolution still running finds out at its next answer. */
	dispose(): void {
		this.disposed = true;
		if (this.changeTimer !== undefined) {
			this.timers.clearTimeout(this.changeTimer);
			this.changeTimer = undefined;
		}
		this.changeEmitter.dispose();
	}

	// ---- internals ------------------------------------------------------------------------------------

	/** Called for every store change with every loaded task: no allocation per task beyond the due sets. */
	private dueIds(tasks: Iterable<NamedIds>, now: number, renewBefore: number | undefined): {
		users: Set<string>;
		groups: Set<string>;
		roleConfigurations: Set<string>;
		accounts: Set<number>;
		/** The accounts some task names as its manager account, due or not. */
		managerAccounts: Set<number>;
	} {
		const staleBefore = now - this.maxAgeMs;
		const isDue = <K>(state: KindState<K, { checkedAt: number }>, id: K): boolean => {
			if (state.inFlight.has(id)) {
				return false;
			}
			const failed = state.failedAt.get(id);
			// A Refresh asks again what failed before it started; what failed since waits its turn.
			if (failed !== undefined && now - failed < FAILED_RETRY_AFTER_MS && !(renewBefore !== undefined && failed < renewBefore)) {
				return false;
			}
			const entry = state.entries.get(id);
			return entry === undefined || entry.checkedAt < staleBefore || (renewBefore !== undefined && entry.checkedAt < renewBefore);
		};
		const due = { users: new Set<string>(), groups: new Set<string>(), roleConfigurations: new Set<string>(), accounts: new Set<number>(), managerAccounts: new Set<number>() };
		for (const task of tasks) {
			const principalId = task.PrincipalId;
			if (principalId) {
				if (task.PrincipalType === 'User') {
					if (!due.users.has(principalId) && isDue(this.users, principalId)) {
						due.users.add(principalId);
					}
				} else if (task.PrincipalType === 'Group' && !due.groups.has(principalId) && isDue(this.groups, principalId)) {
					due.groups.add(principalId);
				}
			}
			const rc = task.RoleConfigurationId;
			if (rc && !due.roleConfigurations.has(rc) && isDue(this.roleConfigurations, rc)) {
				due.roleConfigurations.add(rc);
			}
			const uin = task.TargetUin;
			if (Number.isSafeInteger(uin)) {
				if (!due.accounts.has(uin) && isDue(this.accounts, uin)) {
					due.accounts.add(uin);
				}
				if (task.TargetType === 'ManagerUin') {
					due.managerAccounts.add(uin);
				}
			}
		}
		return due;
	}

	/** Users, groups or role configurations: pages of the list and/or one Get per ID, by planLookup. */
	private async resolveIds<E extends { checkedAt: number; state: string }>(source: IdSource<E>, state: KindState<string, E>, due: Set<string>, batch: Batch): Promise<void> {
		const remaining = new Set(due);
		let plan = planLookup(remaining.size, this.totals[source.list], LIST_PAGE_SIZE);
		if (plan === 'probe' || plan === 'list') {
			const chain = new TokenChain(LIST_PAGE_SIZE);
			let token: string | undefined;
			for (;;) {
				let page;
				try {
					batch.requests++;
					page = await source.page(this.client, LIST_PAGE_SIZE, token, batch.signal, this.now());
				} catch (error) {
					this.fail(batch, state, remaining, error, `List (${source.list})`);
					return;
				}
				if (!this.writable(batch)) {
					return;
				}
				this.totals[source.list] = page.total;
				for (const row of page.rows) {
					this.put(state, source.idOf(row), row, batch);
					remaining.delete(source.idOf(row));
				}
				// A token that comes round again, or pages past TotalCounts, would page forever: what is left is asked
				// one by one below.
				if (page.next === undefined || chain.advance(page.next, page.total, LIST_PAGE_SIZE) !== undefined) {
					break;
				}
				token = page.next;
				if (plan === 'probe') {
					plan = planLookup(remaining.size, page.total, LIST_PAGE_SIZE, Math.max(0, pagesOf(page.total, LIST_PAGE_SIZE) - chain.pages));
					if (plan !== 'list') {
						break;
					}
				}
			}
		}
		if (remaining.size === 0 || batch.signal.aborted) {
			return;
		}
		const slots = new Semaphore(GET_CONCURRENCY);
		await Promise.all(
			[...remaining].map((id) =>
				slots
					.run(async () => {
						if (batch.signal.aborted) {
							return;
						}
						batch.requests++;
						let entry: E;
						try {
							entry = await source.get(this.client, id, batch.signal, this.now());
						} catch (error) {
							if (!this.writable(batch)) {
								return;
							}
							if (isTencentCloudError(error) && error.code === source.notFoundCode) {
								this.put(state, id, source.notFound(id, this.now()), batch);
							} else {
								this.fail(batch, state, [id], error, source.getAction);
							}
							return;
						}
						if (this.writable(batch)) {
							// Keyed by the ID asked for: the answer is about it, whatever it echoes.
							this.put(state, id, entry, batch);
						}
					}, batch.signal)
					.catch(() => undefined),
			),
		);
	}

	/** Member accounts have no Get: the pages of DescribeOrganizationMembers, the first one giving Total. */
	private async resolveAccounts(due: Set<number>, managerAccounts: Set<number>, batch: Batch): Promise<void> {
		if (due.size === 0) {
			return;
		}
		const seen = new Set<number>();
		const readPage = async (offset: number): Promise<number | undefined> => {
			batch.requests++;
			let page;
			try {
				page = await this.client.describeOrganizationMembers({ Offset: offset, Limit: MEMBER_PAGE_SIZE }, { signal: batch.signal });
			} catch (error) {
				this.fail(batch, this.accounts, [...due].filter((uin) => !seen.has(uin)), error, 'DescribeOrganizationMembers');
				return undefined;
			}
			if (!this.writable(batch)) {
				return undefined;
			}
			const at = this.now();
			for (const member of page.Items) {
				seen.add(member.MemberUin);
				this.put(this.accounts, member.MemberUin, accountEntry(member, at), batch);
			}
			return page.Total;
		};
		const total = await readPage(0);
		if (total === undefined) {
			return;
		}
		this.totals.accounts = total;
		const pages = pagesOf(total, MEMBER_PAGE_SIZE);
		if (pages > MAX_MEMBER_PAGES) {
			this.log.warn(`Names: the organization reports ${total} member accounts; only the first ${MAX_MEMBER_PAGES * MEMBER_PAGE_SIZE} are read.`);
		}
		const slots = new Semaphore(MEMBER_PAGE_CONCURRENCY);
		const rest = Array.from({ length: Math.max(0, Math.min(pages, MAX_MEMBER_PAGES) - 1) }, (_v, i) => (i + 1) * MEMBER_PAGE_SIZE);
		const totalsSeen = await Promise.all(rest.map((offset) => slots.run(() => readPage(offset), batch.signal).catch(() => undefined)));
		if (!this.writable(batch) || pages > MAX_MEMBER_PAGES || totalsSeen.some((t) => t === undefined)) {
			return;
		}
		// The whole member list is read: a UIN it lacks is not (or no longer) a member. Whether the list includes the
		// organization's manager account is not documented, so one named as such is only `unlisted`.
		const at = this.now();
		for (const uin of due) {
			if (!seen.has(uin)) {
				this.put(this.accounts, uin, { state: managerAccounts.has(uin) ? 'unlisted' : 'notFound', uin, checkedAt: at }, batch);
			}
		}
	}

	private writable(batch: Batch): boolean {
		return !batch.signal.aborted && !this.disposed;
	}

	private put<K, E extends { state: string }>(state: KindState<K, E>, key: K, entry: E, batch: Batch): void {
		state.entries.set(key, entry);
		if (entry.state === 'notFound') {
			batch.notFound++;
		} else if (entry.state === 'unlisted') {
			batch.unlisted++;
		} else {
			batch.found++;
		}
		state.failedAt.delete(key);
		batch.changed = true;
		this.scheduleChange();
	}

	private fail<K>(batch: Batch, state: KindState<K, unknown>, ids: Iterable<K>, error: unknown, action: string): void {
		if (isAbortError(error) || batch.signal.aborted) {
			return;
		}
		for (const id of ids) {
			state.failedAt.set(id, batch.at);
		}
		batch.failures.push({ action, error });
	}

	/** One log line per resolution for everything that failed. */
	private settleFailures(batch: Batch): number {
		if (batch.failures.length === 0 || batch.signal.aborted) {
			return batch.failures.length;
		}
		const codes = new Map<string, number>();
		for (const { action, error } of batch.failures) {
			const key = `${action} ${isTencentCloudError(error) ? error.code : errorMessage(error)}`;
			codes.set(key, (codes.get(key) ?? 0) + 1);
		}
		const summary = [...codes].map(([key, n]) => `${key}${n > 1 ? ` ×${n}` : ''}`).join(', ');
		this.log.warn(`Names: ${batch.failures.length} lookup${batch.failures.length === 1 ? '' : 's'} failed (${summary}); those IDs show as they were until a later load.`);
		return batch.failures.length;
	}

	private report(batch: Batch, failed: number): NameResolution {
		return { requests: batch.requests, found: batch.found, notFound: batch.notFound, unlisted: batch.unlisted, failed, cancelled: batch.signal.aborted };
	}

	private scheduleChange(): void {
		if (this.changeTimer !== undefined || this.disposed) {
			return;
		}
		this.changeTimer = this.timers.setTimeout(() => {
			this.changeTimer = undefined;
			if (!this.disposed) {
				this.changeEmitter.fire();
			}
		}, this.changeDelayMs);
	}

	private async readSnapshot(): Promise<void> {
		const cache = this.options.cache;
		if (!cache) {
			return;
		}
		let snapshot: NameSnapshot | undefined;
		try {
			snapshot = await cache.store.read(cache.key);
		} catch (error) {
			this.log.warn(`Names: the saved names of zone ${this.zoneId} could not be read (${errorMessage(error)}); they are asked again.`);
			return;
		}
		if (!snapshot || this.disposed || snapshot.zoneId !== this.zoneId) {
			return;
		}
		let restored = false;
		const keepNewer = <K, E extends { checkedAt: number }>(state: KindState<K, E>, key: K, entry: E): void => {
			const current = state.entries.get(key);
			if (!current || current.checkedAt < entry.checkedAt) {
				state.entries.set(key, entry);
				restored = true;
			}
		};
		for (const entry of snapshot.principals) {
			keepNewer(entry.kind === 'User' ? this.users : this.groups, entry.id, entry);
		}
		for (const entry of snapshot.accounts) {
			keepNewer(this.accounts, entry.uin, entry);
		}
		for (const entry of snapshot.roleConfigurations) {
			keepNewer(this.roleConfigurations, entry.id, entry);
		}
		for (const [kind, total] of Object.entries(snapshot.totals) as [NameListKind, number][]) {
			this.totals[kind] ??= total;
		}
		if (restored) {
			this.scheduleChange();
		}
	}

	/** Writes in order, one at a time; a failed write is logged and the names stay in memory. */
	private persist(): Promise<void> {
		const cache = this.options.cache;
		if (!cache) {
			return Promise.resolve();
		}
		const snapshot = this.snapshot();
		this.writing = this.writing.then(async () => {
			try {
				await cache.store.write(cache.key, snapshot);
			} catch (error) {
				this.log.warn(`Names: the names of zone ${this.zoneId} could not be saved (${errorMessage(error)}).`);
			}
		});
		return this.writing;
	}
}
