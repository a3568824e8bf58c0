import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { errorMessage } from '../model/errorInfo';
import { parseNameSnapshot, zoneIdOfKey, type NameCacheStore, type NameSnapshot } from '../model/nameCache';

interface StorageLog {
	info(message: string): void;
	warn(message: string): void;
}

/** Every storage the extension made, so removing a profile's credentials can clear its zone's names. */
const storages = new Set<NameCacheStorage>();

/**
 * The name directory's snapshots on disk: one JSON file per zone, `globalStorageUri/names/<sha-256 of endpoint and
 * zone ID>.json`, holding names and emails only (never a key). A file that is not a valid snapshot is ignored
 * and logged, and rewritten by the next resolution. Node's fs on the storage folder's path, as the extension host
 * (local or remote) runs where that folder is.
 */
export class NameCacheStorage implements NameCacheStore {
	private readonly folder: string;
	/** Entries checked before the last clear of their zone (or of everything) are never written back. */
	private clearedAll = 0;
	private readonly clearedZones = new Map<string, number>();

	/** `globalStoragePath`: the extension's `context.globalStorageUri.fsPath`. */
	constructor(
		globalStoragePath: string,
		private readonly log: StorageLog,
		private readonly now: () => number = Date.now,
	) {
		this.folder = path.join(globalStoragePath, 'names');
		storages.add(this);
	}

	async read(zoneKey: string): Promise<NameSnapshot | undefined> {
		const file = this.fileOf(zoneKey);
		let text: string;
		try {
			text = await readFile(file, 'utf8');
		} catch (error) {
			if (!isMissing(error)) {
				this.log.warn(`Names: could not read the saved names (${file}): ${errorMessage(error)}`);
			}
			return undefined;
		}
		try {
			return parseNameSnapshot(JSON.parse(text) as unknown, zoneIdOfKey(zoneKey));
		} catch (error) {
			// The reason names the place that is wrong, never the content (which holds names and emails).
			this.log.warn(`Names: ignored the saved names in ${file}: ${error instanceof SyntaxError ? 'not valid JSON' : errorMessage(error)}.`);
			return undefined;
		}
	}

	async write(zoneKey: string, snapshot: NameSnapshot): Promise<void> {
		const cutoff = Math.max(this.clearedAll, this.clearedZones.get(snapshot.zoneId) ?? 0);
		const kept: NameSnapshot = {
			...snapshot,
			principals: snapshot.principals.filter((e) => e.checkedAt > cutoff),
			accounts: snapshot.accounts.filter((e) => e.checkedAt > cutoff),
			roleConfigurations: snapshot.roleConfigurations.filter((e) => e.checkedAt > cutoff),
		};
		if (kept.principals.length + kept.accounts.length + kept.roleConfigurations.length === 0) {
			return;
		}
		const file = this.fileOf(zoneKey);
		const partial = `${file}.partial`;
		await mkdir(this.folder, { recursive: true });
		// Written aside and renamed, so a crash mid-write leaves the previous snapshot rather than half a file.
		await writeFile(partial, JSON.stringify(kept), { encoding: 'utf8', mode: 0o600 });
		await rename(partial, file);
	}

	async clear(zoneKey?: string): Promise<void> {
		if (zoneKey === undefined) {
			this.clearedAll = this.now();
			await this.remove(this.folder);
			return;
		}
		this.clearedZones.set(zoneIdOfKey(zoneKey), this.now());
		await this.remove(this.fileOf(zoneKey));
	}

	/** Deletes the names of one zone behind every endpoint (a profile's site or endpoint may have changed since). */
	async clearZone(zoneId: string): Promise<void> {
		this.clearedZones.set(zoneId, this.now());
		let files: string[];
		try {
			files = await readdir(this.folder);
		} catch {
			return;
		}
		for (const name of files) {
			if (!name.endsWith('.json')) {
				continue;
			}
			const file = path.join(this.folder, name);
			try {
				const raw = JSON.parse(await readFile(file, 'utf8')) as { zoneId?: unknown };
				if (raw.zoneId !== zoneId) {
					continue;
				}
			} catch {
				// Unreadable: nobody can use it, and it may hold this zone's names.
			}
			await this.remove(file);
		}
		this.log.info(`Names: cleared the saved names of zone ${zoneId}.`);
	}

	dispose(): void {
		storages.delete(this);
	}

	private fileOf(zoneKey: string): string {
		return path.join(this.folder, `${createHash('sha256').update(zoneKey).digest('hex').slice(0, 32)}.json`);
	}

	private async remove(target: string): Promise<void> {
		try {
			await rm(target, { recursive: true, force: true });
		} catch (error) {
			this.log.warn(`Names: could not delete ${target}: ${errorMessage(error)}`);
		}
	}
}

function isMissing(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/**
 * The profile's credentials were removed: its zone's names (personal data) go too. Called by Remove Credentials;
 * a profile without a zone has nothing saved.
 */
export async function forgetNamesOfZone(zoneId: string | undefined): Promise<void> {
	if (zoneId) {
		await Promise.all([...storages].map((s) => s.clearZone(zoneId)));
	}
}
