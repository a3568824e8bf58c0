import * as assert from 'node:assert/strict';
import { createOrganizationClient } from '../../src/api/client';
import { TencentCloudError } from '../../src/api/errors';
import type { OrganizationClient } from '../../src/api/organizationClient';
import type { ListRoleAssignmentsRequest, ListRoleAssignmentsResponse, ListRoleConfigurationProvisioningsRequest, ListRoleConfigurationProvisioningsResponse, RoleAssignment, RoleConfigurationProvisioning } from '../../src/api/directoryTypes';
import type { TaskInfo } from '../../src/api/types';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';
import { checkNow, type NowState } from '../../src/model/nowCheck';
import { contextFromNames, describeTaskContext } from '../../src/model/taskContext';
import { NO_NAMES, type NameLookup } from '../../src/model/names';
import { NoClientError, TaskService } from '../../src/model/taskService';

/** The Now check (src/model/nowCheck.ts) and the panel's direct name lookups (taskContext.ts): emulator and fakes. */

const UNLIMITED = Object.fromEntries(
	['GetUser', 'GetGroup', 'GetRoleConfiguration', 'ListRoleAssignments', 'ListRoleConfigurationProvisionings', 'DescribeOrganizationMembers'].map((a) => [a, Infinity]),
);

function task(overrides: Partial<TaskInfo>): TaskInfo {
	return {
		TaskId: 't-x',
		RoleConfigurationId: 'rc-a',
		RoleConfigurationName: 'Admins',
		TargetUin: 100000000001,
		TargetType: 'MemberUin',
		PrincipalId: 'u-alice',
		PrincipalType: 'User',
		TaskType: 'CreateRoleAssignment',
		Status: 'Success',
		FailureReason: '',
		...overrides,
	};
}

const CREATED = task({ TaskId: 't-created' });
const FAILED_CREATE = task({ TaskId: 't-failed', RoleConfigurationId: 'rc-b', TargetUin: 100000000002, PrincipalId: 'u-bob', Status: 'Failed', FailureReason: 'quota' });
const FAILED_PROVISION = task({ TaskId: 't-prov', RoleConfigurationId: 'rc-c', TargetUin: 100000000003, PrincipalId: 'u-bob', TaskType: 'ProvisionRoleConfiguration', Status: 'Failed', FailureReason: 'x' });
const GROUP_CREATE = task({ TaskId: 't-gc', RoleConfigurationId: 'rc-d', TargetUin: 100000000004, PrincipalId: 'g-ops', PrincipalType: 'Group' });
const GROUP_DELETE = { ...GROUP_CREATE, TaskId: 't-gd', TaskType: 'DeleteRoleAssignment' };
const GHOST = task({ TaskId: 't-ghost', PrincipalId: 'u-ghost', RoleConfigurationId: 'rc-gone', TargetUin: 100000000099, Status: 'Failed', FailureReason: 'x' });

const FIXTURE = {
	tasks: [CREATED, FAILED_CREATE, FAILED_PROVISION, GROUP_CREATE, GROUP_DELETE, GHOST],
	users: [
		{ UserId: 'u-alice', UserName: 'alice', DisplayName: 'Alice Wang', Email: 'alice@example.com', UserStatus: 'Enabled' },
		{ UserId: 'u-bob', UserName: 'bob', DisplayName: 'Bob Li', Email: 'bob@example.com', UserStatus: 'Disabled' },
	],
	groups: [{ GroupId: 'g-ops', GroupName: 'Ops', Description: 'On call', Members: ['u-alice', 'u-bob'] }],
	accounts: [
		{ MemberUin: 100000000001, Name: 'Prod Web', MemberType: 'Create', NodeName: 'Root' },
		{ MemberUin: 100000000002, Name: 'Staging', MemberType: 'Invite' },
		{ MemberUin: 100000000003, Name: 'Data' },
		{ MemberUin: 100000000004, Name: 'Ops' },
		// A UIN that contains the others' digits: the SearchKey match is loose, the lookup exact.
		{ MemberUin: 1000000000011, Name: 'Near miss' },
	],
	roleConfigurations: [
		{ RoleConfigurationId: 'rc-a', RoleConfigurationName: 'Admins', Description: 'Full access', SessionDuration: 3600 },
		{ RoleConfigurationId: 'rc-b', RoleConfigurationName: 'Readers' },
		{ RoleConfigurationId: 'rc-c', RoleConfigurationName: 'Data' },
		{ RoleConfigurationId: 'rc-d', RoleConfigurationName: 'Ops' },
	],
};

