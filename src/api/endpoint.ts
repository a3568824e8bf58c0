import { ClientErrorCode, TencentCloudError } from './errors';
import { DEFAULT_ENDPOINT } from './types';

export interface ResolvedEndpoint {
	/** Scheme, host and port, e.g. https://organization.tencentcloudapi.com or http://127.0.0.1:8080. */
	readonly origin: string;
	readonly url: URL;
	/** The value signed as `host`: the hostname without port, as the official SDK signs it. */
	readonly signingHost: string;
	/** The host is one of PLAIN_HTTP_HOSTS, written so: the only case where http:// is accepted. */
	readonly loopback: boolean;
}

/**
 * The only hosts plain http may go to. VS Code's proxy support sends every other host through a configured proxy,
 * 127.0.0.2 and [::ffff:127.0.0.1] included, so "any loopback address" would put the signature and the session token on
 * the wire in clear text. WHATWG URL parsing also turns 127.1, 0x7f000001 and a trailing-dot 127.0.0.1. into 127.0.0.1,
 * so the host is checked as written too: one spelling of each, nothing that merely normalises to it.
 */
export const PLAIN_HTTP_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** True for exactly localhost, 127.0.0.1 and [::1] (also written ::1, as Node writes socket addresses). */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return PLAIN_HTTP_HOSTS.includes(host) || host === '::1';
}

/** The host part of `text` as typed, before URL parsing normalises it; '' when there is none. */
function hostAsWritten(text: string): string {
	const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/\\?#]*)/i.exec(text)?.[1] ?? '';
	const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
	return hostAndPort.startsWith('[') ? hostAndPort.slice(0, hostAndPort.indexOf(']') + 1) : (hostAndPort.split(':')[0] ?? '');
}

/**
 * Whether `url` (parsed from `text`) may be used over plain http: its host is one of {@link PLAIN_HTTP_HOSTS}, and
 * `text` spells it so. The one rule for the client and the input boxes.
 */
export function allowsPlainHttp(text: string, url: URL): boolean {
	return isLoopbackHost(url.hostname) && isLoopbackHost(hostAsWritten(text));
}

function invalid(message: string): TencentCloudError {
	return new TencentCloudError(ClientErrorCode.InvalidEndpoint, message);
}

/**
 * Checks an endpoint once, when the client is created, so a bad setting fails before any credentials are
 * used. Plain http is refused except to exactly localhost, 127.0.0.1 and [::1], where only the local emulator listens
 * and which VS Code's proxy support never sends through a proxy.
 */
export function resolveEndpoint(endpoint: string = DEFAULT_ENDPOINT): ResolvedEndpoint {
	const trimmed = endpoint.trim();
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		throw invalid('The API endpoint is not a valid URL.');
	}
	if (url.username || url.password) {
		// Never echo the URL: its user-info part is exactly what must not reach a log.
		throw invalid('The API endpoint must not contain a user name or password.');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw invalid(`The API endpoint must use https:// (got ${url.protocol}//).`);
	}
	if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
		// API 3.0 always signs the canonical URI "/", so any other path could never verify.
		throw invalid(`The API endpoint must not have a path or query: ${url.protocol}//${url.host}${url.pathname}`);
	}
	const loopback = allowsPlainHttp(withScheme, url);
	if (url.protocol === 'http:' && !loopback) {
		throw new TencentCloudError(
			ClientErrorCode.InsecureEndpoint,
			isLoopbackHost(url.hostname)
				? `Refusing to send signed requests over plain http to ${url.host}: write the host exactly as ${url.hostname} (http:// is allowed only for localhost, 127.0.0.1 and [::1], spelled so), or use https://.`
				: `Refusing to send signed requests over plain http to ${url.host}; use https:// (http:// is allowed only for localhost, 127.0.0.1 and [::1], where only a local emulator listens).`,
		);
	}
	return { origin: `${url.protocol}//${url.host}`, url, signingHost: url.hostname, loopback };
}
