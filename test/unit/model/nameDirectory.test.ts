import * as assert from 'node:assert/strict';
import { TencentCloudError } from '../../../src/api/errors';
import { nameZoneKey, parseNameSnapshot } from '../../../src/model/nameCache';
import { NameDirectory, type NameDirectoryOptions } from '../../../src/model/nameDirectory';
import { planLookup } from '../../../src/model/nameResolver';
import type { Timers } from '../../../src/model/poller';
import { fakeAccount, FakeDirectoryClient, fakeDirectory, fakeUser, taskNaming } from './fakeDirectoryClient';
import { MemoryNameCache, waitFor } from './nameTestHelpers';

const ZONE = 'z-names0001';
const KEY = nameZoneKey('https://fake.invalid', ZONE);

/** Timers that fire only when told to: for counting onDidChange. */
class ManualTimers implements Timers {
	private readonly pending = new Map<number, () => void>();
	private next = 1;

	setTimeout(callback: () => void): unknown {
		const id = this.next++;
		this.pending.set(id, callback);
		return id;
	}

	clearTimeout(handle: unknown): void {
		this.pending.delete(handle as number);
	}

	get size(): number {
		return this.pending.size;
	}

	flush(): void {
		for (const [id, callback] of [...this.pending]) {
			this.pending.delete(id);
			callback();
		}
	}
}

function directoryFor(client: FakeDirectoryClient, options: Partial<NameDirectoryOptions> = {}): NameDirectory {
	return new NameDirectory({ client, zoneId: ZONE, changeDelayMs: 0, ...options });
}

const users = (ids: number[]) => ids.map((i, n) => taskNaming({ user: fakeUser(i).UserId }, n));

