import * as assert from 'node:assert/strict';
import Sign from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/sign';
import { sign } from '../../../src/api/signer';

/** mulberry32: tiny, seeded, good enough to pick test inputs reproducibly. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const SEED = 20210331;
const CASES = 400;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const KEY_CHARS = `${ALNUM}+/=-_.~!*`;
const UNICODE = ['未命名', '任务', 'Ünïcödé', 'émoji 😀🚀', 'русский', '"quoted"', 'back\\slash', 'tab\there', 'line\nbreak', '\u0000nul', '\u2028sep'];
const HOSTS = [
	'organization.tencentcloudapi.com',
	'organization.intl.tencentcloudapi.com',
	'organization.tencentcloudapi.com:8443',
	'cvm.tencentcloudapi.com',
];
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8'];

describe('TC3 signer agrees with the official SDK (Sign.sign3)', () => {
	it(`matches on ${CASES} seeded random inputs (seed ${SEED})`, () => {
		const random = prng(SEED);
		const int = (n: number): number => Math.floor(random() * n);
		const pick = <T>(items: readonly T[]): T => items[int(items.length)];
		const text = (chars: string, length: number): string =>
			Array.from({ length }, () => chars[int(chars.length)]).join('');
		let nearMidnight = 0;
		for (let i = 0; i < CASES; i++) {
			const secretId = `AKID${text(ALNUM, 32)}`;
			const secretKey = text(KEY_CHARS, 16 + int(32));
			// A third of the cases sit within ±3 s of a UTC midnight, where a local-time date would be wrong.
			const day = 10957 + int(36525); // 2000-01-01 .. 2100
			const timestamp = i % 3 === 0 ? day * 86400 + int(7) - 3 : day * 86400 + int(86400);
			if (i % 3 === 0) {
				nearMidnight++;
			}
			const params: Record<string, unknown> = { ZoneId: `z-${text(ALNUM, 8)}`, MaxResults: 1 + int(100) };
			if (random() < 0.7) {
				params.PrincipalId = `${pick(UNICODE)}-${text(ALNUM, 4)}`;
			}
			if (random() < 0.5) {
				params.TargetUin = int(2 ** 40);
			}
			// Literal \uXXXX escapes and raw UTF-8 both occur on the wire; the hash must cover whichever was sent.
			const json = JSON.stringify(params);
			const bodyText = random() < 0.3 ? json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
			const body = Buffer.from(random() < 0.1 ? '' : bodyText, 'utf8');
			const host = pick(HOSTS);
			const hostname = host.replace(/:\d+$/, '');
			const service = hostname.split('.')[0] ?? '';
			const contentType = pick(CONTENT_TYPES);

			const sdk = Sign.sign3({
				method: 'POST',
				url: `https://${host}/`,
				payload: body,
				timestamp,
				service,
				secretId,
				secretKey,
				multipart: false,
				boundary: '',
				headers: { 'Content-Type': contentType },
			});
			const ours = sign({
				method: 'POST',
				headers: { 'content-type': contentType, host: hostname },
				body,
				secretId,
				secretKey,
				service,
				timestamp,
			});
			assert.equal(ours.authorization, sdk, `case ${i} (seed ${SEED}): ${JSON.stringify({ host, contentType, timestamp, body: body.toString() })}`);
		}
		assert.ok(nearMidnight >= CASES / 4);
	});

	it('matches on the published vector 1 through the SDK as well', () => {
		const body = Buffer.from('{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}', 'utf8');
		const input = {
			secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
			secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
			service: 'cvm',
			timestamp: 1551113065,
		};
		const sdk = Sign.sign3({
			...input,
			method: 'POST',
			url: 'https://cvm.tencentcloudapi.com/',
			payload: body,
			multipart: false,
			boundary: '',
			headers: { 'Content-Type': 'application/json; charset=utf-8' },
		});
		const ours = sign({
			...input,
			method: 'POST',
			headers: { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' },
			body,
		});
		assert.equal(sdk, ours.authorization);
		assert.match(sdk, /Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168$/);
	});
});
