import { parseNameSnapshot, zoneIdOfKey, type NameCacheStore, type NameSnapshot } from '../../../src/model/nameCache';

/** An in-memory NameCacheStore that keeps what was written as JSON text, as the file would. */
export class MemoryNameCache implements NameCacheStore {
	readonly files = new Map<string, string>();
	writes = 0;

	read(zoneKey: string): Promise<NameSnapshot | undefined> {
		const text = this.files.get(zoneKey);
		return Promise.resolve(text === undefined ? undefined : parseNameSnapshot(JSON.parse(text), zoneIdOfKey(zoneKey)));
	}

	write(zoneKey: string, snapshot: NameSnapshot): Promise<void> {
		this.writes++;
		this.files.set(zoneKey, JSON.stringify(snapshot));
		return Promise.resolve();
	}

	clear(zoneKey?: string): Promise<void> {
		if (zoneKey === undefined) {
			this.files.clear();
		} else {
			this.files.delete(zoneKey);
		}
		return Promise.resolve();
	}
}

export async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > until) {
			throw new Error('timed out waiting');
		}
		await new Promise((r) => setTimeout(r, 1));
	}
}