describe('name directory: batching rule', () => {
	it('Gets a few IDs, lists many, probes the first page when the total is unknown', () => {
		assert.equal(planLookup(0, undefined, 100), 'none');
		assert.equal(planLookup(1, undefined, 100), 'get');
		assert.equal(planLookup(2, undefined, 100), 'probe');
		assert.equal(planLookup(3, 250, 100), 'get');
		assert.equal(planLookup(4, 250, 100), 'list');
		assert.equal(planLookup(2, 250, 100, 2), 'get');
		assert.equal(planLookup(3, 250, 100, 2), 'list');
		assert.equal(planLookup(5, 0, 100), 'get');
	});

	it('one unknown user: one GetUser, no listing', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ users: 250 }));
		const dir = directoryFor(client);
		const result = await dir.resolve(users([7]));
		assert.deepEqual([client.count('GetUser'), client.count('ListUsers')], [1, 0]);
		assert.equal(result.requests, 1);
		const entry = dir.principal('User', fakeUser(7).UserId);
		assert.equal(entry?.state === 'found' && entry.kind === 'User' && entry.displayName, 'User 7');
	});

	it('a few unknown users beyond the first page: the probe page, then one GetUser each', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ users: 250 }));
		const dir = directoryFor(client);
		await dir.resolve(users([200, 210]));
		// ⌈250/100⌉ = 3 pages; after the first, 2 remain for 2 IDs: Gets (2) are no dearer than pages (2).
		assert.deepEqual([client.count('ListUsers'), client.count('GetUser')], [1, 2]);
		assert.equal(dir.principal('User', fakeUser(210).UserId)?.state, 'found');
		// The probe named the whole first page too.
		assert.equal(dir.principal('User', fakeUser(5).UserId)?.state, 'found');
	});

	it('many unknown users: every page of ListUsers, no Get', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ users: 250 }));
		const dir = directoryFor(client);
		await dir.resolve(users(Array.from({ length: 250 }, (_v, i) => i)));
		assert.deepEqual([client.count('ListUsers'), client.count('GetUser')], [3, 0]);
		assert.deepEqual(
			client.directoryCalls.map((c) => (c.request as { MaxResults?: number; NextToken?: string })),
			[{ ZoneId: ZONE, MaxResults: 100 }, { ZoneId: ZONE, MaxResults: 100, NextToken: '100' }, { ZoneId: ZONE, MaxResults: 100, NextToken: '200' }],
		);
	});

	it('stops a ListUsers chain that hands back a token it handed out before, and Gets the rest', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ users: 250 }));
		const listUsers = client.listUsers.bind(client);
		// Every page after the first says "more, from 100": the same token again and again.
		client.listUsers = async (request, options) => ({ ...(await listUsers({ ...request, NextToken: request.NextToken === undefined ? undefined : '100' }, options)), IsTruncated: true, NextToken: '100' });
		const dir = directoryFor(client);
		const wanted = Array.from({ length: 250 }, (_v, i) => i);
		await dir.resolve(users(wanted));
		assert.equal(client.count('ListUsers'), 2, 'the second page handed back the first page\'s token: no third page');
		assert.equal(client.count('GetUser'), 50, 'the users no page brought are asked one by one');
		assert.ok(wanted.every((i) => dir.principal('User', fakeUser(i).UserId)?.state === 'found'));
	});

	it('with the total known from an earlier listing, a few new IDs are Gets and many are a listing', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ users: 250 }));
		const dir = directoryFor(client);
		await dir.resolve(users(Array.from({ length: 120 }, (_v, i) => i)));
		assert.deepEqual([client.count('ListUsers'), client.count('GetUser')], [3, 0]);
		client.directory.users.push(fakeUser(300), fakeUser(301), fakeUser(302), fakeUser(303));
		await dir.resolve(users([300, 301, 302]));
		assert.deepEqual([client.count('ListUsers'), client.count('GetUser')], [3, 3], '3 IDs ≤ 3 pages: Gets');
		client.directory.users.push(...Array.from({ length: 10 }, (_v, i) => fakeUser(400 + i)));
		await dir.resolve(users([303, ...Array.from({ length: 10 }, (_v, i) => 400 + i)]));
		assert.deepEqual([client.count('ListUsers'), client.count('GetUser')], [6, 3], '11 IDs > 3 pages: the list again');
	});

	it('groups, role configurations and accounts each follow their own list', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ groups: 30, roleConfigurations: 12, accounts: 120 }));
		const dir = directoryFor(client);
		const tasks = Array.from({ length: 30 }, (_v, i) =>
			taskNaming({ group: `g-${String(i).padStart(5, '0')}`, rc: `rc-${String(i % 12).padStart(5, '0')}`, uin: fakeAccount(i * 4).MemberUin }, i),
		);
		await dir.resolve(tasks);
		assert.deepEqual(
			[client.count('ListGroups'), client.count('GetGroup'), client.count('ListRoleConfigurations'), client.count('GetRoleConfiguration'), client.count('DescribeOrganizationMembers')],
			[1, 0, 1, 0, 3],
		);
		const offsets = client.directoryCalls.filter((c) => c.action === 'DescribeOrganizationMembers').map((c) => c.request as { Offset: number; Limit: number });
		assert.deepEqual(offsets.map((o) => [o.Offset, o.Limit]).sort((a, b) => a[0] - b[0]), [[0, 50], [50, 50], [100, 50]]);
		const account = dir.account(fakeAccount(8).MemberUin);
		assert.equal(account?.state === 'found' && account.name, 'Account 8');
		const rc = dir.roleConfiguration('rc-00003');
		assert.equal(rc?.state === 'found' && rc.sessionDuration, 3600);
		const group = dir.principal('Group', 'g-00002');
		assert.equal(group?.state === 'found' && group.kind === 'Group' && group.memberCount, 2);
		// A type other than User or Group is never looked up.
		assert.equal(dir.principal('Other', 'g-00002'), undefined);
	});
});