function answered<T>(r: NowState['assignment'] | NowState['provisioning']): T {
	assert.equal(r.state, 'answered', JSON.stringify(r));
	return (r as unknown as { value: T }).value;
}

describe('checkNow and the task context against the emulator', function () {
	this.timeout(60_000);
	let emu: RunningEmulator;
	let client: OrganizationClient;
	before(async () => {
		emu = await startEmulator({ fixture: FIXTURE, zoneId: 'z-nowcheck', requestsPerSecond: UNLIMITED });
		client = createOrganizationClient({ endpoint: emu.url, credentials: emu.credentials, requestsPerSecond: 10_000, retry: { maxRetries: 0 } });
	});
	after(() => emu.close());

	it('finds an assignment that exists and its deployment, with when each was checked', async () => {
		const state = await checkNow(client, emu.zoneId, CREATED, undefined, { now: () => 1234 });
		assert.deepEqual(Object.keys(answered<object>(state.assignment)).sort(), ['createTime', 'exists', 'updateTime']);
		assert.equal(answered<{ exists: boolean }>(state.assignment).exists, true);
		assert.equal(state.assignment.checkedAt, 1234);
		const p = answered<{ deployed: boolean; deploymentStatus: string }>(state.provisioning);
		assert.equal(p.deployed, true);
		assert.ok(['Deployed', 'DeployedRequired'].includes(p.deploymentStatus), p.deploymentStatus);
		assert.equal(state.provisioning.checkedAt, 1234);
		// Exactly the task's filters went to the service.
		const sent = emu.requestLog().filter((e) => e.action === 'ListRoleAssignments');
		assert.ok(sent.length >= 1);
	});

	it('says absent for a failed create and for a deleted assignment; a failed provision is DeployFailed', async () => {
		const failed = await checkNow(client, emu.zoneId, FAILED_CREATE);
		assert.deepEqual(answered(failed.assignment), { exists: false });
		assert.deepEqual(answered(failed.provisioning), { deployed: false });
		const deleted = await checkNow(client, emu.zoneId, GROUP_DELETE);
		assert.deepEqual(answered(deleted.assignment), { exists: false });
		assert.equal(answered<{ deployed: boolean }>(deleted.provisioning).deployed, true, 'removing the assignment leaves the deployment');
		const provision = await checkNow(client, emu.zoneId, FAILED_PROVISION);
		assert.equal(answered<{ deploymentStatus: string }>(provision.provisioning).deploymentStatus, 'DeployFailed');
	});

	it('keeps each part\'s error (CIC not open, an unknown zone) instead of throwing', async () => {
		emu.setCicEnabled(false);
		try {
			const state = await checkNow(client, emu.zoneId, CREATED);
			for (const part of [state.assignment, state.provisioning]) {
				assert.equal(part.state, 'error');
				assert.equal((part as { error: TencentCloudError }).error.code, 'FailedOperation.IdentityCenterNotOpen');
				assert.equal(typeof part.checkedAt, 'number');
			}
		} finally {
			emu.setCicEnabled(true);
		}
		const wrongZone = await checkNow(client, 'z-nope', CREATED);
		assert.equal((wrongZone.assignment as { error: TencentCloudError }).error.code, 'FailedOperation.ZoneIdNotExist');
	});

	it('rejects when cancelled, before or while the requests run', async () => {
		const before = new AbortController();
		before.abort();
		const count = emu.requestLog().length;
		await assert.rejects(checkNow(client, emu.zoneId, CREATED, before.signal), (e: Error) => e.name === 'AbortError');
		assert.equal(emu.requestLog().length, count, 'nothing sent once cancelled');
		emu.setLatency(2000);
		try {
			const during = new AbortController();
			const started = Date.now();
			const pending = checkNow(client, emu.zoneId, CREATED, during.signal);
			setTimeout(() => during.abort(), 50);
			await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
			assert.ok(Date.now() - started < 1500, 'it stopped at once, not after the answer');
		} finally {
			emu.setLatency(0);
		}
	});

	it('names the user, group, account and role configuration; a deleted principal is not found', async () => {
		const c = await describeTaskContext(client, emu.zoneId, CREATED, NO_NAMES, undefined, { now: () => 99 });
		assert.deepEqual(c.principal, { state: 'known', entry: { state: 'found', kind: 'User', id: 'u-alice', userName: 'alice', displayName: 'Alice Wang', email: 'alice@example.com', status: 'Enabled', checkedAt: 99 } });
		assert.deepEqual(c.account, { state: 'known', entry: { state: 'found', uin: 100000000001, name: 'Prod Web', memberType: 'Create', nodeName: 'Root', checkedAt: 99 } });
		assert.deepEqual(c.roleConfiguration, { state: 'known', entry: { state: 'found', id: 'rc-a', name: 'Admins', description: 'Full access', sessionDuration: 3600, checkedAt: 99 } });
		const g = await describeTaskContext(client, emu.zoneId, GROUP_CREATE, NO_NAMES);
		assert.equal(g.principal.state === 'known' && g.principal.entry.state === 'found' && g.principal.entry.kind === 'Group' ? `${g.principal.entry.groupName}/${g.principal.entry.memberCount}` : '', 'Ops/2');
		const ghost = await describeTaskContext(client, emu.zoneId, GHOST, NO_NAMES, undefined, { now: () => 7 });
		assert.deepEqual(ghost.principal, { state: 'known', entry: { state: 'notFound', kind: 'User', id: 'u-ghost', checkedAt: 7 } });
		assert.deepEqual(ghost.account, { state: 'known', entry: { state: 'notFound', uin: 100000000099, checkedAt: 7 } });
		assert.deepEqual(ghost.roleConfiguration, { state: 'known', entry: { state: 'notFound', id: 'rc-gone', checkedAt: 7 } });
		const groupGhost = await describeTaskContext(client, emu.zoneId, { ...GROUP_CREATE, PrincipalId: 'g-gone' }, NO_NAMES, undefined, { now: () => 7 });
		assert.deepEqual(groupGhost.principal, { state: 'known', entry: { state: 'notFound', kind: 'Group', id: 'g-gone', checkedAt: 7 } });
		// The member list may leave out the manager account: one named as such is unlisted, not deleted.
		const manager = await describeTaskContext(client, emu.zoneId, { ...GHOST, TargetType: 'ManagerUin' }, NO_NAMES, undefined, { now: () => 8 });
		assert.deepEqual(manager.account, { state: 'known', entry: { state: 'unlisted', uin: 100000000099, checkedAt: 8 } });
	});

	it('asks only for what the name directory does not know, and keeps a failing part\'s error', async () => {
		const names: NameLookup = {
			...NO_NAMES,
			principal: (type, id) => (type === 'User' && id === 'u-alice' ? { state: 'found', kind: 'User', id, userName: 'cached', displayName: 'Cached', email: '', status: 'Enabled', checkedAt: 1 } : undefined),
		};
		emu.resetStats();
		const c = await describeTaskContext(client, emu.zoneId, CREATED, names);
		assert.equal(c.principal.state === 'known' && c.principal.entry.state === 'found' && c.principal.entry.kind === 'User' ? c.principal.entry.userName : '', 'cached');
		assert.deepEqual(emu.requestLog().map((e) => e.action).sort(), ['DescribeOrganizationMembers', 'GetRoleConfiguration']);
		assert.deepEqual(contextFromNames(task({ PrincipalType: 'Robot', RoleConfigurationId: '' }), names), { principal: { state: 'notApplicable' }, account: { state: 'unknown' }, roleConfiguration: { state: 'notApplicable' } });
		emu.setCicEnabled(false);
		try {
			const closed = await describeTaskContext(client, emu.zoneId, CREATED, NO_NAMES);
			assert.equal(closed.principal.state, 'error');
			assert.equal(closed.roleConfiguration.state, 'error');
			assert.equal(closed.account.state, 'known', 'DescribeOrganizationMembers is not a CIC action');
		} finally {
			emu.setCicEnabled(true);
		}
		const aborted = new AbortController();
		aborted.abort();
		await assert.rejects(describeTaskContext(client, emu.zoneId, CREATED, NO_NAMES, aborted.signal), (e: Error) => e.name === 'AbortError');
	});
});

