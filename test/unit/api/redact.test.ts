import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { createOrganizationClient, REDACTED, redactHeaders, redactSecrets, type RetryNotice } from '../../../src/api/index';
import { apiError, apiOk, capturingLogger, listPayload, rejectionOf, type Received, sendJson, startServer, task } from './helpers';

const SECRET_ID = 'AKIDcanaryid000000000000000000000000';
const SECRET_KEY = 'CanarySecretKey-q8Zt3RkW9pLx';
const TOKEN = 'CanarySessionToken-Vb71Nn0Qe';
const ECHO = `secret ${SECRET_KEY} token ${TOKEN}`;

type Scenario = (r: Received, res: ServerResponse) => void;

const SCENARIOS: Record<string, Scenario> = {
	success: (_r, res) => apiOk(res, listPayload([task(1)])),
	'auth failure echoing the secrets': (_r, res) => apiError(res, 'AuthFailure.SignatureFailure', ECHO),
	'retryable errors echoing the secrets, then success': (r, res) => (r.index < 2 ? apiError(res, 'InternalError', ECHO) : apiOk(res, listPayload([]))),
	'retryable errors until exhaustion': (_r, res) => apiError(res, 'RequestLimitExceeded', ECHO),
	'HTTP 500 with the secrets in the body': (_r, res) => { res.writeHead(500); res.end(ECHO); },
	'invalid JSON with the secrets in it': (_r, res) => { res.writeHead(200); res.end(`{"Response": ${ECHO}`); },
	'a secret in a mistyped field': (_r, res) => sendJson(res, { Response: { ...listPayload([{ ...task(1), TargetUin: SECRET_KEY as unknown as number }]), RequestId: 'r' } }),
	'a token in a mistyped field': (_r, res) => sendJson(res, { Response: { ...listPayload([{ ...task(1), TargetUin: TOKEN as unknown as number }]), RequestId: 'r' } }),
	'connection reset': (r) => r.req.socket.destroy(),
	timeout: () => undefined,
	'clock skew echoing the secrets': (_r, res) => apiError(res, 'AuthFailure.SignatureExpire', ECHO),
};

function assertClean(label: string, text: string): void {
	assert.ok(!text.includes(SECRET_KEY), `${label} contains the SecretKey: ${text}`);
	assert.ok(!text.includes(TOKEN), `${label} contains the token: ${text}`);
	assert.ok(!/[0-9a-f]{64}/.test(text), `${label} contains a signature: ${text}`);
}

describe('API client: secrets never leak', () => {
	for (const [name, scenario] of Object.entries(SCENARIOS)) {
		it(`keeps the SecretKey and token out of logs, errors and stacks: ${name}`, async () => {
			const server = await startServer(scenario);
			try {
				const logger = capturingLogger();
				const notices: RetryNotice[] = [];
				const client = createOrganizationClient({
					credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY, token: TOKEN },
					endpoint: server.url,
					logger,
					timeoutMs: 100,
					retry: { baseDelayMs: 1, maxDelayMs: 2, maxRetries: 2 },
					onRetry: (n) => notices.push(n),
				});
				const outcomes = await Promise.allSettled([
					client.listTasks({ ZoneId: 'z-1' }),
					client.getTaskStatus({ ZoneId: 'z-1', TaskId: 't-1' }),
				]);
				assert.ok(server.received.length > 0);
				assert.equal(server.received[0]?.headers['x-tc-token'], TOKEN, 'the token itself is still sent');
				assert.ok(logger.lines.length > 0);
				assert.ok(logger.lines.some((l) => l.level === 'debug' && l.message.includes(`"X-TC-Token":"${REDACTED}"`)));
				for (const line of logger.lines) {
					assertClean(`${line.level} log line`, line.message);
				}
				for (const n of notices) {
					assertClean('retry notice', JSON.stringify(n));
				}
				for (const outcome of outcomes) {
					if (outcome.status === 'rejected') {
						const e = outcome.reason as Error;
						assertClean('error message', e.message);
						assertClean('error stack', String(e.stack));
						assertClean('String(error)', String(e));
						assertClean('JSON of error', JSON.stringify(e));
					}
				}
			} finally {
				await server.close();
			}
		});
	}

	it('keeps secrets out of an aborted call', async () => {
		const server = await startServer(() => undefined);
		try {
			const logger = capturingLogger();
			const client = createOrganizationClient({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY, token: TOKEN }, endpoint: server.url, logger });
			const controller = new AbortController();
			const call = client.listTasks({ ZoneId: 'z-1' }, { signal: controller.signal });
			setTimeout(() => controller.abort(), 30);
			const error = (await rejectionOf(call)) as Error;
			assertClean('abort stack', String(error.stack));
			for (const line of logger.lines) {
				assertClean('log line', line.message);
			}
		} finally {
			await server.close();
		}
	});

	it('redactHeaders hides Authorization secrets and the token, keeping the rest', () => {
		const out = redactHeaders({
			Authorization: `TC3-HMAC-SHA256 Credential=${SECRET_ID}/2024-01-02/organization/tc3_request, SignedHeaders=content-type;host, Signature=${'a'.repeat(64)}`,
			'X-TC-Token': TOKEN,
			'x-tc-action': 'ListTasks',
			'Content-Length': 12,
		});
		assert.deepEqual(out, {
			Authorization: `TC3-HMAC-SHA256 Credential=${REDACTED}/2024-01-02/organization/tc3_request, SignedHeaders=content-type;host, Signature=${REDACTED}`,
			'X-TC-Token': REDACTED,
			'x-tc-action': 'ListTasks',
			'Content-Length': '12',
		});
		assert.deepEqual(redactHeaders({ authorization: 'Basic dXNlcjpwYXNz' }), { authorization: REDACTED });
	});

	it('redactSecrets removes every occurrence, longest first, and any signature', () => {
		assert.equal(redactSecrets(`a ${SECRET_KEY} b ${SECRET_KEY}`, [SECRET_KEY]), `a ${REDACTED} b ${REDACTED}`);
		assert.equal(redactSecrets('key abcdef and abcdefgh', ['abcdef', 'abcdefgh']), `key ${REDACTED} and ${REDACTED}`);
		assert.equal(redactSecrets(`Signature=${'0f'.repeat(32)}`), `Signature=${REDACTED}`);
		assert.equal(redactSecrets('tiny x', ['x', undefined, '']), 'tiny x', 'too-short values are not treated as secrets');
	});
});
