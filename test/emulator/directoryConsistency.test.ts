import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrganizationClient } from '../../src/api/client';
import type { TaskInfo } from '../../src/api/types';
import { parseCliArgs, usage } from '../../src/emulator/cliArgs';
import { loadFixture, parseFixtureDocument } from '../../src/emulator/fixture';
import { FixtureError, startEmulator } from '../../src/emulator/index';
import { makeTask } from '../fixtures/tasks';
import { allPages, hostileNames, withCode } from './directoryHelpers';

/** The directory agrees with the tasks it sits beside, and fixtures carry any name through verbatim. */

const FAST = { requestsPerSecond: Object.fromEntries(['ListUsers', 'ListGroups', 'GetUser', 'GetGroup', 'DescribeOrganizationMembers', 'ListRoleAssignments'].map((a) => [a, Infinity])) };

describe('directory consistency with the sample tasks', function () {
	this.timeout(60_000);

	for (const seed of [1, 2, 3, 42]) {
		it(`seed ${seed}: every task's principal and account resolves, except the few deliberately deleted`, async () => {
			const emu = await startEmulator({ tasks: 2000, seed, ...FAST });
			try {
				const client = createOrganizationClient({ endpoint: emu.url, credentials: emu.credentials, requestsPerSecond: 10_000 });
				const z = emu.zoneId;
				const users = (await allPages((t) => client.listUsers({ ZoneId: z, MaxResults: 100, NextToken: t }))).flatMap((p) => p.Users);
				const groups = (await allPages((t) => client.listGroups({ ZoneId: z, MaxResults: 100, NextToken: t }))).flatMap((p) => p.Groups);
				const accounts = (await client.describeOrganizationMembers({ Offset: 0, Limit: 50 })).Items;
				const more = await client.describeOrganizationMembers({ Offset: 50, Limit: 50 });
				accounts.push(...more.Items);
				const known = new Set([...users.map((u) => u.UserId), ...groups.map((g) => g.GroupId)]);
				const uins = new Set(accounts.map((a) => a.MemberUin));
				const { deletedPrincipalIds } = emu.directory();
				assert.ok(deletedPrincipalIds.length >= 2 && deletedPrincipalIds.length <= 3, `${deletedPrincipalIds.length} deleted`);
				const tasks = emu.tasks();
				const unresolved = [...new Set(tasks.map((t) => t.PrincipalId))].filter((id) => !known.has(id)).sort();
				assert.deepEqual(unresolved, [...deletedPrincipalIds].sort(), 'only the deleted principals are missing');
				for (const id of deletedPrincipalIds) {
					assert.ok(tasks.some((t) => t.PrincipalId === id), 'a deleted principal is one that tasks name');
					const call = id.startsWith('u-') ? client.getUser({ ZoneId: z, UserId: id }) : client.getGroup({ ZoneId: z, GroupId: id });
					await assert.rejects(call, withCode(id.startsWith('u-') ? 'ResourceNotFound.UserNotExist' : 'InvalidParameter.GroupNotExist'));
				}
				assert.deepEqual(tasks.filter((t) => !uins.has(t.TargetUin)), [], 'every TargetUin is an account');
				for (const u of users) {
					assert.ok(u.UserName && u.DisplayName && /^[^@\s]+@example\.(com|cn)$/.test(u.Email), 'realistic users');
				}
				assert.equal(new Set(users.map((u) => u.Email)).size, users.length, 'emails are unique');
				assert.ok(users.some((u) => /[\u4e00-\u9fff]/.test(u.DisplayName)), 'some Chinese names');
				assert.ok(users.some((u) => /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(u.DisplayName)), 'some English names');
				assert.ok(accounts.every((a) => a.Name !== ''));
			} finally {
				await emu.close();
			}
		});
	}

	it('is deterministic per seed', async () => {
		const [a, b] = await Promise.all([startEmulator({ tasks: 300, seed: 9 }), startEmulator({ tasks: 300, seed: 9 })]);
		const c = await startEmulator({ tasks: 300, seed: 10 });
		try {
			assert.deepEqual(a.directory(), b.directory());
			assert.notDeepEqual(a.directory().users, c.directory().users);
		} finally {
			await Promise.all([a.close(), b.close(), c.close()]);
		}
	});

	it('role assignments follow the task statuses: a succeeded create exists, a failed one (mostly) does not', async () => {
		const emu = await startEmulator({ tasks: 3000, seed: 4, ...FAST });
		try {
			const client = createOrganizationClient({ endpoint: emu.url, credentials: emu.credentials, requestsPerSecond: 10_000 });
			const rows = (await allPages((t) => client.listRoleAssignments({ ZoneId: emu.zoneId, MaxResults: 100, NextToken: t }))).flatMap((p) => p.RoleAssignments);
			const exists = new Set(rows.map((a) => `${a.RoleConfigurationId}/${a.TargetUin}/${a.PrincipalId}`));
			const key = (t: TaskInfo): string => `${t.RoleConfigurationId}/${t.TargetUin}/${t.PrincipalId}`;
			const tasks = emu.tasks();
			const deleted = new Set(emu.directory().deletedPrincipalIds);
			const last = new Map<string, TaskInfo>();
			for (const t of tasks) {
				if ((t.TaskType === 'CreateRoleAssignment' || t.TaskType === 'DeleteRoleAssignment') && t.Status === 'Success') {
					last.set(key(t), t);
				}
			}
			let succeeded = 0;
			for (const [k, t] of last) {
				if (!deleted.has(t.PrincipalId)) {
					assert.equal(exists.has(k), t.TaskType === 'CreateRoleAssignment', `${t.TaskType} ${t.TaskId}`);
					succeeded += t.TaskType === 'CreateRoleAssignment' ? 1 : 0;
				}
			}
			const failedCreates = tasks.filter((t) => t.TaskType === 'CreateRoleAssignment' && t.Status === 'Failed');
			const failedPresent = failedCreates.filter((t) => exists.has(key(t))).length;
			assert.ok(failedCreates.length > 20 && failedPresent / failedCreates.length < 0.25, `${failedPresent} of ${failedCreates.length} failed creates exist`);
			assert.equal(rows.length, succeeded, 'nothing else exists');
			// A task that finishes changes the directory at once.
			const pending = tasks.find((t) => t.TaskType === 'CreateRoleAssignment' && t.Status === 'InProgress' && !deleted.has(t.PrincipalId) && !exists.has(key(t)));
			assert.ok(pending);
			emu.setTaskStatus(pending.TaskId, 'Success');
			const now = await client.listRoleAssignments({ ZoneId: emu.zoneId, RoleConfigurationId: pending.RoleConfigurationId, TargetUin: pending.TargetUin, PrincipalId: pending.PrincipalId });
			assert.equal(now.TotalCounts, 1);
		} finally {
			await emu.close();
		}
	});
});