describe('TaskService.checkNow and describeTaskContext', function () {
	this.timeout(60_000);
	let emu: RunningEmulator;
	before(async () => {
		emu = await startEmulator({ fixture: FIXTURE, zoneId: 'z-service', requestsPerSecond: UNLIMITED });
	});
	after(() => emu.close());

	function service(withZone = true): TaskService {
		const s = new TaskService({
			createClient: (endpoint, credentials) => createOrganizationClient({ endpoint, credentials, requestsPerSecond: 10_000, retry: { maxRetries: 0 } }),
			describeError: (e) => String(e),
			settings: () => ({ pageSize: 50, loadAllThreshold: 1000 }),
		});
		s.setTarget({ kind: 'profile', label: 'p', endpoint: emu.url, zoneId: withZone ? emu.zoneId : undefined, credentials: () => Promise.resolve(emu.credentials), source: undefined });
		return s;
	}

	it('answers through the service\'s client and zone', async () => {
		const s = service();
		try {
			const now = await s.checkNow(CREATED);
			assert.equal(answered<{ exists: boolean }>(now.assignment).exists, true);
			const context = await s.describeTaskContext(GHOST);
			assert.equal(context.principal.state === 'known' ? context.principal.entry.state : '', 'notFound');
		} finally {
			s.dispose();
		}
	});

	it('throws NoClientError without a zone, and Cancel Loading stops a check in flight', async () => {
		const none = service(false);
		try {
			await assert.rejects(none.checkNow(CREATED), NoClientError);
			await assert.rejects(none.describeTaskContext(CREATED), NoClientError);
		} finally {
			none.dispose();
		}
		const s = service();
		emu.setLatency(2000);
		try {
			const started = Date.now();
			const pending = s.checkNow(CREATED);
			setTimeout(() => s.cancelAll(), 50);
			await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
			const lookup = s.describeTaskContext(CREATED);
			setTimeout(() => s.cancelAll(), 50);
			await assert.rejects(lookup, (e: Error) => e.name === 'AbortError');
			assert.ok(Date.now() - started < 1500, 'both stopped at once');
		} finally {
			emu.setLatency(0);
			s.dispose();
		}
	});
});