describe('name directory: caching', () => {
	it('a second resolution of the same tasks sends no request', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ users: 50, accounts: 10, roleConfigurations: 3 }));
		const dir = directoryFor(client);
		const tasks = [taskNaming({ user: 'u-00001', uin: fakeAccount(1).MemberUin, rc: 'rc-00001' }), ...users([2, 3, 4])];
		await dir.resolve(tasks);
		const sent = client.directoryCalls.length;
		assert.ok(sent > 0);
		const again = await dir.resolve(tasks);
		assert.equal(client.directoryCalls.length, sent);
		assert.equal(again.requests, 0);
	});

	it('overlapping resolutions do not ask for the same IDs twice', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ users: 5, accounts: 3 }));
		const dir = directoryFor(client);
		const tasks = [...users([1]), taskNaming({ uin: fakeAccount(1).MemberUin }, 7)];
		client.hold = true;
		const first = dir.resolve(tasks);
		await waitFor(() => client.heldCount === 2);
		const second = await dir.resolve(tasks);
		assert.equal(second.requests, 0);
		client.release();
		await first;
		assert.deepEqual([client.count('GetUser'), client.count('DescribeOrganizationMembers')], [1, 1]);
	});

	it('persists a snapshot that a new directory reads back, then resolves with no request', async () => {
		const cache = new MemoryNameCache();
		const client = new FakeDirectoryClient(fakeDirectory({ users: 50, accounts: 10 }));
		const tasks = [taskNaming({ user: 'u-00001', uin: fakeAccount(3).MemberUin }), taskNaming({ uin: 999 }, 1)];
		await directoryFor(client, { cache: { store: cache, key: KEY } }).resolve(tasks);
		assert.equal(cache.writes, 1);
		const saved = await cache.read(KEY);
		assert.equal(saved?.zoneId, ZONE);
		assert.equal(JSON.stringify(saved).includes('SecretKey'), false);

		const fresh = new FakeDirectoryClient(fakeDirectory({}));
		const dir = directoryFor(fresh, { cache: { store: cache, key: KEY } });
		await dir.restore();
		assert.equal(dir.principal('User', 'u-00001')?.state, 'found');
		assert.equal(dir.account(999)?.state, 'notFound');
		await dir.resolve(tasks);
		assert.equal(fresh.directoryCalls.length, 0);
	});

	it('re-resolves entries older than the maximum age, showing the old name until the answer', async () => {
		let now = 1_000_000;
		const cache = new MemoryNameCache();
		const client = new FakeDirectoryClient(fakeDirectory({ users: 5 }));
		const dir = directoryFor(client, { cache: { store: cache, key: KEY }, now: () => now, maxAgeMs: 10_000 });
		await dir.resolve(users([1]));
		assert.equal(client.count('GetUser'), 1);
		now += 5_000;
		await dir.resolve(users([1]));
		assert.equal(client.count('GetUser'), 1, 'younger than the maximum age: not asked');
		now += 6_000;
		client.directory.users[1] = { ...client.directory.users[1], DisplayName: 'Renamed' };
		client.hold = true;
		const pending = dir.resolve(users([1]));
		await waitFor(() => client.heldCount === 1);
		const old = dir.principal('User', 'u-00001');
		assert.equal(old?.state === 'found' && old.kind === 'User' && old.displayName, 'User 1');
		client.release();
		await pending;
		const renewed = dir.principal('User', 'u-00001');
		assert.equal(renewed?.state === 'found' && renewed.kind === 'User' && renewed.displayName, 'Renamed');
		assert.equal(renewed?.checkedAt, now);
	});

	it('renewCheckedBefore asks again for what was checked before it', async () => {
		let now = 1_000_000;
		const client = new FakeDirectoryClient(fakeDirectory({ users: 5 }));
		const dir = directoryFor(client, { now: () => now });
		await dir.resolve(users([1, 2]));
		const first = client.directoryCalls.length;
		now += 100;
		await dir.resolve(users([1, 2]), { renewCheckedBefore: now - 1000 });
		assert.equal(client.directoryCalls.length, first, 'checked after the cut: not asked');
		await dir.resolve(users([1, 2]), { renewCheckedBefore: now });
		assert.ok(client.directoryCalls.length > first);
	});

	it('keeps zones apart: another zone key reads nothing of this one', async () => {
		const cache = new MemoryNameCache();
		const client = new FakeDirectoryClient(fakeDirectory({ users: 5 }));
		await directoryFor(client, { cache: { store: cache, key: KEY } }).resolve(users([1]));
		const otherKey = nameZoneKey('https://fake.invalid', 'z-names0002');
		const other = new NameDirectory({ client: new FakeDirectoryClient(fakeDirectory({})), zoneId: 'z-names0002', cache: { store: cache, key: otherKey }, changeDelayMs: 0 });
		await other.restore();
		assert.equal(other.principal('User', 'u-00001'), undefined);
		const sameZoneOtherEndpoint = nameZoneKey('https://other.invalid', ZONE);
		assert.notEqual(sameZoneOtherEndpoint, KEY);
		assert.equal(await cache.read(sameZoneOtherEndpoint), undefined);
		// A snapshot of another zone under this key is refused.
		assert.throws(() => parseNameSnapshot(JSON.parse(cache.files.get(KEY) ?? '{}'), 'z-names0002'), /another zone/);
	});

	it('refuses a corrupt snapshot, naming the place and not the content', () => {
		const good = { version: 1, zoneId: ZONE, savedAt: 1, principals: [], accounts: [], roleConfigurations: [], totals: {} };
		assert.equal(parseNameSnapshot(good, ZONE).zoneId, ZONE);
		assert.throws(() => parseNameSnapshot([], ZONE), /not a JSON object/);
		assert.throws(() => parseNameSnapshot({ ...good, version: 2 }, ZONE), /version/);
		assert.throws(() => parseNameSnapshot({ ...good, principals: [{ state: 'found', kind: 'User', id: 'u-1', checkedAt: 1, userName: 'secret-name' }] }, ZONE), (e: Error) =>
			/principals\[0\]/.test(e.message) && !e.message.includes('secret-name'),
		);
		assert.throws(() => parseNameSnapshot({ ...good, totals: { users: -1 } }, ZONE), /totals\.users/);
	});
});

