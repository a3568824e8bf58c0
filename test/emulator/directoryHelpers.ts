import * as fs from 'node:fs';
import { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import * as path from 'node:path';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { isTencentCloudError } from '../../src/api/errors';
import type { RunningEmulator } from '../../src/emulator/index';

/** Shared by the directory tests: paging to the end, error-code matching, and the hostile names. */

export interface TokenPage {
	IsTruncated: boolean;
	NextToken?: string;
	TotalCounts: number;
}

/** Every page of a NextToken listing; fails on a page count that would mean a loop. */
export async function allPages<P extends TokenPage>(fetch: (token: string | undefined) => Promise<P>, maxPages = 1000): Promise<P[]> {
	const pages: P[] = [];
	let token: string | undefined;
	do {
		const page = await fetch(token);
		pages.push(page);
		token = page.IsTruncated ? page.NextToken : undefined;
		if (pages.length > maxPages) {
			throw new Error(`more than ${maxPages} pages`);
		}
	} while (token !== undefined);
	return pages;
}

export function withCode(code: string): (e: unknown) => boolean {
	return (e: unknown) => {
		if (isTencentCloudError(e) && e.code === code) {
			return true;
		}
		throw new Error(`expected ${code}, got ${isTencentCloudError(e) ? e.code : String(e)}`);
	};
}

function repoRoot(): string {
	let dir = __dirname;
	while (!fs.existsSync(path.join(dir, 'test', 'fixtures', 'hostile-strings.json'))) {
		const up = path.dirname(dir);
		if (up === dir) {
			throw new Error(`no repository root above ${__dirname}`);
		}
		dir = up;
	}
	return dir;
}

/** The hostile corpus of the webview tests plus markup, bidi, control and very long strings. */
export function hostileNames(): string[] {
	const corpus = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'hostile-strings.json'), 'utf8')) as { hostile: { value: string }[] };
	return [
		...corpus.hostile.map((h) => h.value),
		'<img src=x onerror=alert(1)>',
		'</script><script>alert("x")</script>',
		'"><svg onload=alert(1)>',
		'${7*7} {{constructor.constructor("alert(1)")()}}',
		'\u202Egnp.exe\u202C \u200B\uFEFF',
		'line1\nline2\r\n\tTabbed',
		'\u0000nul and \u0007bell',
		'$(alert) $(sync~spin) \\$(x)',
		'😀 emoji 名字 اسم',
		'x'.repeat(20_000),
	];
}

/** An Agent that connects every host name to 127.0.0.1, so the SDK keeps signing for the real host (spec §1.3). */
export function loopbackAgent(): Agent {
	const lookup: LookupFunction = (_host, options, callback) => {
		if (options.all) {
			(callback as unknown as (err: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
		} else {
			callback(null, '127.0.0.1', 4);
		}
	};
	return new Agent({ keepAlive: true, lookup });
}

export function sdkClientFor(emu: Pick<RunningEmulator, 'port' | 'credentials'>, agent: Agent): CommonClient {
	return new CommonClient('organization.tencentcloudapi.com', '2021-03-31', {
		credential: { secretId: emu.credentials.secretId, secretKey: emu.credentials.secretKey },
		profile: { language: 'en-US', httpProfile: { endpoint: `organization.tencentcloudapi.com:${emu.port}`, protocol: 'http://', agent, reqTimeout: 10 } },
	});
}
