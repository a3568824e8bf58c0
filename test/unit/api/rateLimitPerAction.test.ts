import * as assert from 'node:assert/strict';
import { ACTION_RATE_LIMITS, budgetLimit, budgetOf } from '../../../src/api/actionLimits';
import { RateLimiter } from '../../../src/api/rateLimiter';
import { delay } from './helpers';

describe('API client: a rate budget per action', () => {
	it('takes every limit from the one table: 20/s for the directory actions, GetTaskStatus on the ListTasks budget', () => {
		const limiter = new RateLimiter();
		for (const action of ['DescribeIdentityCenter', 'GetUser', 'ListUsers', 'GetGroup', 'ListGroups', 'GetRoleConfiguration', 'ListRoleConfigurations', 'ListRoleAssignments', 'ListRoleConfigurationProvisionings', 'DescribeOrganizationMembers']) {
			assert.equal(ACTION_RATE_LIMITS[action as keyof typeof ACTION_RATE_LIMITS].perSecond, 20, action);
			assert.equal(budgetOf(action), action);
			assert.equal(limiter.limitFor(action), 20, action);
		}
		assert.equal(ACTION_RATE_LIMITS.GetTaskStatus.perSecond, 220, 'as the doc page states');
		assert.equal(budgetOf('GetTaskStatus'), 'ListTasks');
		assert.equal(budgetLimit('ListTasks'), 20, 'the lower of the two');
		assert.equal(limiter.limitFor('SomeFutureAction'), 20);
		assert.equal(limiter.limitFor(), 20);
		assert.equal(new RateLimiter({ requestsPerSecond: 5 }).limitFor('GetUser'), 5, 'a given limit applies to every budget');
	});

	it('grants each action its own window: one action at its limit does not hold up another', async () => {
		let now = 0;
		const limiter = new RateLimiter({ requestsPerSecond: 2, windowMs: 50, slackMs: 0, now: () => now });
		const granted: string[] = [];
		const take = (action: string): Promise<void> =>
			limiter.acquire(undefined, action).then((permit) => {
				granted.push(action);
				permit.done();
			});
		const all = [take('ListTasks'), take('ListTasks'), take('ListTasks'), take('GetUser'), take('GetUser'), take('GetUser'), take('GetTaskStatus')];
		await delay(0);
		assert.deepEqual(granted, ['ListTasks', 'ListTasks', 'GetUser', 'GetUser']);
		assert.equal(limiter.pending, 3, 'a third ListTasks, a third GetUser, and GetTaskStatus (on the ListTasks budget)');
		now = 50;
		await Promise.all(all);
		assert.deepEqual(granted.slice(4).sort(), ['GetTaskStatus', 'GetUser', 'ListTasks']);
	});

	it('keeps the slot of a request in flight per action', async () => {
		let now = 0;
		const limiter = new RateLimiter({ requestsPerSecond: 1, windowMs: 30, slackMs: 0, now: () => now });
		const slow = await limiter.acquire(undefined, 'ListUsers');
		const other = await limiter.acquire(undefined, 'GetGroup');
		let granted = false;
		const next = limiter.acquire(undefined, 'ListUsers').then((p) => {
			granted = true;
			p.done();
		});
		now = 100;
		await delay(40);
		assert.equal(granted, false, 'ListUsers waits for its own in-flight request, whatever GetGroup does');
		other.done();
		await delay(40);
		assert.equal(granted, false);
		slow.done();
		now = 130;
		await next;
		assert.equal(granted, true);
	});

	it('rejects a waiter whose signal fires, in any budget', async () => {
		const limiter = new RateLimiter({ requestsPerSecond: 1, windowMs: 10_000 });
		await limiter.acquire(undefined, 'GetUser');
		const controller = new AbortController();
		const waiting = limiter.acquire(controller.signal, 'GetUser');
		controller.abort();
		await assert.rejects(waiting, (e: Error) => e.name === 'AbortError');
		assert.equal(limiter.pending, 0);
	});
});
