import * as assert from 'node:assert/strict';
import { errorMessage } from '../../../src/model/errorInfo';
import { nameZoneKey } from '../../../src/model/nameCache';
import { NAME_RENEW_MIN_AGE_MS } from '../../../src/model/serviceNames';
import { TaskService, type TaskTarget } from '../../../src/model/taskService';
import { fakeAccount, FakeDirectoryClient, fakeDirectory, fakeUser, taskNaming } from './fakeDirectoryClient';
import { MemoryNameCache, waitFor } from './nameTestHelpers';

const ZONE = 'z-svcnames01';
const CREDENTIALS = { secretId: 'AKIDtest', secretKey: 'test-key' };

function target(overrides: Partial<Extract<TaskTarget<string>, { kind: 'profile' | 'sample' }>> = {}): TaskTarget<string> {
	return { kind: 'profile', label: 'default', endpoint: 'https://fake.invalid', zoneId: ZONE, credentials: () => Promise.resolve(CREDENTIALS), source: 'p1', ...overrides };
}

/** 40 tasks naming 20 users (of 150), 1 deleted user and 5 accounts. */
function tasks(): ReturnType<typeof taskNaming>[] {
	return Array.from({ length: 40 }, (_v, i) =>
		taskNaming({ user: i === 39 ? 'u-deleted' : fakeUser(i % 20).UserId, uin: fakeAccount(i % 5).MemberUin, rc: '' }, i),
	);
}

function setup(options: { now?: () => number; cache?: MemoryNameCache } = {}): { service: TaskService<string>; client: FakeDirectoryClient } {
	const client = new FakeDirectoryClient(fakeDirectory({ users: 150, accounts: 5 }), tasks());
	const service = new TaskService<string>({
		createClient: () => client,
		describeError: (error) => errorMessage(error),
		settings: () => ({ pageSize: 10, loadAllThreshold: 1000 }),
		loader: { pollThreshold: 1000 },
		nameCache: options.cache,
		names: { changeDelayMs: 0 },
		...(options.now ? { now: options.now } : {}),
	});
	return { service, client };
}

describe('task service: names', () => {
	it('resolves the names of the loaded tasks after the load, through the same client', async () => {
		const { service, client } = setup();
		const names = service.names;
		assert.equal(service.setTarget(target()).state, 'ready');
		const outcome = await service.refresh();
		assert.equal(outcome?.kind, 'success');
		await service.resolveNames();
		assert.equal(service.names, names, 'one stable object');
		const user = names.principal('User', fakeUser(3).UserId);
		assert.equal(user?.state === 'found' && user.kind === 'User' && user.userName, 'user3');
		assert.equal(names.principal('User', 'u-deleted')?.state, 'notFound');
		assert.equal(names.account(fakeAccount(2).MemberUin)?.state, 'found');
		// 21 users of 150: the probe page (100 rows), then 2 pages left for 2 IDs still unknown (u-00000..19 are on
		// the first page; u-deleted is not): one Get. Accounts: one page.
		assert.deepEqual([client.count('ListUsers'), client.count('GetUser'), client.count('DescribeOrganizationMembers')], [1, 1, 1]);
		service.dispose();
	});

	it('the first paint does not wait for names: tasks are in the store while every name request is held', async () => {
		const { service, client } = setup();
		client.hold = true;
		service.setTarget(target());
		const outcome = await service.refresh();
		assert.equal(outcome?.kind, 'success');
		assert.equal(service.store.size, 40);
		await waitFor(() => client.heldCount > 0);
		assert.equal(service.names.principal('User', fakeUser(1).UserId), undefined);
		assert.equal(service.isLoading, false, 'names never show as loading');
		client.release();
		await service.resolveNames();
		assert.equal(service.names.principal('User', fakeUser(1).UserId)?.state, 'found');
		service.dispose();
	});

	it('Cancel Loading stops a resolution: no more requests, no names written', async () => {
		const { service, client } = setup();
		service.setTarget(target());
		client.hold = true;
		await service.refresh();
		await waitFor(() => client.heldCount > 0);
		const sent = client.directoryCalls.length;
		service.cancelAll();
		client.release();
		await service.resolveNames();
		assert.equal(client.directoryCalls.length, sent);
		assert.equal(service.names.principal('User', fakeUser(1).UserId), undefined);
		// The next load resumes.
		await service.refresh();
		await service.resolveNames();
		assert.equal(service.names.principal('User', fakeUser(1).UserId)?.state, 'found');
		service.dispose();
	});

	it('Cancel Loading during a refresh: the names stop with it and do not start again until the next load', async () => {
		const { service, client } = setup();
		service.setTarget(target());
		client.latencyMs = 120;
		client.hold = true;
		const refreshing = service.refresh();
		await waitFor(() => client.heldCount > 0);
		// More tasks arrive while the names of the first ones are being asked, and the refresh is still going.
		const sizeAtNames = service.store.size;
		await waitFor(() => service.store.size > sizeAtNames);
		assert.equal(service.isReadingTasks, true);
		service.cancelAll();
		client.release();
		await refreshing;
		const sent = client.count();
		await new Promise((r) => setTimeout(r, 300));
		assert.equal(client.count(), sent, 'no name request after Cancel Loading');
		service.dispose();
	});

	it('a Refresh renews names checked more than a minute before it; one within the minute is not asked again', async () => {
		let now = 5_000_000;
		const { service, client } = setup({ now: () => now });
		service.setTarget(target());
		await service.refresh();
		await service.resolveNames();
		const first = client.count();
		now += 1000;
		await service.refresh();
		await service.resolveNames();
		assert.equal(client.count(), first, 'renewed within the minute: nothing asked');
		now += NAME_RENEW_MIN_AGE_MS;
		client.directory.users[3] = { ...client.directory.users[3], DisplayName: 'New Name' };
		await service.refresh();
		await service.resolveNames();
		assert.ok(client.count() > first);
		const user = service.names.principal('User', fakeUser(3).UserId);
		assert.equal(user?.state === 'found' && user.kind === 'User' && user.displayName, 'New Name');
		service.dispose();
	});

	it('switching to another zone swaps the directory and fires onDidChange; sample data is not persisted', async () => {
		const cache = new MemoryNameCache();
		const { service } = setup({ cache });
		let fired = 0;
		service.names.onDidChange(() => fired++);
		service.setTarget(target());
		await service.refresh();
		await service.resolveNames();
		assert.ok(cache.files.has(nameZoneKey('https://fake.invalid', ZONE)));
		assert.equal(service.names.principal('User', fakeUser(1).UserId)?.state, 'found');
		// A reconnect to the same zone (new client) keeps the names in place.
		service.setTarget(target());
		assert.equal(service.names.principal('User', fakeUser(1).UserId)?.state, 'found');
		const before = fired;
		service.setTarget(target({ zoneId: 'z-other00001' }));
		assert.ok(fired > before, 'the swap fires');
		assert.equal(service.names.principal('User', fakeUser(1).UserId), undefined, 'the other zone knows nothing yet');
		service.setTarget(target({ kind: 'sample', zoneId: 'z-sample', endpoint: 'http://127.0.0.1:1' }));
		await service.refresh();
		await service.resolveNames();
		assert.equal(service.names.principal('User', fakeUser(1).UserId)?.state, 'found');
		assert.equal(cache.files.size, 1, 'only the profile zone was written');
		// Back to the first zone: its names come from the persisted snapshot before any request.
		service.setTarget(target());
		await waitFor(() => service.names.principal('User', fakeUser(1).UserId)?.state === 'found');
		service.dispose();
	});
});
