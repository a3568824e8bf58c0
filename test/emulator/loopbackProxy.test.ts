import * as assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as legacyParse } from 'node:url';
import { createOrganizationClient, isTencentCloudError } from '../../src/api/index';
import { validateEndpoint } from '../../src/model/validators';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';

/*
 * Issue 13, item 3: with a proxy configured, VS Code sends every request through it except to the few hosts its proxy
 * support treats as local. The extension's transport (src/api/transport.ts) calls http.request without an agent, so
 * it gets whatever the host installed. This file installs a stand-in for that: a global agent that reads HTTP_PROXY /
 * http_proxy and bypasses the hosts @vscode/proxy-agent bypasses, tested against a fake proxy that records what reaches
 * it. A "loopback" endpoint outside the three allowed hosts must be refused before any byte leaves.
 */

const TOKEN = 'ProxyCanaryToken.0123456789-abcdef';
/** The hosts @vscode/proxy-agent sends DIRECT, compared with the legacy url.parse hostname as it does. */
const VSCODE_DIRECT_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '::ffff:127.0.0.1']);

interface SeenByProxy {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
}

/** Node's Agent calls this for every request it serves; it is the hook HTTP proxy agents use, but @types/node omits it. */
interface AgentHook {
	addRequest(request: http.ClientRequest, options: http.RequestOptions): void;
}

/** Routes plain-http requests the way VS Code's proxy support does when HTTP_PROXY (or http.proxy) is set. */
class ProxyHonouringAgent extends http.Agent {
	addRequest(request: http.ClientRequest, options: http.RequestOptions): void {
		const proxy = process.env.http_proxy ?? process.env.HTTP_PROXY;
		const target = `http://${request.getHeader('host') as string}${request.path}`;
		const hostname = legacyParse(target).hostname ?? '';
		const hook = http.Agent.prototype as unknown as AgentHook;
		if (!proxy || VSCODE_DIRECT_HOSTS.has(hostname)) {
			hook.addRequest.call(this, request, options);
			return;
		}
		// A proxied plain-http request names its target in absolute form and goes to the proxy's socket.
		const via = new URL(proxy);
		request.path = target;
		hook.addRequest.call(this, request, { ...options, host: via.hostname, hostname: via.hostname, port: Number(via.port) });
	}
}

function listen(server: http.Server): Promise<number> {
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function plainGet(url: string): Promise<number> {
	return new Promise((resolve, reject) => {
		http.get(url, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode ?? 0));
		}).on('error', reject);
	});
}

describe('loopback endpoints behind a proxy (HTTP_PROXY and a proxy-aware global agent)', function () {
	this.timeout(30000);
	let emulator: RunningEmulator;
	let proxy: http.Server;
	let seen: SeenByProxy[];
	let savedAgent: http.Agent;
	const savedEnv = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy, NO_PROXY: process.env.NO_PROXY, no_proxy: process.env.no_proxy };

	before(async () => {
		emulator = await startEmulator({ tasks: 5, seed: 13, token: TOKEN, language: 'en-US' });
		seen = [];
		proxy = http.createServer((req, res) => {
			seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
			req.resume();
			res.writeHead(502, { 'Content-Type': 'text/plain' }).end('fake proxy: not forwarding');
		});
		const proxyPort = await listen(proxy);
		process.env.HTTP_PROXY = process.env.http_proxy = `http://127.0.0.1:${proxyPort}`;
		delete process.env.NO_PROXY;
		delete process.env.no_proxy;
		savedAgent = http.globalAgent;
		http.globalAgent = new ProxyHonouringAgent();
	});

	beforeEach(() => {
		seen.length = 0;
	});

	after(async () => {
		http.globalAgent.destroy();
		http.globalAgent = savedAgent;
		for (const [key, value] of Object.entries(savedEnv)) {
			if (value === undefined) {
				delete process.env[key];
			} else {
				process.env[key] = value;
			}
		}
		await new Promise((resolve) => proxy.close(resolve));
		await emulator.close();
	});

	it('the stand-in routes like VS Code: 127.0.0.2 goes through the proxy, 127.0.0.1 goes direct', async () => {
		// Without this, the refusals below would prove nothing: this is where the signed requests used to go.
		assert.equal(await plainGet(`http://127.0.0.2:${emulator.port}/`), 502);
		assert.deepEqual(seen.map((s) => s.url), [`http://127.0.0.2:${emulator.port}/`]);
		seen.length = 0;
		assert.notEqual(await plainGet(`${emulator.url}/`), 502);
		assert.deepEqual(seen, [], 'the proxy saw a request to 127.0.0.1');
	});

	it('refuses http:// to other loopback spellings before anything is sent, so no Authorization or X-TC-Token reaches the proxy', async () => {
		const before = emulator.counters().requests;
		const endpoints = [
			`http://127.0.0.2:${emulator.port}`,
			`http://127.255.255.254:${emulator.port}`,
			`http://[::ffff:127.0.0.1]:${emulator.port}`,
			`http://[::ffff:7f00:2]:${emulator.port}`,
			`http://localhost.:${emulator.port}`,
		];
		const outcomes = new Map<string, unknown>();
		for (const endpoint of endpoints) {
			try {
				const client = createOrganizationClient({ endpoint, credentials: emulator.credentials, retry: { maxRetries: 0 } });
				outcomes.set(endpoint, await client.listTasks({ ZoneId: emulator.zoneId, MaxResults: 5 }));
			} catch (error) {
				outcomes.set(endpoint, error);
			}
		}
		// Only whether the headers came, never their values: a failing run must not print the signature or the token.
		assert.deepEqual(seen.map((s) => `${s.method} ${s.url} with Authorization: ${'authorization' in s.headers}, X-TC-Token: ${'x-tc-token' in s.headers}`), [], 'the proxy saw signed requests');
		for (const endpoint of endpoints) {
			const outcome = outcomes.get(endpoint);
			assert.ok(isTencentCloudError(outcome) && outcome.code === 'ClientError.InsecureEndpoint', `${endpoint}: ${String(outcome)}`);
			assert.match(validateEndpoint(endpoint) ?? '', /allowed only for a local emulator at exactly localhost, 127\.0\.0\.1 or \[::1\]/, endpoint);
		}
		assert.equal(emulator.counters().requests, before, 'nothing reached the emulator either');
	});

	it('sends http://127.0.0.1 direct, with the token, and never to the proxy', async () => {
		const client = createOrganizationClient({ endpoint: emulator.url, credentials: emulator.credentials });
		const page = await client.listTasks({ ZoneId: emulator.zoneId, MaxResults: 5 });
		assert.equal(page.Tasks.length, 5);
		assert.equal(emulator.credentials.token, TOKEN, 'temporary keys: the token is on every request');
		assert.deepEqual(seen, [], 'the proxy saw a request to 127.0.0.1');
	});
});
