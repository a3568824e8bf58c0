import { randomBytes } from 'node:crypto';

/**
 * The one place webview HTML is written. Pure (no vscode import) so unit tests can check it. The page is a
 * shell: an empty <main>, one nonce'd external script and one external stylesheet; the script renders every
 * value with textContent, so nothing from the API is ever part of this HTML.
 */

export interface WebviewHtmlOptions {
	/** webview.cspSource */
	cspSource: string;
	nonce: string;
	/** webview.asWebviewUri of media/dist/<name>.js */
	scriptUri: string;
	/** webview.asWebviewUri of media/<name>.css */
	styleUri: string;
	/** Document title for assistive technology; a fixed localized string, never API data. */
	title: string;
	/** BCP 47 language of the UI. */
	lang: string;
	/** Shown until the script renders. */
	loadingText: string;
	/** Lets the script answer the integration tests' snapshot and click requests. */
	testHooks: boolean;
}

/** 128 bits from the OS CSPRNG, base64: a fresh one for every page, so a guessed or leaked nonce is useless. */
export function createNonce(): string {
	return randomBytes(16).toString('base64');
}

const NONCE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;

export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The Content-Security-Policy: nothing by default; scripts only with this page's nonce; styles, images and
 * fonts only from the extension (webview.cspSource, itself limited to localResourceRoots = media/). No
 * 'unsafe-inline' anywhere, so injected markup could neither run script nor carry style attributes; base-uri
 * and form-action are not covered by default-src and are closed explicitly.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
	return [
		"default-src 'none'",
		`style-src ${cspSource}`,
		`script-src 'nonce-${nonce}'`,
		`img-src ${cspSource}`,
		`font-src ${cspSource}`,
		"base-uri 'none'",
		"form-action 'none'",
	].join('; ');
}

export function buildWebviewHtml(o: WebviewHtmlOptions): string {
	if (!NONCE.test(o.nonce)) {
		throw new Error('buildWebviewHtml: the nonce must be base64 of at least 12 random bytes');
	}
	// VS Code sends source expressions such as "'self' https://*.vscode-cdn.net"; nothing that could end the
	// directive or widen it to inline code is accepted.
	if (o.cspSource.trim().length === 0 || /[;,"\n\r]|'unsafe-|'nonce-|'sha\d/i.test(o.cspSource)) {
		throw new Error('buildWebviewHtml: unexpected characters in cspSource');
	}
	const csp = contentSecurityPolicy(o.cspSource, o.nonce);
	const hooks = o.testHooks ? ' data-test-hooks="true"' : '';
	return `<!DOCTYPE html>
<html lang="${escapeHtml(o.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(o.styleUri)}">
<title>${escapeHtml(o.title)}</title>
</head>
<body${hooks}>
<main id="root" aria-busy="true"><p class="loading">${escapeHtml(o.loadingText)}</p></main>
<div id="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
<script nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>
`;
}