describe('name directory: not found and failures', () => {
	it('deleted principals and role configurations become notFound by their Get error codes', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ users: 3, groups: 2, roleConfigurations: 2 }));
		const dir = directoryFor(client);
		await dir.resolve([taskNaming({ user: 'u-gone' }), taskNaming({ group: 'g-gone' }, 1), taskNaming({ rc: 'rc-gone' }, 2)]);
		assert.deepEqual([dir.principal('User', 'u-gone')?.state, dir.principal('Group', 'g-gone')?.state, dir.roleConfiguration('rc-gone')?.state], ['notFound', 'notFound', 'notFound']);
		assert.deepEqual([client.count('GetUser'), client.count('GetGroup'), client.count('GetRoleConfiguration')], [1, 1, 1]);
	});

	it('an ID missing from a whole listing is confirmed with a Get before it is notFound', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ users: 20 }));
		const dir = directoryFor(client);
		await dir.resolve([...users([1, 2, 3]), taskNaming({ user: 'u-deleted' }, 9)]);
		assert.deepEqual([client.count('ListUsers'), client.count('GetUser')], [1, 1]);
		assert.deepEqual((client.directoryCalls.find((c) => c.action === 'GetUser')?.request as { UserId: string }).UserId, 'u-deleted');
		assert.equal(dir.principal('User', 'u-deleted')?.state, 'notFound');
	});

	it('an account missing from the whole member list is notFound; a failed page leaves it unknown', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ accounts: 70 }));
		client.failWith = (action, request) => (action === 'DescribeOrganizationMembers' && (request as { Offset: number }).Offset === 50 ? new TencentCloudError('InternalError', 'boom') : undefined);
		const warnings: string[] = [];
		const dir = directoryFor(client, { log: { info: () => undefined, warn: (m) => warnings.push(m) } });
		const tasks = [taskNaming({ uin: fakeAccount(1).MemberUin }), taskNaming({ uin: 42 }, 1)];
		await dir.resolve(tasks);
		assert.equal(dir.account(fakeAccount(1).MemberUin)?.state, 'found');
		assert.equal(dir.account(42), undefined, 'the list was not read whole');
		assert.equal(warnings.length, 1);
		client.failWith = undefined;
		await dir.resolve(tasks, { renewCheckedBefore: Date.now() + 1 });
		assert.equal(dir.account(42)?.state, 'notFound');
	});

	it('a manager account missing from the whole member list is unlisted, never notFound, and is not asked again at once', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ accounts: 70 }));
		const infos: string[] = [];
		const dir = directoryFor(client, { log: { info: (m) => infos.push(m), warn: () => undefined } });
		const manager = (uin: number, n: number) => ({ ...taskNaming({ uin }, n), TargetType: 'ManagerUin' });
		// 43 is named both ways: once a manager account, never called deleted.
		const tasks = [manager(41, 0), taskNaming({ uin: 42 }, 1), taskNaming({ uin: 43 }, 2), manager(43, 3), manager(fakeAccount(2).MemberUin, 4)];
		const result = await dir.resolve(tasks);
		assert.deepEqual([41, 42, 43].map((uin) => dir.account(uin)?.state), ['unlisted', 'notFound', 'unlisted']);
		assert.equal(dir.account(fakeAccount(2).MemberUin)?.state, 'found', 'a listed manager account has its name');
		assert.deepEqual([result.notFound, result.unlisted], [1, 2]);
		assert.equal(client.count('DescribeOrganizationMembers'), 2);
		assert.equal((await dir.resolve(tasks)).requests, 0, 'an unlisted account is an answer, kept like any other');
		const snapshot = parseNameSnapshot(JSON.parse(JSON.stringify(dir.snapshot())), ZONE);
		assert.deepEqual(snapshot.accounts.filter((a) => a.state === 'unlisted').map((a) => a.uin).sort(), [41, 43], 'the cache keeps it');
	});

	it('an account called not found before a task named it as a manager account becomes unlisted, with no request', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ accounts: 70 }));
		const cache = new MemoryNameCache();
		const dir = directoryFor(client, { cache: { store: cache, key: KEY } });
		await dir.resolve([taskNaming({ uin: 41 })]);
		assert.equal(dir.account(41)?.state, 'notFound', 'only a member task named it');
		const checkedAt = dir.account(41)?.checkedAt;
		const requests = client.directoryCalls.length;
		const later = await dir.resolve([taskNaming({ uin: 41 }), { ...taskNaming({ uin: 41 }, 1), TargetType: 'ManagerUin' }]);
		assert.deepEqual(dir.account(41), { state: 'unlisted', uin: 41, checkedAt });
		assert.deepEqual([later.requests, later.unlisted, client.directoryCalls.length], [0, 1, requests]);
		// An older version's cache holds notFound for the manager account: read back, it is unlisted at the first run.
		const older = JSON.parse(cache.files.get(KEY) ?? '{}') as { accounts: { uin: number; state: string }[] };
		older.accounts = older.accounts.map((a) => (a.uin === 41 ? { ...a, state: 'notFound' } : a));
		cache.files.set(KEY, JSON.stringify(older));
		const restored = directoryFor(new FakeDirectoryClient(fakeDirectory({ accounts: 70 })), { cache: { store: cache, key: KEY } });
		await restored.resolve([{ ...taskNaming({ uin: 41 }), TargetType: 'ManagerUin' }]);
		assert.equal(restored.account(41)?.state, 'unlisted');
	});

	it('a failed list page leaves its IDs unknown (not notFound), counted as failed, and a Refresh lists again', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ users: 250 }));
		client.failWith = (action, request) => (action === 'ListUsers' && (request as { NextToken?: string }).NextToken === '100' ? new TencentCloudError('InternalError', 'boom') : undefined);
		const dir = directoryFor(client);
		const tasks = users(Array.from({ length: 250 }, (_v, i) => i));
		const result = await dir.resolve(tasks);
		assert.equal(result.failed, 1);
		assert.equal(dir.principal('User', fakeUser(1).UserId)?.state, 'found', 'the first page was read');
		assert.equal(dir.principal('User', fakeUser(150).UserId), undefined);
		assert.equal(client.count('GetUser'), 0, 'no Get for what the failed listing would have named');
		client.failWith = undefined;
		assert.equal((await dir.resolve(tasks)).requests, 0, 'not asked again at once');
		await dir.resolve(tasks, { renewCheckedBefore: Date.now() + 1 });
		assert.equal(dir.principal('User', fakeUser(150).UserId)?.state, 'found');
	});

	it('other Get errors leave the ID unknown, log once per batch, never throw, and are not re-asked at once', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ users: 5 }));
		client.failWith = (action) => (action === 'GetUser' ? new TencentCloudError('UnauthorizedOperation', 'no permission') : undefined);
		const warnings: string[] = [];
		const dir = directoryFor(client, { log: { info: () => undefined, warn: (m) => warnings.push(m) } });
		const result = await dir.resolve(users([1]).concat(taskNaming({ group: 'g-x' }, 5)));
		assert.equal(dir.principal('User', 'u-00001'), undefined);
		assert.equal(result.failed, 1);
		assert.equal(warnings.length, 1);
		assert.match(warnings[0], /GetUser UnauthorizedOperation/);
		const before = client.count('GetUser');
		await dir.resolve(users([1]));
		assert.equal(client.count('GetUser'), before, 'a failure waits before it is asked again');
		await dir.resolve(users([1]), { renewCheckedBefore: Date.now() + 1 });
		assert.equal(client.count('GetUser'), before + 1, 'a Refresh asks again');
	});
});

