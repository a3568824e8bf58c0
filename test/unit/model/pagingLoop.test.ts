import * as assert from 'node:assert/strict';
import { describeError } from '../../../src/model/errorDescription';
import { ERROR_ADVICE } from '../../../src/model/errorAdviceTable';
import { ClientErrorCode, TencentCloudError } from '../../../src/api/errors';
import type { ListTasksRequest, ListTasksResponse, TaskInfo } from '../../../src/api/types';
import { ListingError, TaskLoader, type TaskLoaderOptions } from '../../../src/model/loader';
import { MAX_BARREN_PAGES, PAGE_CAP_MARGIN } from '../../../src/model/pagingGuard';
import { runLoadMore, runPoll, runRefresh } from '../../../src/model/refresh';
import { TaskStore } from '../../../src/model/taskStore';
import { FakeOrganizationClient, makeTasks } from './fakeOrganizationClient';

/*
 * Issue 13, item 4: a server whose NextToken chain never ends must not keep a "Load more", a "Load all" or a
 * poll paging for ever. Every hostile server here fails the test loudly after RUNAWAY requests, so that a
 * missing guard shows up as a failure rather than a hung run.
 */

const ZONE = 'z-test1234';
const TYPE = 'CreateRoleAssignment';
const PAGE = 10;
const RUNAWAY = 300;
const LOOP = ClientErrorCode.PagingLoop;

/**
 * One listing per status (a task type chosen, so no count calls, and never split into parts): every request
 * is a page of the one chain under test.
 */
function loaderFor(client: FakeOrganizationClient, options: Partial<TaskLoaderOptions> = {}): TaskLoader {
	return new TaskLoader({ client, zoneId: ZONE, pageSize: PAGE, filter: { taskTypes: [TYPE] }, splitPages: Number.POSITIVE_INFINITY, ...options });
}

interface Script {
	/** NextToken for a page asked for with `token` (undefined: the first page); undefined ends the chain. */
	next(token: string | undefined, page: number): string | undefined;
	/** The tasks of the n-th page (1-based) of this chain. */
	tasks(page: number): TaskInfo[];
	total: number;
}

/** A ListTasks that follows a script for `status`, and answers anything else from the fake's own (empty) data. */
function hostile(client: FakeOrganizationClient, status: string, script: Script): { requests: () => number } {
	let requests = 0;
	const pagesOf = new Map<string | undefined, number>();
	client.listAnswer = (request: ListTasksRequest, call: number): ListTasksResponse => {
		if (request.Status !== status) {
			return { Tasks: [], TotalCounts: 0, MaxResults: request.MaxResults ?? 10, IsTruncated: false, RequestId: `req-${call}` };
		}
		if (++requests > RUNAWAY) {
			throw new TencentCloudError('Test.Runaway', `still paging after ${RUNAWAY} requests`);
		}
		const page = request.NextToken === undefined ? 1 : (pagesOf.get(request.NextToken) ?? 0) + 1;
		const token = script.next(request.NextToken, page);
		if (token !== undefined) {
			pagesOf.set(token, page);
		}
		return {
			Tasks: script.tasks(page),
			TotalCounts: script.total,
			MaxResults: request.MaxResults ?? 10,
			IsTruncated: token !== undefined,
			...(token !== undefined ? { NextToken: token } : {}),
			RequestId: `req-${call}`,
		};
	};
	return { requests: () => requests };
}

const freshTasks = (status: string) => (page: number): TaskInfo[] => makeTasks(PAGE, { statuses: [status], types: [TYPE], idPrefix: `t-p${page}-` });
const sameTasks = (status: string) => (): TaskInfo[] => makeTasks(PAGE, { statuses: [status], types: [TYPE], idPrefix: 't-same-' });
/** A, B, A, B… after the first page. */
const alternating = (token: string | undefined): string => (token === 'A' ? 'B' : 'A');
/** A token never seen before, every time. */
const everFresh = (_token: string | undefined, page: number): string => `fresh-${page}`;

async function failure(promise: Promise<unknown>): Promise<unknown> {
	return promise.then(
		() => assert.fail('the load should have stopped with an error'),
		(e: unknown) => e,
	);
}

