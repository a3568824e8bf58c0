import * as vscode from 'vscode';
import type { RetryNotice } from '../api';
import { describeErrorText } from '../model/errorDescription';
import type { TaskFilter } from '../model/filter';
import { describeFilter, isEmptyFilter } from '../model/filter';
import type { LoadProgress } from '../model/loader';
import type { PollOutcome, RefreshOutcome } from '../model/refresh';
import { TaskService, type CredentialsVerdict, type TaskTarget, type ViewState } from '../model/taskService';
import type { TaskStore } from '../model/taskStore';
import type { NameCacheStore } from '../model/nameCache';
import type { RetryLinkStorage } from '../model/retryLinks';
import { discoverZone, zoneLabel } from '../model/zoneDiscovery';
import { TASKS_VIEW_ID } from '../ids';
import type { ClientFactory } from './connection';
import { endpointFor } from './connection';
import type { SampleEmulator, SampleEmulatorOptions } from './emulatorLoader';
import { loadEmulator } from './emulatorLoader';
import { reportError } from './commandBoundary';
import type { ExtensionLog } from './log';
import type { Profile, ProfileStore } from './profiles';
import { apiLanguage, readSettings, type SettingsSnapshot } from './settings';

/** What the Tasks view is pointed at, as the host knows it. */
export type Target =
	| { kind: 'none' }
	| { kind: 'profile'; profile: Profile }
	| { kind: 'sample'; emulator: SampleEmulator };

type Source = Exclude<Target, { kind: 'none' }>;

const SAMPLE_DEFAULTS: SampleEmulatorOptions = { port: 0, tasks: 500, seed: 1, evolve: { intervalMs: 5000 } };

/**
 * The VS Code side of the task service (src/model/taskService.ts), which owns the target, the client, the
 * filter, the loads and their cancellation. This adapter resolves the active profile (or the sample emulator,
 * whose lifecycle it owns) into the service's target and reconnects when profiles, secrets or settings change,
 * shows the view's progress while tasks are read, and writes the credentials' verdict onto the profile.
 */
export class TasksSession implements vscode.Disposable {
	readonly service: TaskService<Source>;
	private emulator: SampleEmulator | undefined;
	/** Bumped by every reconnect, so a slower, older one (waiting on secret storage) does not win. */
	private connectGeneration = 0;
	private endProgress: (() => void) | undefined;
	/** The service's changes, re-fired through VS Code's emitter: a failing view listener is logged, never thrown into a load. */
	private readonly _onDidChange = new vscode.EventEmitter<void>();
	/** Target, state, filter or loading activity changed (the store has its own change event). */
	readonly onDidChange = this._onDidChange.event;
	private readonly disposables: vscode.Disposable[] = [];
	/** Zone names learnt this session (also for sample data), by zone ID; '' once asked without an answer. */
	private readonly zoneNames = new Map<string, string>();

	constructor(
		private readonly profiles: ProfileStore,
		readonly clients: ClientFactory,
		private readonly log: ExtensionLog,
		private readonly extensionPath: string,
		nameCache?: NameCacheStore,
		retryLinks?: RetryLinkStorage,
	) {
		this.service = new TaskService<Source>({
			createClient: (endpoint, credentials) => clients.create(endpoint, credentials, readSettings()),
			describeError: describeForLog,
			settings: () => readSettings(),
			onCredentialsVerdict: (verdict) => this.onCredentialsVerdict(verdict),
			log,
			nameCache,
			retryLinks,
		});
		this.disposables.push(
			this.service,
			{ dispose: () => this.endProgress?.() },
			this._onDidChange,
			this.service.onDidChange(() => {
				this.syncProgress();
				this._onDidChange.fire();
			}),
			profiles.onDidChange((e) => this.onProfilesChanged(e.profileId)),
		);
	}

	get store(): TaskStore {
		return this.service.store;
	}

	get state(): ViewState {
		return this.service.state;
	}

	get currentTarget(): Target {
		const target = this.service.target;
		return target.kind === 'none' ? target : target.source;
	}

	get currentFilter(): TaskFilter {
		return this.service.currentFilter;
	}

	get zoneId(): string | undefined {
		return this.service.zoneId;
	}

	/** Where requests go while there is a client; undefined means nothing can be sent. */
	get endpoint(): string | undefined {
		return this.service.endpoint;
	}

	get isLoading(): boolean {
		return this.service.isLoading;
	}

	/** The retry the client is waiting on right now, for "rate limited, retrying in 2 s". */
	get pendingRetry(): RetryNotice | undefined {
		return this.service.pendingRetry;
	}

	/** Why the last reconnect could not build a client, for the view's message. */
	get connectionError(): string | undefined {
		return this.service.connectionError;
	}