// ---- fakes: paging, the states the emulator rarely shows, misbehaving servers -------------------------------

function assignmentRow(o: Partial<RoleAssignment>): RoleAssignment {
	return { RoleConfigurationId: 'rc-a', RoleConfigurationName: 'Admins', TargetUin: 100000000001, TargetType: 'MemberUin', PrincipalId: 'u-alice', PrincipalType: 'User', PrincipalName: 'alice', CreateTime: '2024-01-01 00:00:00', UpdateTime: '2024-01-02 00:00:00', TargetName: 'Prod', ...o };
}

function provisioningRow(o: Partial<RoleConfigurationProvisioning>): RoleConfigurationProvisioning {
	return { DeploymentStatus: 'Deployed', RoleConfigurationId: 'rc-a', RoleConfigurationName: 'Admins', TargetUin: 100000000001, TargetName: 'Prod', CreateTime: '2024-01-01 00:00:00', UpdateTime: '2024-01-03 00:00:00', TargetType: 'MemberUin', ...o };
}

interface FakeLists {
	assignments?: (r: ListRoleAssignmentsRequest) => Partial<ListRoleAssignmentsResponse>;
	provisionings?: (r: ListRoleConfigurationProvisioningsRequest) => Partial<ListRoleConfigurationProvisioningsResponse>;
}