describe('directory fixtures and flags', () => {
	let dir: string;
	before(() => {
		dir = mkdtempSync(join(tmpdir(), 'cic-dir-'));
	});
	after(() => rmSync(dir, { recursive: true, force: true }));

	it('round-trips hostile names verbatim through every name field', async () => {
		const names = hostileNames();
		const tasks = names.map((_n, i) => makeTask(`t-${i}`, { PrincipalId: `u-${i}`, PrincipalType: 'User', TargetUin: 100_000_000_000 + i, RoleConfigurationId: `rc-${i}`, RoleConfigurationName: names[i] }));
		tasks.push(makeTask('t-group', { PrincipalId: 'g-0', PrincipalType: 'Group', TargetUin: 100_000_000_000 }));
		const fixture = {
			zoneName: names[0],
			tasks,
			users: names.map((n, i) => ({ UserId: `u-${i}`, UserName: n, DisplayName: n, FirstName: n, LastName: n, Email: n, Description: n })),
			groups: names.map((n, i) => ({ GroupId: `g-${i}`, GroupName: n, Description: n, Members: [`u-${i}`] })),
			accounts: names.map((n, i) => ({ MemberUin: 100_000_000_000 + i, Name: n, NodeName: n, Remark: n, NickName: n })),
			roleConfigurations: names.map((n, i) => ({ RoleConfigurationId: `rc-${i}`, RoleConfigurationName: n, Description: n, RelayState: n })),
		};
		const file = join(dir, 'hostile.json');
		writeFileSync(file, JSON.stringify(fixture));
		const emu = await startEmulator({ fixture: file, ...FAST, requestsPerSecond: { ...FAST.requestsPerSecond, GetRoleConfiguration: Infinity, DescribeIdentityCenter: Infinity } });
		try {
			const client = createOrganizationClient({ endpoint: emu.url, credentials: emu.credentials, requestsPerSecond: 10_000 });
			const z = emu.zoneId;
			assert.equal((await client.describeIdentityCenter()).ZoneName, names[0]);
			for (const [i, n] of names.entries()) {
				const u = (await client.getUser({ ZoneId: z, UserId: `u-${i}` })).UserInfo;
				assert.deepEqual([u.UserName, u.DisplayName, u.FirstName, u.LastName, u.Email, u.Description], [n, n, n, n, n, n], `user ${i}`);
				const g = (await client.getGroup({ ZoneId: z, GroupId: `g-${i}` })).GroupInfo;
				assert.deepEqual([g.GroupName, g.Description, g.MemberCount], [n, n, 1], `group ${i}`);
				const rc = (await client.getRoleConfiguration({ ZoneId: z, RoleConfigurationId: `rc-${i}` })).RoleConfigurationInfo;
				assert.deepEqual([rc.RoleConfigurationName, rc.Description, rc.RelayState], [n, n, n], `configuration ${i}`);
			}
			const members = [...(await client.describeOrganizationMembers({ Offset: 0, Limit: 50 })).Items];
			assert.deepEqual(members.map((m) => [m.Name, m.NodeName, m.Remark, m.NickName]), names.map((n) => [n, n, n, n]));
			const listed = (await allPages((t) => client.listUsers({ ZoneId: z, MaxResults: 100, NextToken: t }))).flatMap((p) => p.Users);
			assert.deepEqual(new Set(listed.map((u) => u.UserName)), new Set(names));
			const assignments = (await client.listRoleAssignments({ ZoneId: z, MaxResults: 100 })).RoleAssignments;
			assert.ok(assignments.length > 0 && assignments.every((a) => a.PrincipalName === names[Number(a.PrincipalId.slice(2))] && a.TargetName === names[a.TargetUin - 100_000_000_000]));
		} finally {
			await emu.close();
		}
	});

	it('generates what a fixture leaves out, and leaves out nothing else', async () => {
		const tasks = [makeTask('t-1', { PrincipalId: 'u-a', PrincipalType: 'User', TargetUin: 123_456_789_012 }), makeTask('t-2', { PrincipalId: 'g-b', PrincipalType: 'Group' })];
		const generated = await startEmulator({ fixture: tasks });
		const partial = await startEmulator({ fixture: { tasks, users: [{ UserId: 'u-other', UserName: 'other' }] } });
		try {
			const g = generated.directory();
			assert.deepEqual(g.users.map((u) => u.UserId), ['u-a']);
			assert.deepEqual(g.groups.map((x) => x.GroupId), ['g-b']);
			assert.ok(g.accounts.some((a) => a.MemberUin === 123_456_789_012));
			assert.deepEqual(g.deletedPrincipalIds, [], 'a fixture deletes nothing by itself');
			const p = partial.directory();
			assert.deepEqual(p.users.map((u) => u.UserId), ['u-other'], 'given users are exactly the users');
			assert.deepEqual(p.groups.map((x) => x.GroupId), ['g-b'], 'groups left out are generated');
		} finally {
			await Promise.all([generated.close(), partial.close()]);
		}
	});

	it('names fixture problems by list, item and field, never quoting a value', async () => {
		const secret = 'SECRET-VALUE-<script>';
		const task = makeTask('t-1');
		const cases: [unknown, RegExp][] = [
			[{ tasks: [task], users: [{ UserId: 'u-1' }] }, /fixture\.json: users\[0\]: missing field UserName/],
			[{ tasks: [task], users: [{ UserId: 'u-1', UserName: 5 }] }, /users\[0\]: field UserName must be a string, got number/],
			[{ tasks: [task], users: [{ UserId: 'u-1', UserName: 'a' }, { UserId: 'u-1', UserName: secret }] }, /users\[1\]: duplicate UserId \(the same as users\[0\]\)/],
			[{ tasks: [task], groups: [{ GroupId: 'g', GroupName: 'x', Members: [secret, 3] }] }, /groups\[0\]: field Members must be an array of strings, got array/],
			[{ tasks: [task], accounts: [{ MemberUin: '1', Name: secret }] }, /accounts\[0\]: field MemberUin must be a non-negative integer, got string/],
			[{ tasks: [task], accounts: { Name: secret } }, /"accounts" must be an array, got object/],
			[{ tasks: [task], roleConfigurations: [{ RoleConfigurationId: 'rc', RoleConfigurationName: 'n', [secret]: 1 }] }, /roleConfigurations\[0\]: unknown field "SECRET-VALUE-<script>"/],
			[{ tasks: [task], zoneName: 7 }, /"zoneName" must be a string, got number/],
			[{ users: [] }, /missing key "tasks"/],
			[{ tasks: [task], [secret]: [] }, /unknown key/],
			[{ tasks: [{ ...task, Status: 3, PrincipalId: secret }] }, /fixture\.json: tasks: item \[0\]: field Status must be a string, got number/],
		];
		for (const [value, pattern] of cases) {
			try {
				parseFixtureDocument(JSON.stringify(value), 'fixture.json');
				assert.fail(`accepted ${pattern}`);
			} catch (e) {
				assert.ok(e instanceof FixtureError, String(e));
				assert.match(e.message, pattern);
				// Field names are shown (they are the key path); values never are.
				const shownAsKey = pattern.source.includes('unknown');
				assert.ok(shownAsKey || !e.message.includes('SECRET-VALUE'), e.message);
			}
		}
		await assert.rejects(loadFixture(join(dir, 'missing.json')), (e: unknown) => e instanceof FixtureError && /file not found/.test(e.message));
	});

	it('has flags for the directory, with --help text', () => {
		const help = usage();
		for (const flag of ['--users N', '--groups N', '--accounts N', '--deleted-principals N', '--zone-name NAME', '--not-open-answer HOW', '--rps LIST']) {
			assert.ok(help.includes(flag), flag);
		}
		assert.match(help, /ListRoleConfigurationProvisionings/);
		const run = parseCliArgs(['--users', '2000', '--groups', '300', '--accounts', '500', '--deleted-principals', '0', '--zone-name', 'acme', '--cic-disabled', '--not-open-answer', 'status', '--rps', 'GetUser=5,ListUsers=inf']);
		assert.equal(run.kind, 'run');
		if (run.kind === 'run') {
			assert.deepEqual(run.options.directorySizes, { users: 2000, groups: 300, accounts: 500 });
			assert.equal(run.options.deletedPrincipals, 0);
			assert.equal(run.options.zoneName, 'acme');
			assert.equal(run.options.notOpenAnswer, 'status');
			assert.deepEqual(run.options.requestsPerSecond, { GetUser: 5, ListUsers: Infinity });
		}
		for (const [args, pattern] of [
			[['--users', '0'], /--users expects a positive integer/],
			[['--not-open-answer', 'maybe'], /--not-open-answer must be error or status/],
			[['--rps', 'AKIDsecret=3'], /--rps: expected Action=N entries/],
		] as const) {
			const r = parseCliArgs(args);
			assert.equal(r.kind, 'error');
			if (r.kind === 'error') {
				assert.match(r.message, pattern);
				assert.ok(!r.message.includes('AKIDsecret'));
			}
		}
	});

	it('serves a resized directory for the benchmarks: 2,000 principals, 500 accounts', async () => {
		const emu = await startEmulator({ tasks: 10_000, seed: 7, directorySizes: { users: 1700, groups: 300, accounts: 500 } });
		try {
			const d = emu.directory();
			assert.equal(d.users.length + d.groups.length + d.deletedPrincipalIds.length, 2000);
			assert.equal(d.accounts.length, 502, '500 members and the two manager accounts');
			const named = new Set(emu.tasks().map((t) => t.PrincipalId));
			assert.ok(named.size > 1800, `${named.size} distinct principals in 10,000 tasks`);
		} finally {
			await emu.close();
		}
	});
});
