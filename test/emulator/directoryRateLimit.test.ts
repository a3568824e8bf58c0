import * as assert from 'node:assert/strict';
import { createOrganizationClient } from '../../src/api/client';
import { startEmulator } from '../../src/emulator/index';
import { errorCode } from './helpers';

/**
 * Per-action limits, both sides: the emulator refuses each directory action beyond 20 in a second, on its own
 * count; the project client keeps a budget per action, so two actions run side by side at 20/s each (≈40
 * requests in a second in all) without a single RequestLimitExceeded, and name lookups never slow a listing.
 */

const DIRECTORY_READS: [string, (zone: string, i: number) => Record<string, unknown>][] = [
	['DescribeIdentityCenter', () => ({})],
	['GetUser', (z) => ({ ZoneId: z, UserId: 'u-x' })],
	['ListUsers', (z) => ({ ZoneId: z })],
	['GetGroup', (z) => ({ ZoneId: z, GroupId: 'g-x' })],
	['ListGroups', (z) => ({ ZoneId: z })],
	['GetRoleConfiguration', (z) => ({ ZoneId: z, RoleConfigurationId: 'rc-x' })],
	['ListRoleConfigurations', (z) => ({ ZoneId: z })],
	['ListRoleAssignments', (z) => ({ ZoneId: z })],
	['ListRoleConfigurationProvisionings', (z) => ({ ZoneId: z })],
	['DescribeOrganizationMembers', () => ({ Offset: 0, Limit: 10 })],
];

describe('directory rate limits', function () {
	this.timeout(60_000);

	it('the emulator holds every directory action to 20 per second, each on its own count', async () => {
		const clock = Date.UTC(2026, 0, 1, 12);
		const emu = await startEmulator({ tasks: 20, now: () => clock });
		try {
			const ts = Math.floor(clock / 1000);
			// 21 of each action, all in the same instant: 20 of each pass, the 21st of each is refused.
			const all = DIRECTORY_READS.flatMap(([action, params]) => Array.from({ length: 21 }, (_v, i) => errorCode(emu, action, params(emu.zoneId, i), { timestamp: ts }).then((code) => [action, code] as const)));
			const results = await Promise.all(all);
			for (const [action] of DIRECTORY_READS) {
				const codes = results.filter(([a]) => a === action).map(([, c]) => c);
				assert.equal(codes.filter((c) => c === 'RequestLimitExceeded').length, 1, action);
				assert.equal(emu.maxRequestsInWindow(action), 20, action);
			}
			assert.equal(emu.counters().throttled, DIRECTORY_READS.length);
			assert.equal(await errorCode(emu, 'ListTasks', { ZoneId: emu.zoneId }, { timestamp: ts }), undefined, 'ListTasks has its own 20');
		} finally {
			await emu.close();
		}
	});

	it('the client runs two actions at 20/s each in parallel: about 40 requests a second, at most 20 per action, none throttled', async () => {
		const emu = await startEmulator({ tasks: 200, seed: 6 });
		try {
			const client = createOrganizationClient({ endpoint: emu.url, credentials: emu.credentials });
			const users = emu.directory().users.slice(0, 30);
			const started = Date.now();
			await Promise.all([
				...Array.from({ length: 60 }, (_v, i) => client.getUser({ ZoneId: emu.zoneId, UserId: users[i % users.length].UserId })),
				...Array.from({ length: 60 }, () => client.listGroups({ ZoneId: emu.zoneId, MaxResults: 5 })),
			]);
			const seconds = (Date.now() - started) / 1000;
			const counters = emu.counters();
			const perAction = [emu.maxRequestsInWindow('GetUser'), emu.maxRequestsInWindow('ListGroups')];
			const total = emu.maxRequestsInWindow();
			console.log(`      120 requests (60 GetUser + 60 ListGroups) in ${seconds.toFixed(2)} s; busiest second: ${total} in all, ${perAction.join(' / ')} per action; throttled ${counters.throttled}`);
			assert.equal(counters.throttled, 0, 'no RequestLimitExceeded');
			assert.ok(perAction.every((n) => n <= 20), `per action ${perAction.join(', ')}`);
			assert.ok(total >= 36 && total <= 40, `${total} requests in the busiest second`);
			// Sharing one budget would need 6 s; two budgets need a little over 2.
			assert.ok(seconds < 3.5, `took ${seconds.toFixed(2)} s`);
		} finally {
			await emu.close();
		}
	});

	it('resolving names never slows a listing', async () => {
		const emu = await startEmulator({ tasks: 2000, seed: 6 });
		try {
			const client = createOrganizationClient({ endpoint: emu.url, credentials: emu.credentials });
			const started = Date.now();
			// 200 GetUser calls need 10 s at 20/s; 40 ListTasks pages need 2 s, and must still take about that.
			const lookups = Promise.all(Array.from({ length: 200 }, (_v, i) => client.getUser({ ZoneId: emu.zoneId, UserId: `u-${i}` }).catch(() => undefined)));
			let pages = 0;
			for await (const _page of client.listTaskPages({ ZoneId: emu.zoneId, MaxResults: 50 })) {
				pages++;
			}
			const listSeconds = (Date.now() - started) / 1000;
			console.log(`      ${pages} ListTasks pages in ${listSeconds.toFixed(2)} s while 200 GetUser calls queued; throttled ${emu.counters().throttled}`);
			assert.equal(pages, 40);
			assert.ok(listSeconds < 3, `the listing took ${listSeconds.toFixed(2)} s`);
			await lookups;
			assert.equal(emu.counters().throttled, 0);
			assert.ok(emu.maxRequestsInWindow('GetUser') <= 20 && emu.maxRequestsInWindow('ListTasks') <= 20);
		} finally {
			await emu.close();
		}
	});
});
