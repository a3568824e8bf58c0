import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ListTasksFilter } from '../api/types';
import { ApiError } from './messages';
import { FILTER_FIELDS } from './params';

/**
 * NextToken = base64(payload ‖ HMAC-SHA256(server secret, payload)[0..16]). The payload holds the cursor
 * (position of the last task returned) and a hash of the zone and filters, so a token is rejected when edited,
 * minted by another emulator run, or replayed with different filters. It carries no expiry and the server keeps
 * no state for it: the same token can be retried any number of times, which is what a client does after a fault.
 */

const MAC_BYTES = 16;

interface TokenPayload {
	v: 1;
	/** Position (seq) of the last task already returned. */
	p: number;
	/** Hash of the listing's scope: zone and filters. */
	f: string;
}

/** A canonical string for the zone plus filters (MaxResults may change between pages, so it is left out). */
export function scopeKey(zoneId: string, filter: ListTasksFilter): string {
	return JSON.stringify([zoneId, ...FILTER_FIELDS.map((f) => filter[f] ?? null)]);
}

function scopeHash(scope: string): string {
	return createHash('sha256').update(scope).digest('base64url').slice(0, 16);
}

export class PageTokens {
	constructor(private readonly secret: Uint8Array = randomBytes(32)) {}

	issue(afterSeq: number, scope: string): string {
		const payload: TokenPayload = { v: 1, p: afterSeq, f: scopeHash(scope) };
		return this.seal(payload);
	}

	/** The cursor inside a token this server issued for the same scope; NextTokenInvalid otherwise. */
	read(token: string, scope: string): number {
		const payload = this.open(token);
		if (!isPayload(payload) || payload.f !== scopeHash(scope)) {
			throw new ApiError('InvalidParameter.NextTokenInvalid');
		}
		return payload.p;
	}

	/**
	 * The same for listings whose cursor is a sort key (the last row's), not a position: the directory lists are
	 * derived from the tasks and may gain rows mid-listing, which a key cursor neither skips nor repeats.
	 */
	issueKey(afterKey: string, scope: string): string {
		return this.seal({ v: 2, k: afterKey, f: scopeHash(scope) });
	}

	readKey(token: string, scope: string): string {
		const payload = this.open(token);
		const o = payload as Record<string, unknown> | undefined;
		if (o?.v !== 2 || typeof o.k !== 'string' || o.f !== scopeHash(scope)) {
			throw new ApiError('InvalidParameter.NextTokenInvalid');
		}
		return o.k;
	}

	private seal(payload: object): string {
		const body = Buffer.from(JSON.stringify(payload), 'utf8');
		return Buffer.concat([body, this.mac(body)]).toString('base64');
	}

	/** The payload of a token this server issued, unchecked beyond its MAC; NextTokenInvalid otherwise. */
	private open(token: string): unknown {
		const invalid = new ApiError('InvalidParameter.NextTokenInvalid');
		if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.length % 4 !== 0) {
			throw invalid;
		}
		const raw = Buffer.from(token, 'base64');
		if (raw.length <= MAC_BYTES || raw.toString('base64') !== token) {
			throw invalid;
		}
		const body = raw.subarray(0, raw.length - MAC_BYTES);
		if (!timingSafeEqual(raw.subarray(raw.length - MAC_BYTES), this.mac(body))) {
			throw invalid;
		}
		try {
			return JSON.parse(body.toString('utf8')) as unknown;
		} catch {
			throw invalid;
		}
	}

	private mac(body: Uint8Array): Buffer {
		return createHmac('sha256', this.secret).update(body).digest().subarray(0, MAC_BYTES);
	}
}

function isPayload(v: unknown): v is TokenPayload {
	if (typeof v !== 'object' || v === null) {
		return false;
	}
	const o = v as Record<string, unknown>;
	return o.v === 1 && typeof o.p === 'number' && Number.isSafeInteger(o.p) && o.p >= 0 && typeof o.f === 'string';
}
