import * as assert from 'node:assert/strict';
import { createOrganizationClient } from '../../src/api/client';
import type { TaskInfo } from '../../src/api/types';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';
import { NameDirectory } from '../../src/model/nameDirectory';

const DIRECTORY_ACTIONS = ['GetUser', 'ListUsers', 'GetGroup', 'ListGroups', 'GetRoleConfiguration', 'ListRoleConfigurations', 'DescribeOrganizationMembers'];

function directoryOf(emu: RunningEmulator, onCall?: (action: string) => void, maxRetries = 5): NameDirectory {
	const client = createOrganizationClient({
		endpoint: emu.url,
		credentials: emu.credentials,
		retry: { baseDelayMs: 5, maxDelayMs: 40, maxRetries },
	});
	const counted = new Proxy(client, {
		get(target, property, receiver) {
			const value: unknown = Reflect.get(target, property, receiver);
			return typeof value === 'function' && typeof property === 'string'
				? (...args: unknown[]) => {
					onCall?.(property);
					return (value as (...a: unknown[]) => unknown).apply(target, args);
				}
				: value;
		},
	});
	return new NameDirectory({ client: counted, zoneId: emu.zoneId, changeDelayMs: 0 });
}

function directoryRequests(emu: RunningEmulator): number {
	const byAction = emu.counters().byAction;
	return DIRECTORY_ACTIONS.reduce((sum, action) => sum + (byAction[action] ?? 0), 0);
}

/** Every ID of every task, in one comparable form: the entry without its checkedAt, or "unknown". */
function namesOf(dir: NameDirectory, tasks: readonly TaskInfo[]): Map<string, string> {
	const out = new Map<string, string>();
	const show = (entry: { checkedAt: number } | undefined): string => (entry ? JSON.stringify({ ...entry, checkedAt: 0 }) : 'unknown');
	for (const t of tasks) {
		out.set(`p:${t.PrincipalId}`, show(dir.principal(t.PrincipalType, t.PrincipalId)));
		out.set(`a:${t.TargetUin}`, show(dir.account(t.TargetUin)));
		out.set(`r:${t.RoleConfigurationId}`, show(dir.roleConfiguration(t.RoleConfigurationId)));
	}
	return out;
}

describe('name directory against the emulator', function () {
	this.timeout(60_000);

	it('names every principal, account and role configuration of the sample tasks; deleted principals are notFound', async () => {
		const emu = await startEmulator({ tasks: 600, seed: 11, deletedPrincipals: 3, directorySizes: { users: 260, groups: 40, accounts: 80 } });
		try {
			const tasks = emu.tasks();
			const directory = emu.directory();
			const dir = directoryOf(emu);
			const result = await dir.resolve(tasks);
			assert.equal(result.failed, 0);
			assert.equal(result.requests, directoryRequests(emu), 'every request counted once');
			assert.equal(emu.counters().throttled, 0);
			const deleted = new Set(directory.deletedPrincipalIds);
			assert.equal(deleted.size, 3);
			const users = new Map(directory.users.map((u) => [u.UserId, u]));
			const accounts = new Map(directory.accounts.map((a) => [a.MemberUin, a]));
			for (const t of tasks) {
				const principal = dir.principal(t.PrincipalType, t.PrincipalId);
				if (deleted.has(t.PrincipalId)) {
					assert.equal(principal?.state, 'notFound', t.PrincipalId);
				} else {
					assert.equal(principal?.state, 'found', t.PrincipalId);
					if (principal.kind === 'User') {
						assert.equal(principal.displayName, users.get(t.PrincipalId)?.DisplayName);
					}
				}
				const account = dir.account(t.TargetUin);
				assert.equal(account?.state === 'found' && account.name, accounts.get(t.TargetUin)?.Name);
				const rc = dir.roleConfiguration(t.RoleConfigurationId);
				assert.equal(rc?.state === 'found' && rc.name, t.RoleConfigurationName);
			}
			// Many unknown users: ListUsers pages (300 users at 100 a page), no GetUser beyond the deleted ones.
			const byAction = emu.counters().byAction;
			assert.equal(byAction.ListUsers, 3);
			assert.ok((byAction.GetUser ?? 0) + (byAction.GetGroup ?? 0) === 3, 'one Get per deleted principal, to confirm it');
			assert.equal(byAction.DescribeOrganizationMembers, 2, '82 accounts at 50 a page');

			const before = directoryRequests(emu);
			assert.equal((await dir.resolve(tasks)).requests, 0);
			assert.equal(directoryRequests(emu), before);
		} finally {
			await emu.close();
		}
	});

	it('with a fault mix, every ID ends found or notFound, exactly as without faults, after later resolutions', async () => {
		const options = { tasks: 300, seed: 12, deletedPrincipals: 3, directorySizes: { users: 150, groups: 30, accounts: 60 } };
		const clean = await startEmulator(options);
		const faulty = await startEmulator({ ...options, faultRate: 0.4 });
		try {
			const cleanDir = directoryOf(clean);
			await cleanDir.resolve(clean.tasks());
			const expected = namesOf(cleanDir, clean.tasks());
			assert.ok(![...expected.values()].includes('unknown'));

			// Few client retries, so some lookups fail for good: they must stay unknown (never notFound) and be
			// asked again by the next resolution that renews (a Refresh).
			const dir = directoryOf(faulty, undefined, 1);
			let rounds = 0;
			let failedOnce = false;
			for (;;) {
				const result = await dir.resolve(faulty.tasks(), { renewCheckedBefore: rounds === 0 ? undefined : Date.now() + 1 });
				rounds++;
				if (result.failed === 0 || rounds >= 30) {
					break;
				}
				failedOnce = true;
				for (const [key, value] of namesOf(dir, faulty.tasks())) {
					assert.ok(value === 'unknown' || value === expected.get(key), `${key}: a failed lookup left a wrong entry`);
				}
			}
			const counters = faulty.counters();
			assert.ok(counters.faultsInjected >= 5, `faults were injected (${counters.faultsInjected} of ${counters.requests})`);
			assert.ok(failedOnce, 'some lookups failed after the client gave up');
			assert.deepEqual(namesOf(dir, faulty.tasks()), expected);
		} finally {
			await clean.close();
			await faulty.close();
		}
	});

	it('an abort mid-resolution sends nothing more and writes nothing', async () => {
		const emu = await startEmulator({ tasks: 400, seed: 13, latencyMs: 150, directorySizes: { users: 400, groups: 10, accounts: 200 } });
		try {
			let calls = 0;
			const dir = directoryOf(emu, () => calls++);
			const controller = new AbortController();
			let changes = 0;
			dir.onDidChange(() => changes++);
			const pending = dir.resolve(emu.tasks(), { signal: controller.signal });
			await new Promise((r) => setTimeout(r, 60));
			assert.ok(calls > 0, 'requests were under way');
			controller.abort();
			const callsAtAbort = calls;
			const result = await pending;
			assert.equal(result.cancelled, true);
			await new Promise((r) => setTimeout(r, 400));
			assert.equal(calls, callsAtAbort, 'no call after the abort');
			// What was on the wire may still have reached the server, and nothing more (no retry either).
			assert.ok(emu.requestLog().length <= callsAtAbort, `${emu.requestLog().length} requests for ${callsAtAbort} calls`);
			const t = emu.tasks()[0];
			assert.equal(dir.principal(t.PrincipalType, t.PrincipalId), undefined);
			assert.equal(dir.account(t.TargetUin), undefined);
			assert.equal(changes, 0);
		} finally {
			await emu.close();
		}
	});
});