	/** "default · z-abc · Failed · updated 12 s ago" pieces, without the freshness part. */
	describeTarget(): string {
		const target = this.service.target;
		const parts: string[] = [];
		if (target.kind !== 'none') {
			parts.push(target.label);
		}
		if (this.zoneId) {
			const profileZone = target.kind !== 'none' && target.source.kind === 'profile' && target.source.profile.zoneId === this.zoneId ? target.source.profile.zoneName : undefined;
			parts.push(zoneLabel(this.zoneId, profileZone ?? this.zoneNames.get(this.zoneId)));
		}
		if (!isEmptyFilter(this.currentFilter)) {
			parts.push(describeFilter(this.currentFilter));
		}
		return parts.join(' · ');
	}

	/** Re-reads the active profile and settings, clears the tree at once, and reloads. */
	async reconnect(options: { filter?: TaskFilter } = {}): Promise<void> {
		const generation = ++this.connectGeneration;
		this.service.clear();
		const settings = readSettings();
		const source: Target = this.emulator ? { kind: 'sample', emulator: this.emulator } : this.activeProfileTarget();
		let target: TaskTarget<Source>;
		try {
			target = await this.resolve(source, settings);
		} catch (error) {
			if (generation !== this.connectGeneration) {
				return;
			}
			// Unreadable secret storage: nothing is sent, and the welcome view says what to fix while the error
			// message names the cause.
			this.service.setConnectionFailed(source.kind === 'none' ? source : { ...this.describeSource(source, settings), credentials: undefined }, error);
			reportError('connect', error, this.log);
			return;
		}
		if (generation !== this.connectGeneration) {
			return;
		}
		const { state, error } = this.service.setTarget(target, options);
		if (error !== undefined) {
			// A bad endpoint (e.g. http:// to a remote host): no client, so nothing is sent.
			reportError('connect', error, this.log);
			return;
		}
		if (state === 'ready') {
			await this.refresh();
		}
	}

	/** Cancel Loading: stops every refresh, "Load more", auto-refresh poll and task lookup. */
	cancelAll(): void {
		this.service.cancelAll();
	}

	/** Reloads counts and the first pages; the old data stays (marked stale) if it fails. */
	refresh(signal?: AbortSignal, onProgress?: (p: LoadProgress) => void): Promise<RefreshOutcome | undefined> {
		return this.service.refresh(signal, onProgress);
	}

	/** Loads more of one status group ("Load more") or all of it ("Load all"), cancellable. */
	async loadGroup(status: string, mode: 'more' | 'all', signal?: AbortSignal, taskType?: string): Promise<void> {
		const outcome = await this.service.loadGroup(status, mode, signal, taskType);
		if (outcome?.kind === 'failure') {
			// The group keeps what it loaded and shows the error; the boundary tells the user what to do.
			throw outcome.error;
		}
	}

	/** One auto-refresh tick: only tasks in progress are read again. */
	poll(signal?: AbortSignal): Promise<PollOutcome | undefined> {
		return this.service.poll(signal);
	}

	async setFilter(filter: TaskFilter): Promise<void> {
		if (this.service.setFilter(filter)) {
			await this.refresh();
		}
	}

	async enterSampleData(options: Partial<SampleEmulatorOptions> = {}): Promise<SampleEmulator> {
		await this.leaveSampleData(false);
		const module = loadEmulator(this.extensionPath);
		const emulator = await module.startEmulator({ ...SAMPLE_DEFAULTS, ...options });
		this.log.info(`Sample data: emulator listening on ${emulator.url}, zone ${emulator.zoneId}`);
		this.log.addSecret(emulator.credentials.secretKey);
		this.emulator = emulator;
		await this.reconnect({ filter: {} });
		return emulator;
	}

	async leaveSampleData(reconnect = true): Promise<void> {
		const emulator = this.emulator;
		if (!emulator) {
			return;
		}
		this.emulator = undefined;
		this.service.clear();
		await emulator.close();
		this.log.info('Left sample data.');
		if (reconnect) {
			await this.reconnect({ filter: {} });
		}
	}

	dispose(): void {
		this.service.cancelAll();
		if (this.emulator) {
			void this.emulator.close();
			this.emulator = undefined;
		}
		for (const d of this.disposables) {
			d.dispose();
		}
	}

	// ---- internals ------------------------------------------------------------------------------------

	private activeProfileTarget(): Target {
		const profile = this.profiles.active();
		return profile ? { kind: 'profile', profile } : { kind: 'none' };
	}

	/** The profile or emulator as the service's target: endpoint from the settings, credentials from SecretStorage. */
	private async resolve(source: Target, settings: SettingsSnapshot): Promise<TaskTarget<Source>> {
		if (source.kind === 'none') {
			return source;
		}
		const described = this.describeSource(source, settings);
		if (source.kind === 'sample') {
			const credentials = source.emulator.credentials;
			return { ...described, credentials: () => Promise.resolve(credentials) };
		}
		const profile = source.profile;
		const saved = await this.profiles.credentials(profile.id);
		if (!saved) {
			return { ...described, credentials: undefined };
		}
		return {
			...described,
			credentials: async () => {
				const current = await this.profiles.credentials(profile.id);
				if (!current) {
					throw new Error(vscode.l10n.t('The credentials of profile "{0}" were removed.', profile.name));
				}
				return current;
			},
		};
	}