function assertLoop(error: unknown, status: string, pattern: RegExp): void {
	assert.ok(error instanceof ListingError, `a ListingError, got ${String(error)}`);
	assert.equal(error.code, LOOP);
	assert.equal(error.status, status);
	assert.ok(error.cause instanceof TencentCloudError && error.cause.code === LOOP, 'the cause carries the code the advice is found by');
	assert.match(error.message, pattern);
}

describe('paging loops (issue 13 item 4)', () => {
	describe('alternating NextTokens A, B, A…', () => {
		it('stop a "Load more" at the third request, keeping what loaded', async () => {
			// What the issue measured: the same tasks on every page, so the budget is never met; 97 requests before.
			const client = new FakeOrganizationClient();
			const server = hostile(client, 'Success', { next: alternating, tasks: sameTasks('Success'), total: 1000 });
			const loader = loaderFor(client);
			const error = await failure(loader.loadMore('Success', 1000));
			assertLoop(error, 'Success', /page 3 handed back the NextToken of page 1/);
			assert.equal(server.requests(), 3);
			const state = loader.progress('Success');
			assert.deepEqual([state.loaded, state.exhausted], [PAGE, false]);
		});

		it('stop a "Load all" at the third request, with tasks that look new', async () => {
			const client = new FakeOrganizationClient();
			const server = hostile(client, 'Failed', { next: alternating, tasks: freshTasks('Failed'), total: 1000 });
			const error = await failure(loaderFor(client).loadAll('Failed'));
			assertLoop(error, 'Failed', /page 3 handed back the NextToken of page 1/);
			assert.equal(server.requests(), 3);
		});

		it('stop every part of a listing read in parallel parts', async () => {
			const client = new FakeOrganizationClient();
			const server = hostile(client, 'Success', { next: alternating, tasks: freshTasks('Success'), total: 1000 });
			// 100 pages by its TotalCounts: read as four TargetType × PrincipalType parts, each its own chain.
			const error = await failure(loaderFor(client, { splitPages: 8 }).loadAll('Success'));
			assertLoop(error, 'Success', /TargetType=.*page 3 handed back the NextToken of page 1/);
			assert.ok(client.listCalls.some((r) => r.TargetType !== undefined), 'it was split');
			assert.ok(server.requests() <= 1 + 4 * 3, `${server.requests()} requests`);
		});

		it('stop a poll at the third request, and the poll says so', async () => {
			const client = new FakeOrganizationClient(makeTasks(40, { statuses: ['InProgress'], types: [TYPE] }));
			const store = new TaskStore();
			const loader = loaderFor(client, { pollThreshold: 5 });
			assert.equal((await runRefresh({ store, loader, budget: () => 1000 })).kind, 'success');
			const server = hostile(client, 'InProgress', { next: alternating, tasks: freshTasks('InProgress'), total: 1000 });
			const outcome = await runPoll({ store, loader });
			assert.equal(outcome.kind, 'failure');
			assert.ok(outcome.kind === 'failure');
			assertLoop(outcome.error, 'InProgress', /NextToken of page 1/);
			assert.equal(server.requests(), 3);
			assert.equal(store.size, 40, 'the tasks already loaded stay');
			assert.match(store.stale?.reason ?? '', /paging did not end/);
		});
	});

	describe('fresh tokens that only repeat tasks', () => {
		it(`stop a "Load more" after ${MAX_BARREN_PAGES} pages in a row bring nothing new`, async () => {
			const client = new FakeOrganizationClient();
			const server = hostile(client, 'Success', { next: everFresh, tasks: sameTasks('Success'), total: 1000 });
			const error = await failure(loaderFor(client).loadMore('Success', 1000));
			assertLoop(error, 'Success', /3 pages in a row \(up to page 4\) brought no task/);
			assert.equal(server.requests(), 1 + MAX_BARREN_PAGES);
		});

		it('stop a "Load all" and a poll the same way', async () => {
			const client = new FakeOrganizationClient();
			const server = hostile(client, 'Failed', { next: everFresh, tasks: sameTasks('Failed'), total: 1000 });
			assertLoop(await failure(loaderFor(client).loadAll('Failed')), 'Failed', /brought no task/);
			assert.equal(server.requests(), 4);

			const polled = new FakeOrganizationClient(makeTasks(40, { statuses: ['InProgress'], types: [TYPE] }));
			const store = new TaskStore();
			const loader = loaderFor(polled, { pollThreshold: 5 });
			await runRefresh({ store, loader, budget: () => 1000 });
			const pollServer = hostile(polled, 'InProgress', { next: everFresh, tasks: sameTasks('InProgress'), total: 1000 });
			const outcome = await runPoll({ store, loader });
			assert.ok(outcome.kind === 'failure');
			assertLoop(outcome.error, 'InProgress', /brought no task/);
			assert.equal(pollServer.requests(), 4);
		});
	});

	describe('a small TotalCounts with IsTruncated for ever', () => {
		// 25 tasks in pages of 10 need 3 pages; the chain may take PAGE_CAP_MARGIN more, and not one beyond.
		const cap = Math.ceil(25 / PAGE) + PAGE_CAP_MARGIN;

		it(`stops a "Load more" after ⌈25 / ${PAGE}⌉ + ${PAGE_CAP_MARGIN} = ${cap} requests`, async () => {
			const client = new FakeOrganizationClient();
			const server = hostile(client, 'Success', { next: everFresh, tasks: freshTasks('Success'), total: 25 });
			const loader = loaderFor(client);
			const error = await failure(loader.loadMore('Success', 1000));
			assertLoop(error, 'Success', /still offered more after 6 pages, though TotalCounts 25 needs 3 pages of 10 \(\+3 spare\)/);
			assert.equal(server.requests(), cap);
			assert.equal(loader.progress('Success').loaded, cap * PAGE, 'every page received is kept');
			// Asking again costs no request: the chain has had every page its total allows.
			await assert.rejects(loader.loadMore('Success', 10), (e: unknown) => e instanceof ListingError && e.code === LOOP);
			assert.equal(server.requests(), cap);
		});

		it('stops a "Load all" and a poll the same way', async () => {
			const client = new FakeOrganizationClient();
			const server = hostile(client, 'Failed', { next: everFresh, tasks: freshTasks('Failed'), total: 25 });
			assertLoop(await failure(loaderFor(client).loadAll('Failed')), 'Failed', /TotalCounts 25/);
			assert.equal(server.requests(), cap);

			const polled = new FakeOrganizationClient(makeTasks(40, { statuses: ['InProgress'], types: [TYPE] }));
			const store = new TaskStore();
			const loader = loaderFor(polled, { pollThreshold: 5 });
			await runRefresh({ store, loader, budget: () => 1000 });
			const pollServer = hostile(polled, 'InProgress', { next: everFresh, tasks: freshTasks('InProgress'), total: 25 });
			const outcome = await runPoll({ store, loader });
			assert.ok(outcome.kind === 'failure');
			assertLoop(outcome.error, 'InProgress', /TotalCounts 25/);
			assert.equal(pollServer.requests(), cap);
		});
	});

	describe('through the store', () => {
		it('a looping "Load all" flags only its group, which keeps what it loaded', async () => {
			const client = new FakeOrganizationClient(makeTasks(60, { statuses: ['Failed', 'Success'], types: [TYPE] }));
			const store = new TaskStore();
			const loader = loaderFor(client);
			assert.equal((await runRefresh({ store, loader, budget: () => 10 })).kind, 'success');
			const before = store.groupState('Success').loaded;
			hostile(client, 'Success', { next: alternating, tasks: sameTasks('Success'), total: 1000 });
			const outcome = await runLoadMore({ store, loader, status: 'Success', count: 'all' });
			assert.equal(outcome.kind, 'failure');
			const group = store.groupState('Success');
			assert.equal(group.complete, false);
			assert.ok(group.loaded >= before, 'nothing loaded before is dropped');
			assert.match(group.error ?? '', /Loading Success tasks failed \(listing Status=Success, TaskType=CreateRoleAssignment\): paging did not end/);
			assert.equal(store.stale, undefined, 'a failed "Load all" does not make the whole view stale');
		});

		it('a looping refresh fails with the code in its failures, the old data kept and marked stale', async () => {
			const client = new FakeOrganizationClient(makeTasks(60, { statuses: ['Failed', 'Success'], types: [TYPE] }));
			const store = new TaskStore();
			const loader = loaderFor(client);
			assert.equal((await runRefresh({ store, loader })).kind, 'success');
			const server = hostile(client, 'Success', { next: alternating, tasks: sameTasks('Success'), total: 30 });
			const outcome = await runRefresh({ store, loader, budget: () => 1000 });
			assert.ok(outcome.kind === 'failure');
			assert.deepEqual(outcome.failures.map((f) => [f.status, f.code]), [['Success', LOOP]]);
			// The group is read through the count's own listing (one task type), so the count is its first page.
			assert.equal(server.requests(), 3, 'the count, which is the first page, then two more pages');
			assert.equal(store.groupState('Success').complete, false);
			assert.match(store.stale?.reason ?? '', /paging did not end/);
		});
	});

	describe('never trips on legitimate paging', () => {
		it('a page asked again after a fault, with the same token, is not a loop', async () => {
			const client = new FakeOrganizationClient(makeTasks(100, { statuses: ['Success'], types: [TYPE] }));
			const loader = loaderFor(client);
			let faults = 0;
			client.intercept = (_kind, request) =>
				(request as ListTasksRequest).NextToken !== undefined && client.listCalls.length === 3 && faults++ === 0
					? new TencentCloudError('InternalError', 'Internal error.')
					: undefined;
			await assert.rejects(loader.loadAll('Success'), (e: unknown) => e instanceof ListingError && e.code === 'InternalError');
			const result = await loader.loadAll('Success');
			assert.deepEqual([result.loaded, result.exhausted], [100, true]);
			const tokens = client.listCalls.map((r) => r.NextToken);
			assert.equal(tokens[2], tokens[3], 'the failed page was asked again with its token');
			assert.equal(client.listCalls.length, 11);
		});

		it('a restart after NextTokenInvalid may hand out the very same tokens and tasks again', async () => {
			// The emulator's tokens are pure functions of the cursor, as a service's may be: a restarted chain
			// repeats the first chain's tokens and tasks, which is no loop.
			const client = new FakeOrganizationClient(makeTasks(100, { statuses: ['Success'], types: [TYPE] }));
			const loader = loaderFor(client);
			let expired = false;
			client.intercept = (_kind, request) => {
				if ((request as ListTasksRequest).NextToken !== undefined && client.listCalls.length === 5 && !expired) {
					expired = true;
					return new TencentCloudError('InvalidParameter.NextTokenInvalid', '无效的nextToken');
				}
				return undefined;
			};
			const result = await loader.loadAll('Success');
			assert.deepEqual([result.loaded, result.exhausted], [100, true]);
			const firstPages = client.listCalls.filter((r) => r.NextToken === undefined);
			assert.equal(firstPages.length, 2, 'read once, then again from the start');
			assert.equal(client.listCalls[1].NextToken, client.listCalls[6].NextToken, 'the same tokens the second time round');
		});

		it('a total that shrinks while a listing is read (tasks leaving InProgress) is not a loop', async () => {
			// A cursor token ("after this task", as the emulator's): tasks that leave behind the cursor shrink
			// TotalCounts but not what is left to read. 100 running; after 5 pages, 45 of the 50 read finish, so
			// TotalCounts says 55 (6 pages) while the chain needs 10 pages in all.
			const client = new FakeOrganizationClient(makeTasks(100, { statuses: ['InProgress'], types: [TYPE] }));
			client.listAnswer = (request, call) => {
				if (client.listCalls.length === 6) {
					const finished = new Set(client.tasks.slice(0, 45).map((t) => t.TaskId));
					client.tasks = client.tasks.map((t) => (finished.has(t.TaskId) ? { ...t, Status: 'Success' } : t));
				}
				const running = client.tasks.filter((t) => t.Status === 'InProgress');
				const after = request.NextToken?.slice('after:'.length) ?? '';
				const rest = running.filter((t) => t.TaskId > after);
				const page = rest.slice(0, PAGE);
				const more = rest.length > PAGE;
				return {
					Tasks: page,
					TotalCounts: running.length,
					MaxResults: PAGE,
					IsTruncated: more,
					...(more ? { NextToken: `after:${page[page.length - 1].TaskId}` } : {}),
					RequestId: `req-${call}`,
				};
			};
			const loader = loaderFor(client, { pollThreshold: 5 });
			const result = await loader.pollInProgress(client.tasks.map((t) => t.TaskId));
			assert.equal(result.mode, 'listing');
			assert.equal(client.listCalls.length, 10, 'the cap follows the largest TotalCounts the chain reported');
			assert.equal(result.inProgress.length, 100, 'every task was seen in progress once');
		});

		it('a server that serves smaller pages than asked for is not cut short', async () => {
			// As in the API's own example: MaxResults 30 asked, 10 served.
			const client = new FakeOrganizationClient(makeTasks(95, { statuses: ['Success'], types: [TYPE] }));
			const original = client.listTasks.bind(client);
			client.listTasks = (request, options) => original({ ...request, MaxResults: Math.min(10, request.MaxResults ?? 10) }, options);
			const result = await loaderFor(client, { pageSize: 100 }).loadAll('Success');
			assert.deepEqual([result.loaded, result.exhausted], [95, true]);
			assert.equal(client.listCalls.length, 10);
		});

		it('an empty last page, or a page that repeats the one before, is fine', async () => {
			const tasks = makeTasks(30, { statuses: ['Success'], types: [TYPE] });
			const emptyLast = new FakeOrganizationClient();
			// The total is a multiple of the page size, and the service says "more" on the last full page.
			const server = hostile(emptyLast, 'Success', {
				next: (_token, page) => (page <= 3 ? `p${page}` : undefined),
				tasks: (page) => tasks.slice((page - 1) * 10, page * 10),
				total: 30,
			});
			const result = await loaderFor(emptyLast).loadAll('Success');
			assert.deepEqual([result.loaded, result.exhausted, server.requests()], [30, true, 4]);

			const repeating = new FakeOrganizationClient();
			// Page 3 repeats page 2 (a server that reorders, or data moving under an offset cursor).
			const again = hostile(repeating, 'Success', {
				next: (_token, page) => (page <= 3 ? `p${page}` : undefined),
				tasks: (page) => {
					const start = [0, 10, 10, 20][page - 1] ?? 30;
					return tasks.slice(start, start + 10);
				},
				total: 30,
			});
			const repeated = await loaderFor(repeating).loadAll('Success');
			assert.deepEqual([repeated.loaded, repeated.exhausted, again.requests()], [30, true, 4]);

			const shifting = new FakeOrganizationClient(makeTasks(10, { statuses: ['Success'], types: [TYPE] }));
			// At a page size of 1, one task created at the front after page 2 makes page 3 repeat page 2.
			shifting.intercept = () => {
				if (shifting.listCalls.length === 3) {
					shifting.tasks = [{ ...shifting.tasks[0], TaskId: 't-' }, ...shifting.tasks];
				}
				return undefined;
			};
			const shifted = await loaderFor(shifting, { pageSize: 1 }).loadAll('Success');
			assert.equal(shifted.exhausted, true);
			assert.equal(shifting.listCalls.length, 11);
		});
	});

	it('has advice for the new code in both languages', () => {
		assert.ok(Object.hasOwn(ERROR_ADVICE, LOOP));
		const en = describeError(new TencentCloudError(LOOP, 'paging did not end: page 3 handed back the NextToken of page 1'), 'en-US');
		assert.equal(en.title, 'Paging did not end');
		assert.match(en.advice, /loading stopped/i);
		assert.match(en.advice, /Refresh/);
		const zh = describeError(new TencentCloudError(LOOP, 'x'), 'zh-CN');
		assert.equal(zh.title, '分页无法结束');
		assert.match(zh.advice, /刷新/);
	});
});
