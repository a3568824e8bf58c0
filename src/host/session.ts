import * as vscode from 'vscode';
import { isAuthFailure, isTencentCloudError, type OrganizationClient, type RetryNotice } from '../api';
import { ActiveLoads, type ActiveLoad, type LoadKind } from '../model/activeLoads';
import { errorMessage } from '../model/errorInfo';
import type { TaskFilter } from '../model/filter';
import { describeFilter, filtersEqual, isEmptyFilter, normalizeFilter } from '../model/filter';
import { TaskLoader, type LoadProgress } from '../model/loader';
import { runLoadMore, runPoll, runRefresh, type PollOutcome, type RefreshOutcome } from '../model/refresh';
import { TaskStore } from '../model/taskStore';
import type { ViewState } from '../ids';
import type { ClientFactory } from './connection';
import { endpointFor } from './connection';
import type { SampleEmulator, SampleEmulatorOptions } from './emulatorLoader';
import { loadEmulator } from './emulatorLoader';
import { reportError } from './commandBoundary';
import { describeApiError } from './errorAdvice';
import { describeErrorForUser, unwrapApiError } from './errorMessages';
import type { ExtensionLog } from './log';
import type { Profile, ProfileStore } from './profiles';
import { apiLanguage, readSettings, type SettingsSnapshot } from './settings';

/** What the Tasks view is pointed at. */
export type Target =
	| { kind: 'none' }
	| { kind: 'profile'; profile: Profile }
	| { kind: 'sample'; emulator: SampleEmulator };

const SAMPLE_DEFAULTS: SampleEmulatorOptions = { port: 0, tasks: 500, seed: 1, evolve: { intervalMs: 5000 } };

/**
 * The live state behind the Tasks view: which profile or sample emulator it shows, the client, the loader
 * and the store, the filter, and the welcome state. Switching target clears the store at once and reloads;
 * a refresh started while another runs cancels the older one (the store's tickets guarantee that a late
 * result never overwrites a newer one).
 */
export class TasksSession implements vscode.Disposable {
	readonly store = new TaskStore();
	private target: Target = { kind: 'none' };
	private client: OrganizationClient | undefined;
	private loader: TaskLoader | undefined;
	private filter: TaskFilter = {};
	private viewState: ViewState = 'loading';
	private connectError: string | undefined;
	private retryNotice: { notice: RetryNotice; until: number } | undefined;
	private readonly _onDidChange = new vscode.EventEmitter<void>();
	/** Every refresh, "Load more" and poll, so that Cancel Loading stops them all. */
	private readonly loads = new ActiveLoads({ onChange: () => this._onDidChange.fire() });
	/** Target, state, filter or loading activity changed (the store has its own change event). */
	readonly onDidChange = this._onDidChange.event;
	private readonly disposables: vscode.Disposable[] = [];

	constructor(
		private readonly profiles: ProfileStore,
		private readonly clients: ClientFactory,
		private readonly log: ExtensionLog,
		private readonly extensionPath: string,
	) {
		this.disposables.push(
			this.loads,
			this._onDidChange,
			profiles.onDidChange((e) => this.onProfilesChanged(e.profileId)),
		);
	}

	get state(): ViewState {
		return this.viewState;
	}

	get currentTarget(): Target {
		return this.target;
	}

	get currentFilter(): TaskFilter {
		return this.filter;
	}

	get zoneId(): string | undefined {
		return this.target.kind === 'profile' ? this.target.profile.zoneId : this.target.kind === 'sample' ? this.target.emulator.zoneId : undefined;
	}

	get isLoading(): boolean {
		return this.loads.isLoading;
	}

	/** The retry the client is waiting on right now, for "rate limited, retrying in 2 s". */
	get pendingRetry(): RetryNotice | undefined {
		return this.retryNotice && this.retryNotice.until > Date.now() ? this.retryNotice.notice : undefined;
	}

	get apiClient(): OrganizationClient | undefined {
		return this.client;
	}

	/** "default · z-abc · Failed · updated 12 s ago" pieces, without the freshness part. */
	describeTarget(): string {
		const parts: string[] = [];
		if (this.target.kind === 'sample') {
			parts.push(vscode.l10n.t('Sample data'));
		} else if (this.target.kind === 'profile') {
			parts.push(this.target.profile.name);
		}
		if (this.zoneId) {
			parts.push(this.zoneId);
		}
		if (!isEmptyFilter(this.filter)) {
			parts.push(describeFilter(this.filter));
		}
		return parts.join(' · ');
	}

