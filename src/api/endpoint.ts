import { isIP } from 'node:net';
import { ClientErrorCode, TencentCloudError } from './errors';
import { DEFAULT_ENDPOINT } from './types';

export interface ResolvedEndpoint {
	/** Scheme, host and port, e.g. https://organization.tencentcloudapi.com or http://127.0.0.1:8080. */
	readonly origin: string;
	readonly url: URL;
	/** The value signed as `host`: the hostname without port, as the official SDK signs it. */
	readonly signingHost: string;
	readonly loopback: boolean;
}

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
	if (host === 'localhost') {
		return true;
	}
	if (isIP(host) === 4) {
		return host.startsWith('127.');
	}
	if (isIP(host) === 6) {
		// WHATWG URL parsing normalises ::1 and ::ffff:127.x.y.z to these forms.
		return host === '::1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
	}
	return false;
}

function invalid(message: string): TencentCloudError {
	return new TencentCloudError(ClientErrorCode.InvalidEndpoint, message);
}

/**
 * Checks an endpoint once, when the client is created, so a bad setting fails before any credentials are
 * used. Plain http is refused except on loopback, where only the local emulator can listen.
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
	const loopback = isLoopbackHost(url.hostname);
	if (url.protocol === 'http:' && !loopback) {
		throw new TencentCloudError(
			ClientErrorCode.InsecureEndpoint,
			`Refusing to send signed requests over plain http to ${url.host}; use https:// (http:// is allowed only for loopback addresses).`,
		);
	}
	return { origin: `${url.protocol}//${url.host}`, url, signingHost: url.hostname, loopback };
}
