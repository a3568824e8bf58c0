import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { forgetNamesOfZone, NameCacheStorage } from '../../../src/host/nameCacheStorage';
import { nameZoneKey, type NameSnapshot } from '../../../src/model/nameCache';

function snapshot(zoneId: string, checkedAt: number, name = 'Alice Wang'): NameSnapshot {
	return {
		version: 1,
		zoneId,
		savedAt: checkedAt,
		principals: [{ state: 'found', kind: 'User', id: 'u-1', userName: 'alice', displayName: name, email: 'alice@example.com', status: 'Enabled', checkedAt }],
		accounts: [{ state: 'notFound', uin: 100000000001, checkedAt }],
		roleConfigurations: [],
		totals: { users: 1 },
	};
}

describe('name cache storage (host)', () => {
	let root: string;
	let warnings: string[];
	let storage: NameCacheStorage;
	let now: number;
	const A = nameZoneKey('https://organization.tencentcloudapi.com', 'z-aaaa');
	const A2 = nameZoneKey('https://organization.intl.tencentcloudapi.com', 'z-aaaa');
	const B = nameZoneKey('https://organization.tencentcloudapi.com', 'z-bbbb');

	beforeEach(async () => {
		root = await mkdtemp(path.join(tmpdir(), 'cic-names-'));
		warnings = [];
		now = 1000;
		storage = new NameCacheStorage(root, { info: () => undefined, warn: (m) => warnings.push(m) }, () => now);
	});

	afterEach(async () => {
		storage.dispose();
		await rm(root, { recursive: true, force: true });
	});

	it('writes one file per endpoint and zone under names/, and reads it back', async () => {
		await storage.write(A, snapshot('z-aaaa', 500));
		await storage.write(A2, snapshot('z-aaaa', 500, 'Other Site'));
		const files = await readdir(path.join(root, 'names'));
		assert.equal(files.length, 2);
		assert.ok(files.every((f) => /^[0-9a-f]{32}\.json$/.test(f)), files.join(', '));
		const back = await storage.read(A);
		assert.deepEqual(back, snapshot('z-aaaa', 500));
		const other = await storage.read(A2);
		assert.equal(other?.principals[0].state === 'found' && other.principals[0].kind === 'User' && other.principals[0].displayName, 'Other Site');
		assert.equal(await storage.read(B), undefined);
		assert.deepEqual(warnings, []);
	});

	it('ignores and logs a corrupt or foreign file, without its content', async () => {
		await storage.write(A, snapshot('z-aaaa', 500));
		const [file] = await readdir(path.join(root, 'names'));
		const full = path.join(root, 'names', file);
		await writeFile(full, '{"version":1,"zoneId":"z-aaaa","savedAt":1,"principals":[{"state":"found","kind":"User","id":"u-1","userName":"Mallory Secret"}]');
		assert.equal(await storage.read(A), undefined);
		await writeFile(full, JSON.stringify({ ...snapshot('z-aaaa', 500), principals: [{ state: 'found', kind: 'User', id: 'u-1', userName: 'Mallory Secret' }] }));
		assert.equal(await storage.read(A), undefined);
		await writeFile(full, JSON.stringify(snapshot('z-bbbb', 500)));
		assert.equal(await storage.read(A), undefined);
		assert.equal(warnings.length, 3);
		assert.match(warnings[0], /not valid JSON/);
		assert.match(warnings[1], /principals\[0\]/);
		assert.match(warnings[2], /another zone/);
		assert.ok(warnings.every((w) => !w.includes('Mallory')));
	});

	it('removing credentials deletes the zone behind every endpoint, keeps other zones, and no late write brings it back', async () => {
		await storage.write(A, snapshot('z-aaaa', 500));
		await storage.write(A2, snapshot('z-aaaa', 500));
		await storage.write(B, snapshot('z-bbbb', 500));
		now = 2000;
		await forgetNamesOfZone('z-aaaa');
		assert.equal(await storage.read(A), undefined);
		assert.equal(await storage.read(A2), undefined);
		assert.ok(await storage.read(B));
		// A resolution that was still running writes what it had: entries checked before the removal stay gone.
		await storage.write(A, snapshot('z-aaaa', 1500));
		assert.equal(await storage.read(A), undefined);
		await storage.write(A, snapshot('z-aaaa', 2500));
		assert.ok(await storage.read(A), 'names checked afterwards (new credentials) are kept');
		await forgetNamesOfZone(undefined);
		assert.ok(await storage.read(A));
	});

	it('clear() removes everything', async () => {
		await storage.write(A, snapshot('z-aaaa', 500));
		await storage.write(B, snapshot('z-bbbb', 500));
		await storage.clear();
		assert.equal(await storage.read(A), undefined);
		assert.equal(await storage.read(B), undefined);
		await storage.write(B, snapshot('z-bbbb', 600));
		assert.equal(await storage.read(B), undefined, 'checked before the clear: not written back');
		await storage.write(B, snapshot('z-bbbb', 1500));
		assert.ok(await storage.read(B));
		await storage.clear(B);
		assert.equal(await storage.read(B), undefined);
	});
});
