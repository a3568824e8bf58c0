import type { AccountEntry, PrincipalEntry, RoleConfigurationEntry } from './names';

/**
 * The persistent form of one zone's name directory, and the store that keeps it. The snapshot holds names and
 * emails (personal data) and never a key: the host keeps one file per zone and deletes it when the profile's
 * credentials are removed.
 */

/** The directory lists whose row counts steer the batching rule (nameResolver.ts). */
export type NameListKind = 'users' | 'groups' | 'roleConfigurations' | 'accounts';

export const NAME_LIST_KINDS: readonly NameListKind[] = ['users', 'groups', 'roleConfigurations', 'accounts'];

export const NAME_SNAPSHOT_VERSION = 1;

export interface NameSnapshot {
	version: typeof NAME_SNAPSHOT_VERSION;
	zoneId: string;
	/** Epoch ms of the write. */
	savedAt: number;
	principals: PrincipalEntry[];
	accounts: AccountEntry[];
	roleConfigurations: RoleConfigurationEntry[];
	/** Row counts (TotalCounts / Total) the last listing of each list reported. */
	totals: Partial<Record<NameListKind, number>>;
}

export interface NameCacheStore {
	/** The zone's snapshot, or undefined when there is none or it could not be read (the store logs why). */
	read(zoneKey: string): Promise<NameSnapshot | undefined>;
	write(zoneKey: string, snapshot: NameSnapshot): Promise<void>;
	/** One zone's snapshot, or every snapshot when no key is given. */
	clear(zoneKey?: string): Promise<void>;
}

/**
 * Names older than this are shown but asked again. A day: people are renamed and accounts re-labelled rarely,
 * and a Refresh renews the names of the loaded tasks anyway; a deleted principal shows "(not found)" within a
 * day even if nobody refreshes.
 */
export const NAME_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** One zone of one service: the same zone ID behind another endpoint is another directory. */
export function nameZoneKey(endpoint: string, zoneId: string): string {
	return `${endpoint}\n${zoneId}`;
}

/** The zone ID a key was made of (what its snapshot must name). */
export function zoneIdOfKey(zoneKey: string): string {
	return zoneKey.slice(zoneKey.lastIndexOf('\n') + 1);
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isOptionalCount = (v: unknown): v is number | undefined => v === undefined || isCount(v);

function principalEntry(v: unknown): PrincipalEntry | undefined {
	if (!isObject(v) || !isTime(v.checkedAt) || !isString(v.id) || (v.kind !== 'User' && v.kind !== 'Group')) {
		return undefined;
	}
	const { checkedAt, id, kind } = v;
	if (v.state === 'notFound') {
		return { state: 'notFound', kind, id, checkedAt };
	}
	if (v.state !== 'found') {
		return undefined;
	}
	if (kind === 'User') {
		return isString(v.userName) && isString(v.displayName) && isString(v.email) && isString(v.status)
			? { state: 'found', kind, id, userName: v.userName, displayName: v.displayName, email: v.email, status: v.status, checkedAt }
			: undefined;
	}
	return isString(v.groupName) && isString(v.description) && isOptionalCount(v.memberCount)
		? { state: 'found', kind, id, groupName: v.groupName, description: v.description, memberCount: v.memberCount, checkedAt }
		: undefined;
}

function accountEntry(v: unknown): AccountEntry | undefined {
	if (!isObject(v) || !isTime(v.checkedAt) || !(typeof v.uin === 'number' && Number.isSafeInteger(v.uin))) {
		return undefined;
	}
	const { checkedAt, uin } = v;
	if (v.state === 'notFound' || v.state === 'unlisted') {
		return { state: v.state, uin, checkedAt };
	}
	return v.state === 'found' && isString(v.name) && isString(v.memberType) && isString(v.nodeName)
		? { state: 'found', uin, name: v.name, memberType: v.memberType, nodeName: v.nodeName, checkedAt }
		: undefined;
}

function roleConfigurationEntry(v: unknown): RoleConfigurationEntry | undefined {
	if (!isObject(v) || !isTime(v.checkedAt) || !isString(v.id)) {
		return undefined;
	}
	const { checkedAt, id } = v;
	if (v.state === 'notFound') {
		return { state: 'notFound', id, checkedAt };
	}
	return v.state === 'found' && isString(v.name) && isString(v.description) && isOptionalCount(v.sessionDuration)
		? { state: 'found', id, name: v.name, description: v.description, sessionDuration: v.sessionDuration, checkedAt }
		: undefined;
}

function entries<T>(v: unknown, parse: (item: unknown) => T | undefined, where: string): T[] {
	if (!Array.isArray(v)) {
		throw new Error(`${where} is not a list`);
	}
	return v.map((item, i) => {
		const entry = parse(item);
		if (entry === undefined) {
			throw new Error(`${where}[${i}] is not a valid entry`);
		}
		return entry;
	});
}

/**
 * A snapshot read back from storage, checked field by field (the file is outside our control: an older
 * version, a half-written file, an edit by hand). Throws with the place that is wrong, never the content.
 */
export function parseNameSnapshot(raw: unknown, zoneId: string): NameSnapshot {
	if (!isObject(raw)) {
		throw new Error('the file is not a JSON object');
	}
	if (raw.version !== NAME_SNAPSHOT_VERSION) {
		throw new Error('unknown version');
	}
	if (raw.zoneId !== zoneId) {
		throw new Error('the file belongs to another zone');
	}
	if (!isTime(raw.savedAt)) {
		throw new Error('savedAt is not a time');
	}
	const totals: Partial<Record<NameListKind, number>> = {};
	if (raw.totals !== undefined) {
		if (!isObject(raw.totals)) {
			throw new Error('totals is not an object');
		}
		for (const kind of NAME_LIST_KINDS) {
			const total = raw.totals[kind];
			if (total !== undefined) {
				if (!isCount(total)) {
					throw new Error(`totals.${kind} is not a count`);
				}
				totals[kind] = total;
			}
		}
	}
	return {
		version: NAME_SNAPSHOT_VERSION,
		zoneId,
		savedAt: raw.savedAt,
		principals: entries(raw.principals, principalEntry, 'principals'),
		accounts: entries(raw.accounts, accountEntry, 'accounts'),
		roleConfigurations: entries(raw.roleConfigurations, roleConfigurationEntry, 'roleConfigurations'),
		totals,
	};
}
