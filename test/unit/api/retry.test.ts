import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import {
	backoffDelay,
	createOrganizationClient,
	DEFAULT_RETRY_POLICY,
	isRetryableServiceCode,
	type RetryNotice,
	TencentCloudError,
} from '../../../src/api/index';
import {
	apiError,
	apiOk,
	capturingLogger,
	FAST_RETRY,
	listPayload,
	rejectionOf,
	type Received,
	startServer,
	task,
	type TestServer,
} from './helpers';

const CREDS = { secretId: 'AKIDretry', secretKey: 'retry-test-secret-key' };

type Fault = (r: Received, res: ServerResponse) => void;

const FAULTS: Record<string, { fault: Fault; code: string }> = {
	'HTTP 500': { fault: (_r, res) => { res.writeHead(500); res.end('oops'); }, code: 'ClientError.HttpStatus' },
	'HTTP 503': { fault: (_r, res) => { res.writeHead(503); res.end(); }, code: 'ClientError.HttpStatus' },
	'connection reset': { fault: (r) => r.req.socket.destroy(), code: 'ClientError.NetworkError' },
	'truncated JSON (complete HTTP message)': {
		fault: (_r, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"Response":{"Tasks":[{"TaskId":"t-1"');
		},
		code: 'ClientError.InvalidResponse',
	},
	'body cut off mid-transfer': {
		fault: (r, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
			res.write('{"Response":{"Tasks":[');
			setTimeout(() => r.req.socket.destroy(), 5);
		},
		code: 'ClientError.',
	},
	InternalError: { fault: (_r, res) => apiError(res, 'InternalError'), code: 'InternalError' },
	'InternalError.DbError': { fault: (_r, res) => apiError(res, 'InternalError.DbError'), code: 'InternalError.DbError' },
	ServiceUnavailable: { fault: (_r, res) => apiError(res, 'ServiceUnavailable'), code: 'ServiceUnavailable' },
	RequestLimitExceeded: { fault: (_r, res) => apiError(res, 'RequestLimitExceeded'), code: 'RequestLimitExceeded' },
	'RequestLimitExceeded.UinLimitExceeded': {
		fault: (_r, res) => apiError(res, 'RequestLimitExceeded.UinLimitExceeded'),
		code: 'RequestLimitExceeded.UinLimitExceeded',
	},
	timeout: { fault: () => undefined, code: 'ClientError.Timeout' },
};

const NON_RETRYABLE = [
	'AuthFailure.SignatureFailure',
	'AuthFailure.SecretIdNotFound',
	'AuthFailure.InvalidSecretId',
	'AuthFailure.TokenFailure',
	'AuthFailure.UnauthorizedOperation',
	'AuthFailure.InvalidAuthorization',
	'UnauthorizedOperation',
	'InvalidParameter',
	'InvalidParameterValue',
	'InvalidParameter.NextTokenInvalid',
	'FailedOperation.IdentityCenterNotOpen',
	'FailedOperation.ZoneIdNotExist',
	'ResourceNotFound.RoleConfigurationTaskNotFound',
	'MissingParameter',
	'UnknownParameter',
	'LimitExceeded',
	'RequestSizeLimitExceeded',
	'InvalidAction',
];

describe('API client: retries', () => {
	let server: TestServer | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	for (const [name, { fault, code }] of Object.entries(FAULTS)) {
		it(`retries ${name}, reports it via onRetry, then succeeds`, async () => {
			server = await startServer((r, res) => (r.index < 2 ? fault(r, res) : apiOk(res, listPayload([task(1)]))));
			const clientNotices: RetryNotice[] = [];
			const callNotices: RetryNotice[] = [];
			const logger = capturingLogger();
			const client = createOrganizationClient({
				credentials: CREDS,
				endpoint: server.url,
				retry: FAST_RETRY,
				timeoutMs: 150,
				logger,
				onRetry: (n) => clientNotices.push(n),
			});
			const response = await client.listTasks({ ZoneId: 'z-1' }, { onRetry: (n) => callNotices.push(n) });
			assert.equal(response.Tasks[0]?.TaskId, 't-1');
			assert.equal(server.received.length, 3);
			assert.deepEqual(clientNotices, callNotices);
			assert.deepEqual(clientNotices.map((n) => n.attempt), [1, 2]);
			for (const n of clientNotices) {
				assert.equal(n.action, 'ListTasks');
				assert.ok(n.code.startsWith(code), `${n.code} should start with ${code}`);
				assert.ok(n.delayMs >= 0 && n.delayMs <= FAST_RETRY.maxDelayMs);
				assert.ok(n.reason.length > 0);
			}
			assert.equal(logger.lines.filter((l) => l.level === 'warn').length, 2);
			assert.match(logger.lines.filter((l) => l.level === 'info').at(-1)?.message ?? '', /ListTasks ZoneId=z-1 page 1: OK in \d+ ms after 3 attempts, RequestId /);
		});
	}

	it('gives up after maxRetries with the last error, counting the attempts', async () => {
		server = await startServer((_r, res) => apiError(res, 'RequestLimitExceeded', 'slow down', 'req-last'));
		const notices: RetryNotice[] = [];
		const client = createOrganizationClient({ credentials: CREDS, endpoint: server.url, retry: FAST_RETRY, onRetry: (n) => notices.push(n) });
		const error = await rejectionOf(client.listTasks({ ZoneId: 'z-1' }));
		assert.ok(error instanceof TencentCloudError);
		assert.equal(error.code, 'RequestLimitExceeded');
		assert.equal(error.requestId, 'req-last');
		assert.equal(error.action, 'ListTasks');
		assert.equal(error.attempts, FAST_RETRY.maxRetries + 1);
		assert.equal(server.received.length, FAST_RETRY.maxRetries + 1);
		assert.equal(notices.length, FAST_RETRY.maxRetries);
	});

	it('says in each notice which retry of how many it is, for "Retrying (2 of 5)…"', async () => {
		server = await startServer((_r, res) => apiError(res, 'InternalError', 'oops', 'req-n'));
		const notices: RetryNotice[] = [];
		const client = createOrganizationClient({ credentials: CREDS, endpoint: server.url, retry: { ...FAST_RETRY, maxRetries: 3 }, onRetry: (n) => notices.push(n) });
		await rejectionOf(client.listTasks({ ZoneId: 'z-1' }));
		assert.deepEqual(notices.map((n) => [n.attempt, n.maxAttempts]), [[1, 3], [2, 3], [3, 3]]);
	});

	it('reports ClientError.Timeout, ClientError.HttpStatus and ClientError.InvalidResponse once retries run out', async () => {
		const cases: [Fault, string, number | undefined][] = [
			[() => undefined, 'ClientError.Timeout', undefined],
			[(_r, res) => { res.writeHead(502); res.end(); }, 'ClientError.HttpStatus', 502],
			[(_r, res) => { res.writeHead(200); res.end('<html>proxy</html>'); }, 'ClientError.InvalidResponse', 200],
		];
		for (const [fault, code, status] of cases) {
			const s = await startServer(fault);
			try {
				const client = createOrganizationClient({ credentials: CREDS, endpoint: s.url, retry: { ...FAST_RETRY, maxRetries: 1 }, timeoutMs: 100 });
				const error = await rejectionOf(client.listTasks({ ZoneId: 'z-1' }));
				assert.ok(error instanceof TencentCloudError, String(error));
				assert.equal(error.code, code);
				assert.equal(error.httpStatus, status);
				assert.equal(s.received.length, 2);
			} finally {
				await s.close();
			}
		}
	});

	it('maps a refused connection to ClientError.NetworkUnreachable after retrying', async () => {
		const s = await startServer(() => undefined);
		const url = s.url;
		await s.close();
		const notices: RetryNotice[] = [];
		const client = createOrganizationClient({ credentials: CREDS, endpoint: url, retry: { ...FAST_RETRY, maxRetries: 2 }, onRetry: (n) => notices.push(n) });
		const error = await rejectionOf(client.getTaskStatus({ ZoneId: 'z-1', TaskId: 't-1' }));
		assert.ok(error instanceof TencentCloudError);
		assert.equal(error.code, 'ClientError.NetworkUnreachable');
		assert.equal(error.action, 'GetTaskStatus');
		assert.equal(notices.length, 2);
	});

	for (const code of NON_RETRYABLE) {
		it(`fails at once on ${code}`, async () => {
			server = await startServer((_r, res) => apiError(res, code, `message for ${code}`, 'req-1'));
			const notices: RetryNotice[] = [];
			const client = createOrganizationClient({ credentials: CREDS, endpoint: server.url, retry: FAST_RETRY, onRetry: (n) => notices.push(n) });
			const error = await rejectionOf(client.listTasks({ ZoneId: 'z-1' }));
			assert.ok(error instanceof TencentCloudError);
			assert.equal(error.code, code);
			assert.equal(error.message, `message for ${code}`);
			assert.equal(error.requestId, 'req-1');
			assert.equal(error.httpStatus, 200);
			assert.equal(error.action, 'ListTasks');
			assert.equal(error.attempts, 1);
			assert.equal(server.received.length, 1);
			assert.equal(notices.length, 0);
		});
	}

	it('does not retry a non-5xx HTTP status', async () => {
		server = await startServer((_r, res) => { res.writeHead(404); res.end('not here'); });
		const client = createOrganizationClient({ credentials: CREDS, endpoint: server.url, retry: FAST_RETRY });
		const error = await rejectionOf(client.listTasks({ ZoneId: 'z-1' }));
		assert.ok(error instanceof TencentCloudError);
		assert.equal(error.code, 'ClientError.HttpStatus');
		assert.equal(error.httpStatus, 404);
		assert.equal(server.received.length, 1);
	});

	it('keeps working when an onRetry listener throws', async () => {
		server = await startServer((r, res) => (r.index === 0 ? apiError(res, 'InternalError') : apiOk(res, listPayload([]))));
		const client = createOrganizationClient({
			credentials: CREDS,
			endpoint: server.url,
			retry: FAST_RETRY,
			onRetry: () => {
				throw new Error('listener bug');
			},
		});
		const response = await client.listTasks({ ZoneId: 'z-1' });
		assert.deepEqual(response.Tasks, []);
	});

	it('classifies service codes and computes bounded exponential backoff', () => {
		for (const code of ['RequestLimitExceeded', 'RequestLimitExceeded.IPLimitExceeded', 'InternalError', 'InternalError.X', 'ServiceUnavailable']) {
			assert.equal(isRetryableServiceCode(code), true, code);
		}
		for (const code of ['RequestSizeLimitExceeded', 'LimitExceeded', 'InternalErrorX', 'AuthFailure.SignatureExpire', 'FailedOperation']) {
			assert.equal(isRetryableServiceCode(code), false, code);
		}
		const fixed = (r: number) => ({ ...DEFAULT_RETRY_POLICY, random: () => r });
		assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, fixed(0.999999))), [500, 1000, 2000, 4000, 8000, 8000, 8000]);
		assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffDelay(n, fixed(0))), [250, 500, 1000, 2000, 4000]);
	});
});

