import type { TestReplyMessage, TestRequest, WebviewLayout, WebviewSnapshot } from '../../testProtocol';
import { findByKey } from './dom';
import type { VsCodeApi } from './vscodeApi';

/**
 * What the integration tests need from a DOM the extension host cannot reach: a snapshot of the page and a
 * way to click a button. Answered only when the host built the page with data-test-hooks (test mode).
 * CSP violations are recorded from the first moment, so an injected handler that the CSP blocked shows up.
 * `__CIC_TEST_HOOKS__` is false in a production build, so none of this is in the shipped media/dist scripts.
 */

const violations: string[] = [];

if (__CIC_TEST_HOOKS__) {
	document.addEventListener('securitypolicyviolation', (e) => {
		violations.push(`${e.violatedDirective} ${e.blockedURI}`.trim());
	});
}

function snapshot(api: VsCodeApi): WebviewSnapshot {
	const fields = new Map<string, string>();
	for (const element of document.querySelectorAll<HTMLElement>('[data-field]')) {
		const name = element.dataset.field ?? '';
		if (!fields.has(name)) {
			fields.set(name, element.textContent ?? '');
		}
	}
	const tags = new Map<string, number>();
	for (const element of document.querySelectorAll('*')) {
		const tag = element.tagName.toLowerCase();
		tags.set(tag, (tags.get(tag) ?? 0) + 1);
	}
	return {
		csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
		fields: Object.fromEntries(fields),
		text: document.body.textContent ?? '',
		html: document.body.innerHTML,
		tags: Object.fromEntries(tags),
		executed: '__cicXss' in window,
		violations: [...violations],
		announcement: document.getElementById('announcer')?.textContent ?? '',
		keys: [...document.querySelectorAll<HTMLElement>('[data-key]')].map((e) => e.dataset.key ?? ''),
		state: api.getState(),
		styleAttributes: document.body.querySelectorAll('[style]').length,
		eventAttributes: [...document.querySelectorAll('*')].filter((e) => e.getAttributeNames().some((n) => n.toLowerCase().startsWith('on'))).length,
		layout: layout(),
		themeKind: document.body.dataset.vscodeThemeKind ?? '',
	};
}

function layout(): WebviewLayout {
	const page = document.documentElement;
	// A Map, not an object: field names can hold API values, "__proto__" among them.
	const fields = new Map<string, { top: number; bottom: number }>();
	for (const element of document.querySelectorAll<HTMLElement>('[data-field]')) {
		const name = element.dataset.field ?? '';
		if (!fields.has(name)) {
			const r = element.getBoundingClientRect();
			fields.set(name, { top: r.top + window.scrollY, bottom: r.bottom + window.scrollY });
		}
	}
	return { scrollWidth: page.scrollWidth, scrollHeight: page.scrollHeight, viewportWidth: page.clientWidth, viewportHeight: page.clientHeight, fields: Object.fromEntries(fields) };
}

function isTestRequest(value: unknown): value is { type: 'test'; request: TestRequest } {
	if (typeof value !== 'object' || value === null) {
		return false;
	}
	const m = value as { type?: unknown; request?: { kind?: unknown; requestId?: unknown } };
	return m.type === 'test' && typeof m.request === 'object' && m.request !== null && typeof m.request.requestId === 'number';
}

export function installTestHooks(api: VsCodeApi): void {
	if (!__CIC_TEST_HOOKS__ || document.body.dataset.testHooks !== 'true') {
		return;
	}
	window.addEventListener('message', (event: MessageEvent<unknown>) => {
		if (!isTestRequest(event.data)) {
			return;
		}
		const request = event.data.request;
		const reply: TestReplyMessage = { type: 'testReply', requestId: request.requestId };
		if (request.kind === 'snapshot') {
			reply.snapshot = snapshot(api);
		} else if (request.kind === 'click') {
			const target = findByKey(request.key);
			if (target) {
				target.click();
			}
			reply.clicked = target !== undefined;
		}
		api.postMessage(reply);
	});
}