	private describeSource(source: Source, settings: SettingsSnapshot): Omit<Extract<TaskTarget<Source>, { kind: 'profile' | 'sample' }>, 'credentials'> {
		return source.kind === 'sample'
			? { kind: 'sample', label: vscode.l10n.t('Sample data'), endpoint: source.emulator.url, zoneId: source.emulator.zoneId, source }
			: { kind: 'profile', label: source.profile.name, endpoint: endpointFor(source.profile, settings), zoneId: source.profile.zoneId, source };
	}

	private onProfilesChanged(profileId: string | undefined): void {
		if (this.emulator) {
			return;
		}
		const active = this.profiles.active();
		const target = this.currentTarget;
		const current = target.kind === 'profile' ? target.profile : undefined;
		const switched = active?.id !== current?.id;
		const changedActive = profileId !== undefined && profileId === active?.id;
		const metaChanged = active && current && (active.zoneId !== current.zoneId || active.endpoint !== current.endpoint || active.site !== current.site);
		if (switched || changedActive || metaChanged || (!active && current)) {
			void this.reconnect();
		} else if (active && current) {
			this.service.updateTargetDetails(active.name, { kind: 'profile', profile: active });
		}
	}

	/** An auth failure marks the profile as needing attention; the next successful load clears the mark. */
	private async onCredentialsVerdict(verdict: CredentialsVerdict<Source>): Promise<void> {
		const target = verdict.target;
		if (verdict.problem === undefined) {
			// After the tasks, never before them: the name never delays the first paint.
			void this.learnZoneName(target);
		}
		if (target.kind !== 'profile' || target.source.kind !== 'profile') {
			return;
		}
		const loadedFor = target.source.profile;
		const profile = this.profiles.list().find((p) => p.id === loadedFor.id);
		if (!profile) {
			return;
		}
		if (verdict.problem !== undefined || profile.needsAttention) {
			await this.profiles.update(profile.id, { needsAttention: verdict.problem });
		}
	}

	/**
	 * A zone without a stored name (a profile saved before zones had names, or one typed by hand): asks
	 * DescribeIdentityCenter once per session and stores the name on the profile if it answers for this zone.
	 */
	private async learnZoneName(target: TaskTarget<Source>): Promise<void> {
		if (target.kind === 'none' || !target.zoneId || !target.credentials) {
			return;
		}
		const zoneId = target.zoneId;
		const profileId = target.source.kind === 'profile' ? target.source.profile.id : undefined;
		const stored = profileId === undefined ? undefined : this.profiles.list().find((p) => p.id === profileId);
		if (stored?.zoneId === zoneId && stored.zoneName) {
			return;
		}
		// Zone IDs are unique, and a name belongs to its zone: one answer serves every profile of that zone.
		let zoneName = this.zoneNames.get(zoneId);
		if (zoneName === undefined) {
			this.zoneNames.set(zoneId, '');
			try {
				const found = await discoverZone(this.clients.create(target.endpoint, target.credentials, readSettings()));
				if (found.kind !== 'found' || found.zone.zoneId !== zoneId) {
					this.log.info(`The name of zone ${zoneId} is not known (DescribeIdentityCenter: ${found.kind}); the view shows its ID.`);
					return;
				}
				zoneName = found.zone.zoneName;
			} catch (error) {
				this.log.warn(`The name of zone ${zoneId} could not be read: ${describeForLog(error)}`);
				return;
			}
			this.zoneNames.set(zoneId, zoneName);
			this._onDidChange.fire();
		}
		const profile = profileId === undefined ? undefined : this.profiles.list().find((p) => p.id === profileId);
		if (zoneName && profile?.zoneId === zoneId && profile.zoneName !== zoneName) {
			await this.profiles.update(profile.id, { zoneName });
		}
	}

	/** The view's progress bar while a refresh or "Load more" reads tasks, however it was started. */
	private syncProgress(): void {
		if (this.service.isReadingTasks && !this.endProgress) {
			let end = (): void => undefined;
			const done = new Promise<void>((resolve) => {
				end = resolve;
			});
			this.endProgress = end;
			void vscode.window.withProgress({ location: { viewId: TASKS_VIEW_ID } }, () => done);
		} else if (!this.service.isReadingTasks && this.endProgress) {
			const end = this.endProgress;
			this.endProgress = undefined;
			end();
		}
	}
}

/** The one error description, as one line: stale reasons, the profile's attention note, the connection error. */
function describeForLog(error: unknown): string {
	return describeErrorText(error, apiLanguage(readSettings().language));
}
