import * as assert from 'node:assert/strict';
import { buildWebviewHtml, contentSecurityPolicy, createNonce, escapeHtml, type WebviewHtmlOptions } from '../../../src/webview/html';

const CSP_SOURCE = 'https://*.vscode-cdn.net';

function options(overrides: Partial<WebviewHtmlOptions> = {}): WebviewHtmlOptions {
	return {
		cspSource: CSP_SOURCE,
		nonce: createNonce(),
		scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/dist/detail.js',
		styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/tasks-webview.css',
		title: 'Task details',
		lang: 'en',
		loadingText: 'Loading…',
		testHooks: false,
		...overrides,
	};
}

function cspOf(html: string): string {
	const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
	assert.ok(m, 'a CSP meta element');
	return m[1].replace(/&#39;/g, "'");
}

describe('webview HTML builder', () => {
	it('puts the CSP meta first in <head>, with the nonce and nothing inline allowed', () => {
		const o = options();
		const html = buildWebviewHtml(o);
		const csp = cspOf(html);
		assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'), 'the CSP precedes every resource');
		const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
		assert.deepEqual(directives.get('default-src'), ["'none'"]);
		assert.deepEqual(directives.get('script-src'), [`'nonce-${o.nonce}'`]);
		assert.deepEqual(directives.get('style-src'), [CSP_SOURCE]);
		assert.deepEqual(directives.get('img-src'), [CSP_SOURCE]);
		assert.deepEqual(directives.get('font-src'), [CSP_SOURCE]);
		assert.deepEqual(directives.get('base-uri'), ["'none'"]);
		assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), csp);
		assert.ok(!/\bhttps?:(?!\/\/\*\.vscode-cdn)|\*(?!\.vscode-cdn)/.test(csp.replace(CSP_SOURCE, '')), `no wildcard or scheme sources: ${csp}`);
		assert.equal(csp, contentSecurityPolicy(CSP_SOURCE, o.nonce));
	});

	it('has exactly one script, external and carrying the nonce, and no inline script, style or handler', () => {
		const o = options();
		const html = buildWebviewHtml(o);
		const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
		assert.equal(scripts.length, 1);
		assert.match(scripts[0][1], new RegExp(`nonce="${o.nonce.replace(/[+/]/g, '\\$&')}"`));
		assert.match(scripts[0][1], /src="https:\/\/file\+\.vscode-resource/);
		assert.equal(scripts[0][2].trim(), '', 'no inline code');
		assert.ok(!/<style\b/i.test(html), 'no <style> element');
		assert.ok(!/\sstyle=/i.test(html), 'no style attribute');
		assert.ok(!/\son[a-z]+=/i.test(html), 'no event handler attribute');
		assert.match(html, /aria-live="polite"/);
	});

	it('draws a fresh 128-bit nonce each time', () => {
		const nonces = new Set(Array.from({ length: 200 }, createNonce));
		assert.equal(nonces.size, 200);
		for (const n of nonces) {
			assert.equal(Buffer.from(n, 'base64').length, 16);
		}
	});

	it('escapes every interpolated value and refuses a bad nonce or cspSource', () => {
		const html = buildWebviewHtml(options({ title: '</title><script>alert(1)</script>', lang: '"><img src=x onerror=alert(1)>', loadingText: '<b>x</b>' }));
		assert.ok(!html.includes('<script>alert(1)'), 'title escaped');
		assert.ok(!html.includes('<img'), 'lang escaped');
		assert.ok(!html.includes('<b>'), 'loading text escaped');
		assert.throws(() => buildWebviewHtml(options({ nonce: "abc' 'unsafe-inline" })), /nonce/);
		assert.throws(() => buildWebviewHtml(options({ nonce: 'short' })), /nonce/);
		assert.throws(() => buildWebviewHtml(options({ cspSource: "x; script-src 'unsafe-inline'" })), /cspSource/);
		assert.throws(() => buildWebviewHtml(options({ cspSource: "'unsafe-inline'" })), /cspSource/);
		assert.throws(() => buildWebviewHtml(options({ cspSource: '' })), /cspSource/);
		// What VS Code in a browser sends.
		assert.match(cspOf(buildWebviewHtml(options({ cspSource: "'self' https://*.vscode-cdn.net" }))), /style-src 'self' https:\/\/\*\.vscode-cdn\.net;/);
		assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
	});

	it('marks the page for test hooks only when asked', () => {
		assert.ok(!buildWebviewHtml(options()).includes('data-test-hooks'));
		assert.ok(buildWebviewHtml(options({ testHooks: true })).includes('<body data-test-hooks="true">'));
	});
});