	/** Re-reads the active profile and settings, clears the tree at once, and reloads. */
	async reconnect(): Promise<void> {
		this.cancelAll();
		this.store.reset();
		this.client = undefined;
		this.loader = undefined;
		const settings = readSettings();
		if (this.target.kind !== 'sample') {
			const profile = this.profiles.active();
			this.target = profile ? { kind: 'profile', profile } : { kind: 'none' };
		}
		let next: ViewState;
		try {
			next = await this.connect(settings);
		} catch (error) {
			// A bad endpoint (e.g. http:// to a remote host) or unreadable secret storage: nothing is sent, and the
			// welcome view says what to fix while the error message names the cause.
			this.connectError = this.describe(error);
			this.setState('connectionError');
			reportError('connect', error, this.log, describeErrorForUser);
			return;
		}
		this.connectError = undefined;
		this.setState(next);
		if (next === 'ready') {
			await this.refresh();
		}
	}

	/** Why the last reconnect could not build a client, for the view's message. */
	get connectionError(): string | undefined {
		return this.connectError;
	}

	private async connect(settings: SettingsSnapshot): Promise<ViewState> {
		const target = this.target;
		if (target.kind === 'none') {
			return 'noCredentials';
		}
		const onRetry = (notice: RetryNotice): void => {
			this.retryNotice = { notice, until: Date.now() + notice.delayMs };
			this._onDidChange.fire();
		};
		if (target.kind === 'sample') {
			const credentials = target.emulator.credentials;
			this.client = this.clients.create(target.emulator.url, async () => credentials, settings);
			this.loader = new TaskLoader({ client: this.client, zoneId: target.emulator.zoneId, filter: this.filter, pageSize: settings.pageSize, onRetry });
			return 'ready';
		}
		const profile = target.profile;
		const credentials = await this.profiles.credentials(profile.id);
		if (!credentials) {
			return 'noCredentials';
		}
		if (!profile.zoneId) {
			return 'noZone';
		}
		const id = profile.id;
		this.client = this.clients.create(endpointFor(profile, settings), async () => {
			const current = await this.profiles.credentials(id);
			if (!current) {
				throw new Error(vscode.l10n.t('The credentials of profile "{0}" were removed.', profile.name));
			}
			return current;
		}, settings);
		this.loader = new TaskLoader({ client: this.client, zoneId: profile.zoneId, filter: this.filter, pageSize: settings.pageSize, onRetry });
		return 'ready';
	}

	private setState(state: ViewState): void {
		if (this.viewState !== state) {
			this.viewState = state;
		}
		this._onDidChange.fire();
	}

	private onProfilesChanged(profileId: string | undefined): void {
		if (this.target.kind === 'sample') {
			return;
		}
		const active = this.profiles.active();
		const current = this.target.kind === 'profile' ? this.target.profile : undefined;
		const switched = active?.id !== current?.id;
		const changedActive = profileId !== undefined && profileId === active?.id;
		const metaChanged = active && current && (active.zoneId !== current.zoneId || active.endpoint !== current.endpoint || active.site !== current.site);
		if (switched || changedActive || metaChanged || (!active && current)) {
			void this.reconnect();
		} else if (active && current) {
			this.target = { kind: 'profile', profile: active };
			this._onDidChange.fire();
		}
	}

	private budget(settings: SettingsSnapshot): (status: string) => number {
		return (status) => {
			const total = this.store.total(status) ?? 0;
			const loaded = this.store.groupState(status).loaded;
			// Small groups load whole; large ones keep what the user had loaded, at least one page.
			return total <= settings.loadAllThreshold ? Math.max(total, 1) : Math.max(loaded, settings.pageSize);
		};
	}

	private track(kind: LoadKind, signal?: AbortSignal): ActiveLoad {
		return this.loads.begin(kind, signal);
	}

	private untrack(load: ActiveLoad): void {
		const hadRetry = this.retryNotice !== undefined;
		this.retryNotice = undefined;
		load.end();
		if (hadRetry) {
			this._onDidChange.fire();
		}
	}

	/** Cancel Loading: stops every refresh, "Load more" and auto-refresh poll; the next tick polls again. */
	cancelAll(): void {
		this.loads.cancelAll();
	}

	private describe = (error: unknown): string => {
		const d = describeApiError(unwrapApiError(error), apiLanguage(readSettings().language));
		return `${d.title}: ${d.advice}`;
	};

