import { isPlainRecord } from './protocol';

/**
 * The test-only half of the webview protocol: the integration tests ask a page for a DOM snapshot or a click, and
 * the page answers. Kept out of protocol.ts, the product's protocol. Both sides use it only behind the
 * `__CIC_TEST_HOOKS__` guard (src/host/testMode.ts), so a production build contains none of it; the page answers
 * only when the host built it with test hooks on.
 */

export type TestAsk = { kind: 'snapshot' } | { kind: 'click'; key: string };
export type TestRequest = TestAsk & { requestId: number };

export interface TestRequestMessage {
	type: 'test';
	request: TestRequest;
}

/** What the webview DOM looked like, for the integration tests (the DOM is out of the host's reach). */
export interface WebviewSnapshot {
	csp: string;
	/** textContent of every element with a data-field attribute (first one wins). */
	fields: Record<string, string>;
	text: string;
	html: string;
	/** How many elements of each tag name the document holds. */
	tags: Record<string, number>;
	/** Whether any payload managed to set window.__cicXss. */
	executed: boolean;
	/** Content-Security-Policy violations seen since the script started. */
	violations: string[];
	announcement: string;
	/** data-key of every interactive element, in document order. */
	keys: string[];
	/** What the webview saved with setState (what a window reload restores from). */
	state: unknown;
	/** Elements carrying a style attribute (bars get one from CSSOM custom properties; markup must add none). */
	styleAttributes: number;
	/** Elements carrying any on* event-handler attribute (must be 0). */
	eventAttributes: number;
	/** Sizes in CSS pixels, for the layout tests (a long value must not push the page out of shape). */
	layout: WebviewLayout;
	/** The theme kind VS Code put on the page's body (vscode-dark, vscode-light, vscode-high-contrast…). */
	themeKind: string;
}

export interface WebviewLayout {
	/** The page's scroll size and the viewport (document.documentElement). */
	scrollWidth: number;
	scrollHeight: number;
	viewportWidth: number;
	viewportHeight: number;
	/** Where the first element of each data-field is, relative to the top of the page. */
	fields: Record<string, { top: number; bottom: number }>;
}

export interface TestReplyMessage {
	type: 'testReply';
	requestId: number;
	snapshot?: WebviewSnapshot;
	clicked?: boolean;
}

// ---- runtime guard ------------------------------------------------------------------------------------

const MAX_SNAPSHOT_CHARS = 64 * 1024 * 1024;

/** Loose, test-only: accepted only when the host runs with test hooks, and then only read by the test. */
export function isTestReplyMessage(value: unknown): value is TestReplyMessage {
	if (!isPlainRecord(value) || value.type !== 'testReply' || typeof value.requestId !== 'number') {
		return false;
	}
	if (value.snapshot === undefined) {
		return true;
	}
	const s = value.snapshot;
	return isPlainRecord(s) && typeof s.html === 'string' && s.html.length <= MAX_SNAPSHOT_CHARS && typeof s.csp === 'string' && isPlainRecord(s.fields);
}