describe('name directory: cancellation and change events', () => {
	it('abort mid-resolution: no further request, nothing written, no event', async () => {
		const cache = new MemoryNameCache();
		const client = new FakeDirectoryClient(fakeDirectory({ users: 250, accounts: 120 }));
		const timers = new ManualTimers();
		const dir = new NameDirectory({ client, zoneId: ZONE, cache: { store: cache, key: KEY }, timers });
		let fired = 0;
		dir.onDidChange(() => fired++);
		const controller = new AbortController();
		client.hold = true;
		// The answers in flight still arrive after the abort, as a response already on its way would.
		client.ignoreAbort = true;
		const pending = dir.resolve(users(Array.from({ length: 250 }, (_v, i) => i)).concat(taskNaming({ uin: fakeAccount(0).MemberUin }, 999)), { signal: controller.signal });
		await waitFor(() => client.heldCount === 2);
		const sent = client.directoryCalls.length;
		controller.abort();
		client.release();
		const result = await pending;
		assert.equal(result.cancelled, true);
		assert.equal(client.directoryCalls.length, sent, 'no request after the abort');
		assert.equal(dir.principal('User', 'u-00000'), undefined);
		assert.equal(dir.account(fakeAccount(0).MemberUin), undefined);
		assert.equal(cache.writes, 0);
		timers.flush();
		assert.equal(fired, 0);
	});

	it('coalesces a burst of answers into one onDidChange', async () => {
		const client = new FakeDirectoryClient(fakeDirectory({ users: 250, groups: 20, accounts: 60 }));
		const timers = new ManualTimers();
		const dir = new NameDirectory({ client, zoneId: ZONE, timers });
		let fired = 0;
		dir.onDidChange(() => fired++);
		await dir.resolve(users(Array.from({ length: 250 }, (_v, i) => i)).concat(taskNaming({ group: 'g-00001', uin: fakeAccount(55).MemberUin }, 900)));
		assert.equal(timers.size, 1, 'one pending change for hundreds of entries');
		timers.flush();
		assert.equal(fired, 1);
		dir.dispose();
	});
});