function fakeClient(lists: FakeLists, calls: string[] = []): OrganizationClient {
	const page = { TotalCounts: 0, MaxResults: 100, IsTruncated: false, RequestId: 'r' };
	const fake: Partial<OrganizationClient> = {
		endpoint: 'fake',
		listRoleAssignments: (r) => {
			calls.push(`A:${r.NextToken ?? ''}`);
			if (!lists.assignments) {
				return Promise.reject(new TencentCloudError('InternalError', 'boom', { action: 'ListRoleAssignments' }));
			}
			return Promise.resolve({ ...page, RoleAssignments: [], ...lists.assignments(r) });
		},
		listRoleConfigurationProvisionings: (r) => {
			calls.push(`P:${r.NextToken ?? ''}`);
			if (!lists.provisionings) {
				return Promise.reject(new TencentCloudError('InternalError', 'boom', { action: 'ListRoleConfigurationProvisionings' }));
			}
			return Promise.resolve({ ...page, RoleConfigurationProvisionings: [], ...lists.provisionings(r) });
		},
	};
	return fake as OrganizationClient;
}

describe('checkNow against fakes', () => {
	it('sends the task\'s five filters and matches the row exactly, across pages, stopping once found', async () => {
		const requests: ListRoleAssignmentsRequest[] = [];
		const calls: string[] = [];
		const client = fakeClient(
			{
				assignments: (r) => {
					requests.push(r);
					// The first page holds near misses (another principal, another account), the second the row.
					return r.NextToken === undefined
						? { RoleAssignments: [assignmentRow({ PrincipalId: 'u-alice2' }), assignmentRow({ TargetUin: 100000000002 })], IsTruncated: true, NextToken: 'p2', TotalCounts: 5, MaxResults: 2 }
						: r.NextToken === 'p2'
							? { RoleAssignments: [assignmentRow({})], IsTruncated: true, NextToken: 'p3', TotalCounts: 5, MaxResults: 2 }
							: { RoleAssignments: [], IsTruncated: false };
				},
				provisionings: () => ({ RoleConfigurationProvisionings: [provisioningRow({ DeploymentStatus: 'DeployedRequired' })] }),
			},
			calls,
		);
		const state = await checkNow(client, 'z-1', CREATED);
		assert.deepEqual(answered(state.assignment), { exists: true, createTime: '2024-01-01 00:00:00', updateTime: '2024-01-02 00:00:00' });
		assert.deepEqual(answered(state.provisioning), { deployed: true, deploymentStatus: 'DeployedRequired', updateTime: '2024-01-03 00:00:00' });
		assert.deepEqual(calls.filter((c) => c.startsWith('A')), ['A:', 'A:p2'], 'no third page once found');
		assert.deepEqual(requests[0], { ZoneId: 'z-1', RoleConfigurationId: 'rc-a', TargetType: 'MemberUin', TargetUin: 100000000001, PrincipalType: 'User', PrincipalId: 'u-alice', MaxResults: 100 });
		assert.equal(requests[1].NextToken, 'p2');
	});

	it('reads every deployment state verbatim, an unknown one included', async () => {
		for (const status of ['Deployed', 'DeployedRequired', 'DeployFailed', 'SomethingNew']) {
			const state = await checkNow(fakeClient({ assignments: () => ({}), provisionings: () => ({ RoleConfigurationProvisionings: [provisioningRow({ DeploymentStatus: status })] }) }), 'z', CREATED);
			assert.equal(answered<{ deploymentStatus: string }>(state.provisioning).deploymentStatus, status);
		}
	});

	it('ends on IsTruncated with an empty NextToken, and stops a server whose tokens go round', async () => {
		const calls: string[] = [];
		const empty = await checkNow(fakeClient({ assignments: () => ({ IsTruncated: true, NextToken: '' }), provisionings: () => ({ IsTruncated: true }) }, calls), 'z', CREATED);
		assert.deepEqual(answered(empty.assignment), { exists: false });
		assert.deepEqual(answered(empty.provisioning), { deployed: false });
		assert.equal(calls.length, 2);
		const loop = await checkNow(fakeClient({ assignments: (r) => ({ IsTruncated: true, NextToken: r.NextToken === 'a' ? 'b' : 'a', TotalCounts: 1000 }), provisionings: () => ({ IsTruncated: true, NextToken: 'same', TotalCounts: 1000 }) }), 'z', CREATED);
		assert.equal((loop.assignment as { error: TencentCloudError }).error.code, 'ClientError.PagingLoop');
		assert.equal((loop.provisioning as { error: TencentCloudError }).error.code, 'ClientError.PagingLoop');
		// A server that never ends but hands out fresh tokens stops at the page cap TotalCounts allows.
		let n = 0;
		const endless = await checkNow(fakeClient({ assignments: () => ({ IsTruncated: true, NextToken: `t${++n}`, TotalCounts: 150, MaxResults: 100 }), provisionings: () => ({}) }), 'z', CREATED);
		assert.equal((endless.assignment as { error: TencentCloudError }).error.code, 'ClientError.PagingLoop');
		assert.equal(n, 2 + 3, 'two pages for 150 rows, plus the margin');
	});

	it('keeps one failed listing from hiding the other\'s answer', async () => {
		const state = await checkNow(fakeClient({ provisionings: () => ({ RoleConfigurationProvisionings: [provisioningRow({})] }) }), 'z', CREATED, undefined, { now: () => 5 });
		assert.equal(state.assignment.state, 'error');
		assert.equal((state.assignment as { error: TencentCloudError }).error.code, 'InternalError');
		assert.equal(state.assignment.checkedAt, 5);
		assert.equal(answered<{ deployed: boolean }>(state.provisioning).deployed, true);
	});

	it('sends nothing for what the task cannot name: an unknown principal type, an empty role configuration', async () => {
		const calls: string[] = [];
		const client = fakeClient({ assignments: () => ({}), provisionings: () => ({}) }, calls);
		const odd = await checkNow(client, 'z', task({ PrincipalType: '<img src=x>' }));
		assert.equal(odd.assignment.state, 'notApplicable');
		assert.equal(odd.assignment.checkedAt, undefined);
		assert.equal(odd.provisioning.state, 'answered');
		const none = await checkNow(client, 'z', task({ RoleConfigurationId: '', TargetType: 'Member' }));
		assert.deepEqual(none, { assignment: { state: 'notApplicable' }, provisioning: { state: 'notApplicable' } });
		assert.deepEqual(calls, ['P:']);
	});

	it('rejects with the abort reason when cancelled mid-check', async () => {
		const controller = new AbortController();
		const client: OrganizationClient = {
			...fakeClient({}),
			listRoleAssignments: (_r, o) => new Promise((_resolve, reject) => o?.signal?.addEventListener('abort', () => reject(o.signal?.reason as Error))),
			listRoleConfigurationProvisionings: () => Promise.resolve({ TotalCounts: 0, MaxResults: 100, IsTruncated: false, RequestId: 'r', RoleConfigurationProvisionings: [] }),
		};
		const pending = checkNow(client, 'z', CREATED, controller.signal);
		controller.abort(new Error('stop'));
		await assert.rejects(pending, /stop/);
	});
});