describe('API client: clock skew', () => {
	let server: TestServer | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	/** A server whose clock runs an hour ahead and enforces the 5-minute window like the real one. */
	function skewedServer(skewMs: number, options: { alwaysExpire?: boolean; sendDate?: boolean } = {}) {
		return startServer((r, res) => {
			const serverNow = Date.now() + skewMs;
			if (options.sendDate === false) {
				res.sendDate = false;
			} else {
				res.setHeader('Date', new Date(serverNow).toUTCString());
			}
			const ts = Number(r.headers['x-tc-timestamp']);
			if (options.alwaysExpire || Math.abs(ts * 1000 - serverNow) > 300_000) {
				apiError(res, 'AuthFailure.SignatureExpire', 'The signature expired.');
			} else {
				apiOk(res, listPayload([task(1)]));
			}
		});
	}

	it('corrects the timestamp from the Date header, retries once, logs it, and keeps the correction', async () => {
		server = await skewedServer(3_600_000);
		const logger = capturingLogger();
		const notices: RetryNotice[] = [];
		const client = createOrganizationClient({ credentials: CREDS, endpoint: server.url, logger, retry: FAST_RETRY, onRetry: (n) => notices.push(n) });
		await client.listTasks({ ZoneId: 'z-1' });
		assert.equal(server.received.length, 2);
		const corrected = Number(server.received[1]?.headers['x-tc-timestamp']);
		assert.ok(Math.abs(corrected * 1000 - (Date.now() + 3_600_000)) < 5000);
		// The Date header has one-second resolution.
		const logged = /warn .*clock is (\d+) s behind the server's.*corrected timestamp/.exec(logger.text());
		assert.ok(logged && Math.abs(Number(logged[1]) - 3600) <= 1, logger.text());
		assert.equal(notices.length, 0, 'no backoff wait, so no retry notice');
		await client.listTasks({ ZoneId: 'z-1' });
		assert.equal(server.received.length, 3, 'the next call uses the correction at once');
	});

	it('says the clock is off when the corrected retry still fails', async () => {
		server = await skewedServer(-900_000, { alwaysExpire: true });
		const client = createOrganizationClient({ credentials: CREDS, endpoint: server.url, retry: FAST_RETRY });
		const error = await rejectionOf(client.listTasks({ ZoneId: 'z-1' }));
		assert.ok(error instanceof TencentCloudError);
		assert.equal(error.code, 'AuthFailure.SignatureExpire');
		const stated = /system clock is (\d+) s ahead of the server's time.*check the system clock/.exec(error.message);
		assert.ok(stated && Math.abs(Number(stated[1]) - 900) <= 1, error.message);
		assert.equal(server.received.length, 2);
	});

	it('fails at once, naming the clock, without a Date header', async () => {
		server = await skewedServer(3_600_000, { sendDate: false });
		const client = createOrganizationClient({ credentials: CREDS, endpoint: server.url, retry: FAST_RETRY });
		const error = await rejectionOf(client.listTasks({ ZoneId: 'z-1' }));
		assert.ok(error instanceof TencentCloudError);
		assert.equal(error.code, 'AuthFailure.SignatureExpire');
		assert.match(error.message, /check the system clock/);
		assert.equal(server.received.length, 1);
	});
});
