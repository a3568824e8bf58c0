import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { maskSecretId, type Credentials } from '../api';
import type { Site } from './settings';

/**
 * Named credential profiles. Keys live only in SecretStorage (one entry per profile); the non-secret metadata
 * (name, site or endpoint, zone, a masked SecretId hint) lives in globalState. If SecretStorage fails (no
 * keyring on Linux, say) the error says so: nothing ever falls back to plaintext.
 */
export interface Profile {
	id: string;
	name: string;
	site: Site | 'custom';
	/** Only for site 'custom'. */
	endpoint?: string;
	zoneId?: string;
	/** The zone's ZoneName from DescribeIdentityCenter, for the view; absent until it has been asked (or if it may not be). */
	zoneName?: string;
	/** "AKID…WXYZ": enough to recognise the key, useless to an attacker. */
	secretIdHint: string;
	temporary?: boolean;
	/** Unix seconds, for temporary keys imported from tccli. */
	expiresAt?: number;
	/** Set after an AuthFailure; cleared when the profile's credentials change or a load succeeds. */
	needsAttention?: string;
}

interface ProfilesState {
	profiles: Profile[];
	activeId?: string;
}

const STATE_KEY = 'cicTasks.profiles';
const SECRET_PREFIX = 'cicTasks.credentials.';

export class SecretStorageError extends Error {
	constructor(operation: string, cause: unknown) {
		const detail = cause instanceof Error ? cause.message : String(cause);
		super(
			vscode.l10n.t(
				'VS Code could not {0} your credentials in its secret storage ({1}). On Linux this usually means no keyring (such as GNOME Keyring or KWallet) is running. CIC Tasks never stores keys in plain text; start a keyring and try again.',
				operation,
				detail,
			),
		);
		this.name = 'SecretStorageError';
	}
}

export class ProfileStore implements vscode.Disposable {
	private readonly _onDidChange = new vscode.EventEmitter<{ profileId?: string }>();
	/** Fires when profiles, the active profile, or any profile's stored credentials change (also from other windows). */
	readonly onDidChange = this._onDidChange.event;
	private readonly subscription: vscode.Disposable;

	constructor(
		private readonly state: vscode.Memento,
		private readonly secrets: vscode.SecretStorage,
	) {
		this.subscription = secrets.onDidChange((e) => {
			if (e.key.startsWith(SECRET_PREFIX)) {
				this._onDidChange.fire({ profileId: e.key.slice(SECRET_PREFIX.length) });
			}
		});
	}

	private read(): ProfilesState {
		const raw = this.state.get<ProfilesState>(STATE_KEY);
		return raw && Array.isArray(raw.profiles) ? raw : { profiles: [] };
	}

	private async write(next: ProfilesState): Promise<void> {
		await this.state.update(STATE_KEY, next);
		this._onDidChange.fire({});
	}

	list(): Profile[] {
		return this.read().profiles;
	}

	active(): Profile | undefined {
		const s = this.read();
		return s.profiles.find((p) => p.id === s.activeId);
	}

	async setActive(id: string | undefined): Promise<void> {
		await this.write({ ...this.read(), activeId: id });
	}

	async update(id: string, patch: Partial<Omit<Profile, 'id'>>): Promise<void> {
		const s = this.read();
		await this.write({ ...s, profiles: s.profiles.map((p) => (p.id === id ? { ...p, ...patch } : p)) });
	}

	/** Adds a profile (or replaces the credentials of the one with the same name) and makes it active. */
	async save(meta: Omit<Profile, 'id' | 'secretIdHint'>, credentials: Credentials): Promise<Profile> {
		const s = this.read();
		const existing = s.profiles.find((p) => p.name === meta.name);
		const profile: Profile = {
			...existing,
			...meta,
			id: existing?.id ?? randomUUID(),
			secretIdHint: maskSecretId(credentials.secretId),
			needsAttention: undefined,
		};
		await this.storeCredentials(profile.id, credentials);
		const profiles = existing ? s.profiles.map((p) => (p.id === profile.id ? profile : p)) : [...s.profiles, profile];
		await this.write({ profiles, activeId: profile.id });
		return profile;
	}

	async remove(id: string): Promise<void> {
		try {
			await this.secrets.delete(SECRET_PREFIX + id);
		} catch (error) {
			throw new SecretStorageError(vscode.l10n.t('delete'), error);
		}
		const s = this.read();
		const profiles = s.profiles.filter((p) => p.id !== id);
		await this.write({ profiles, activeId: s.activeId === id ? profiles[0]?.id : s.activeId });
	}

	async credentials(id: string): Promise<Credentials | undefined> {
		let raw: string | undefined;
		try {
			raw = await this.secrets.get(SECRET_PREFIX + id);
		} catch (error) {
			throw new SecretStorageError(vscode.l10n.t('read'), error);
		}
		if (!raw) {
			return undefined;
		}
		try {
			const parsed: unknown = JSON.parse(raw);
			if (isCredentials(parsed)) {
				return parsed;
			}
		} catch {
			// fall through: a corrupt entry is treated as missing so the user is asked to add credentials again
		}
		return undefined;
	}

	private async storeCredentials(id: string, credentials: Credentials): Promise<void> {
		const value: Credentials = credentials.token
			? { secretId: credentials.secretId, secretKey: credentials.secretKey, token: credentials.token }
			: { secretId: credentials.secretId, secretKey: credentials.secretKey };
		try {
			await this.secrets.store(SECRET_PREFIX + id, JSON.stringify(value));
		} catch (error) {
			throw new SecretStorageError(vscode.l10n.t('store'), error);
		}
	}

	dispose(): void {
		this.subscription.dispose();
		this._onDidChange.dispose();
	}
}

function isCredentials(value: unknown): value is Credentials {
	if (typeof value !== 'object' || value === null) {
		return false;
	}
	const v = value as Record<string, unknown>;
	return (
		typeof v.secretId === 'string' &&
		typeof v.secretKey === 'string' &&
		(v.token === undefined || typeof v.token === 'string')
	);
}
