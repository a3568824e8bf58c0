import * as assert from 'node:assert/strict';
import { createOrganizationClient, type ListTasksResponse, type RetryNotice, TencentCloudError } from '../../../src/api/index';
import { apiError, apiOk, capturingLogger, FAST_RETRY, listPayload, rejectionOf, startServer, task, type TestServer } from './helpers';

const CREDS = { secretId: 'AKIDpage', secretKey: 'paging-test-secret-key' };
const PAGES = [
	{ tasks: [task(1), task(2)], next: 'TOKEN-PAGE-2-secretish' },
	{ tasks: [task(3), task(4)], next: 'TOKEN-PAGE-3-secretish' },
	{ tasks: [task(5)], next: undefined },
];

describe('API client: paging', () => {
	let server: TestServer | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	it('follows NextToken to the end, yielding each page once even when a page is retried', async () => {
		let page2Failures = 0;
		server = await startServer((r, res) => {
			const body = JSON.parse(r.body.toString()) as { NextToken?: string };
			const index = body.NextToken === undefined ? 0 : PAGES.findIndex((p) => p.next === body.NextToken) + 1;
			if (index === 1 && page2Failures < 2) {
				page2Failures++;
				if (page2Failures === 1) {
					apiError(res, 'RequestLimitExceeded');
				} else {
					r.req.socket.destroy();
				}
				return;
			}
			const page = PAGES[index];
			if (!page) {
				apiError(res, 'InvalidParameter.NextTokenInvalid');
				return;
			}
			apiOk(res, { ...listPayload(page.tasks, page.next), TotalCounts: 5, MaxResults: 2 });
		});
		const logger = capturingLogger();
		const notices: RetryNotice[] = [];
		const client = createOrganizationClient({ credentials: CREDS, endpoint: server.url, logger, retry: FAST_RETRY });
		const pages: ListTasksResponse[] = [];
		for await (const page of client.listTaskPages({ ZoneId: 'z-1', Status: 'Failed', MaxResults: 2 }, { onRetry: (n) => notices.push(n) })) {
			pages.push(page);
		}
		assert.deepEqual(pages.map((p) => p.Tasks.map((t) => t.TaskId)), [['t-1', 't-2'], ['t-3', 't-4'], ['t-5']]);
		assert.deepEqual(pages.map((p) => p.IsTruncated), [true, true, false]);
		assert.equal(server.received.length, 5);
		assert.deepEqual(notices.map((n) => n.code), ['RequestLimitExceeded', 'ClientError.NetworkError']);
		for (const r of server.received) {
			const body = JSON.parse(r.body.toString()) as Record<string, unknown>;
			assert.equal(body.ZoneId, 'z-1');
			assert.equal(body.Status, 'Failed');
			assert.equal(body.MaxResults, 2);
		}
		const info = logger.lines.filter((l) => l.level === 'info').map((l) => l.message);
		assert.equal(info.length, 3, 'one info line per call');
		assert.match(info[0] ?? '', /^ListTasks ZoneId=z-1 Status=Failed MaxResults=2 page 1: OK in \d+ ms after 1 attempt, RequestId \S+$/);
		assert.match(info[1] ?? '', /page 2: OK in \d+ ms after 3 attempts/);
		assert.match(info[2] ?? '', /page 3: OK/);
		assert.ok(!logger.text().includes('TOKEN-PAGE'), 'NextToken values stay out of the log');
	});

	it('starts from a given NextToken and stops on a page that is not truncated', async () => {
		server = await startServer((_r, res) => apiOk(res, listPayload([task(9)])));
		const client = createOrganizationClient({ credentials: CREDS, endpoint: server.url });
		const pages: ListTasksResponse[] = [];
		for await (const page of client.listTaskPages({ ZoneId: 'z-1', NextToken: 'resume-here' })) {
			pages.push(page);
		}
		assert.equal(pages.length, 1);
		assert.equal((JSON.parse(server.received[0]?.body.toString() ?? '{}') as { NextToken?: string }).NextToken, 'resume-here');
	});

	it('stops with ClientError.InvalidResponse when the service repeats a NextToken', async () => {
		server = await startServer((_r, res) => apiOk(res, listPayload([task(1)], 'same-token')));
		const client = createOrganizationClient({ credentials: CREDS, endpoint: server.url });
		let pages = 0;
		const error = await rejectionOf(
			(async () => {
				for await (const _page of client.listTaskPages({ ZoneId: 'z-1' })) {
					pages++;
				}
			})(),
		);
		assert.ok(error instanceof TencentCloudError);
		assert.equal(error.code, 'ClientError.InvalidResponse');
		assert.equal(pages, 2);
	});

	it('surfaces a page error without yielding anything more', async () => {
		server = await startServer((r, res) => (r.index === 0 ? apiOk(res, listPayload([task(1)], 'tok')) : apiError(res, 'InvalidParameter.NextTokenInvalid')));
		const client = createOrganizationClient({ credentials: CREDS, endpoint: server.url, retry: FAST_RETRY });
		const seen: number[] = [];
		const error = await rejectionOf(
			(async () => {
				for await (const page of client.listTaskPages({ ZoneId: 'z-1' })) {
					seen.push(page.Tasks.length);
				}
			})(),
		);
		assert.ok(error instanceof TencentCloudError);
		assert.equal(error.code, 'InvalidParameter.NextTokenInvalid');
		assert.deepEqual(seen, [1]);
		assert.equal(server.received.length, 2);
	});
});