	/** Reloads counts and the first pages; the old data stays (marked stale) if it fails. */
	async refresh(signal?: AbortSignal, onProgress?: (p: LoadProgress) => void): Promise<RefreshOutcome | undefined> {
		if (!this.loader || this.viewState === 'noCredentials' || this.viewState === 'noZone') {
			return undefined;
		}
		if (this.viewState !== 'ready') {
			this.setState('ready');
		}
		const loader = this.loader;
		const load = this.track('refresh', signal);
		const started = Date.now();
		try {
			const outcome = await vscode.window.withProgress({ location: { viewId: 'cicTasks.tasks' } }, () =>
				runRefresh({ store: this.store, loader, budget: this.budget(readSettings()), signal: load.signal, onProgress, describeError: this.describe }),
			);
			this.log.info(`Refresh ${outcome.kind} in ${Date.now() - started} ms (${this.store.size} tasks loaded)`);
			if (outcome.kind === 'failure') {
				await this.onLoadFailure(outcome.error);
			} else if (outcome.kind === 'success' && this.target.kind === 'profile' && this.target.profile.needsAttention) {
				await this.profiles.update(this.target.profile.id, { needsAttention: undefined });
			}
			return outcome;
		} finally {
			this.untrack(load);
		}
	}

	private async onLoadFailure(error: unknown): Promise<void> {
		const apiError = unwrapApiError(error);
		const code = isTencentCloudError(apiError) ? apiError.code : undefined;
		this.log.warn(`Load failed: ${this.describe(error)}`);
		if (code === 'FailedOperation.IdentityCenterNotOpen' && !this.store.hasLoaded) {
			this.setState('cicNotOpen');
		} else if (code === 'FailedOperation.ZoneIdNotExist' && !this.store.hasLoaded) {
			this.setState('zoneNotFound');
		} else if (isAuthFailure(apiError) && this.target.kind === 'profile') {
			await this.profiles.update(this.target.profile.id, { needsAttention: this.describe(error) });
		}
	}

	/** Loads more of one status group ("Load more") or all of it ("Load all"), cancellable. */
	async loadGroup(status: string, mode: 'more' | 'all', signal?: AbortSignal): Promise<void> {
		const loader = this.loader;
		if (!loader) {
			return;
		}
		const count = mode === 'all' ? 'all' : readSettings().loadAllThreshold;
		const load = this.track('loadMore', signal);
		try {
			const outcome = await vscode.window.withProgress({ location: { viewId: 'cicTasks.tasks' } }, () =>
				runLoadMore({ store: this.store, loader, status, count, signal: load.signal }),
			);
			if (outcome.kind === 'failure') {
				// The group keeps what it loaded and shows the error; the boundary tells the user what to do.
				throw outcome.error;
			}
		} finally {
			this.untrack(load);
		}
	}

	/** One auto-refresh tick: only tasks in progress are read again. */
	async poll(signal?: AbortSignal): Promise<PollOutcome | undefined> {
		const loader = this.loader;
		if (!loader || this.viewState !== 'ready' || this.store.inProgressIds().length === 0) {
			return undefined;
		}
		const load = this.track('poll', signal);
		try {
			const outcome = await runPoll({ store: this.store, loader, signal: load.signal, describeError: this.describe });
			if (outcome.kind === 'success' && outcome.needsRefresh) {
				await this.refresh(load.signal);
			} else if (outcome.kind === 'failure') {
				// The reason says what to do; the error names the listing and what went wrong with it.
				this.log.warn(`Auto-refresh failed: ${outcome.reason} (${errorMessage(outcome.error)})`);
			}
			return outcome;
		} finally {
			this.untrack(load);
		}
	}

	async setFilter(filter: TaskFilter): Promise<void> {
		const next = normalizeFilter(filter);
		if (filtersEqual(next, this.filter)) {
			return;
		}
		this.filter = next;
		this.cancelAll();
		this.store.reset();
		this.loader?.setFilter(next);
		this._onDidChange.fire();
		await this.refresh();
	}

	async enterSampleData(options: Partial<SampleEmulatorOptions> = {}): Promise<SampleEmulator> {
		await this.leaveSampleData(false);
		const module = loadEmulator(this.extensionPath);
		const emulator = await module.startEmulator({ ...SAMPLE_DEFAULTS, ...options });
		this.log.info(`Sample data: emulator listening on ${emulator.url}, zone ${emulator.zoneId}`);
		this.log.addSecret(emulator.credentials.secretKey);
		this.target = { kind: 'sample', emulator };
		this.filter = {};
		await this.reconnect();
		return emulator;
	}

	async leaveSampleData(reconnect = true): Promise<void> {
		if (this.target.kind !== 'sample') {
			return;
		}
		const emulator = this.target.emulator;
		this.target = { kind: 'none' };
		this.cancelAll();
		await emulator.close();
		this.log.info('Left sample data.');
		if (reconnect) {
			this.filter = {};
			await this.reconnect();
		}
	}

	dispose(): void {
		this.cancelAll();
		if (this.target.kind === 'sample') {
			void this.target.emulator.close();
		}
		this.store.dispose();
		for (const d of this.disposables) {
			d.dispose();
		}
	}
}
