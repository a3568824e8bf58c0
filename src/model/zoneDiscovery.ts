import { isAbortError, isAuthFailure, isTencentCloudError } from '../api/errors';
import type { CallOptions, OrganizationClient } from '../api/organizationClient';
import { shortText } from './shorten';

/*
 * Which CIC zone a key pair works in, from DescribeIdentityCenter (cic-context-api.md §5.1: no input, the caller's
 * one space), and the one live check of a key pair (ListTasks MaxResults=1). The host builds the client and shows
 * the outcome; only this layer talks to the client.
 */

/** A zone as DescribeIdentityCenter names it. */
export interface DiscoveredZone {
	zoneId: string;
	zoneName: string;
}

export type ZoneDiscovery =
	| { kind: 'found'; zone: DiscoveredZone }
	/** CIC is not open for this account: ServiceStatus Disabled, or FailedOperation.IdentityCenterNotOpen (§8.8 leaves open which). */
	| { kind: 'notOpen'; error?: unknown }
	/** CAM does not let this key call organization:DescribeIdentityCenter: the keys work, the zone must be typed. */
	| { kind: 'notAllowed'; error: unknown }
	/** The service rejected the keys themselves (AuthFailure.*): nothing else is worth asking. */
	| { kind: 'rejected'; error: unknown }
	/** The request did not get an answer (network, timeout, a response that is not the API's). */
	| { kind: 'unreachable'; error: unknown }
	/** Any other answer (FailedOperation.DBOperationError, …): the keys got through, the zone must be typed. */
	| { kind: 'unavailable'; error: unknown };

const PERMISSION_CODES = new Set(['UnauthorizedOperation', 'AuthFailure.UnauthorizedOperation']);

/** CAM refused the call: the key is valid, the action is not allowed to it. */
export function isPermissionDenied(error: unknown): boolean {
	return isTencentCloudError(error) && (PERMISSION_CODES.has(error.code) || error.code.startsWith('UnauthorizedOperation.'));
}

function isClientSide(error: unknown): boolean {
	// ClientError.*: raised on this side (network, timeout, an unreadable answer), not the service's answer.
	return !isTencentCloudError(error) || error.code.startsWith('ClientError.');
}

/** DescribeIdentityCenter, as one of the outcomes above. Throws only the abort reason when `signal` aborts. */
export async function discoverZone(client: Pick<OrganizationClient, 'describeIdentityCenter'>, signal?: AbortSignal): Promise<ZoneDiscovery> {
	const options: CallOptions | undefined = signal ? { signal } : undefined;
	try {
		const answer = await client.describeIdentityCenter({}, options);
		if (answer.ServiceStatus !== 'Enabled' || answer.ZoneId === '') {
			return { kind: 'notOpen' };
		}
		return { kind: 'found', zone: { zoneId: answer.ZoneId, zoneName: answer.ZoneName } };
	} catch (error) {
		if (isAbortError(error) || signal?.aborted) {
			throw error;
		}
		if (isTencentCloudError(error) && error.code === 'FailedOperation.IdentityCenterNotOpen') {
			return { kind: 'notOpen', error };
		}
		if (isPermissionDenied(error)) {
			return { kind: 'notAllowed', error };
		}
		if (isAuthFailure(error)) {
			return { kind: 'rejected', error };
		}
		return isClientSide(error) ? { kind: 'unreachable', error } : { kind: 'unavailable', error };
	}
}

/** A zone that cannot exist: when no zone is known, ZoneIdNotExist from it proves the key works. */
export const PROBE_ZONE = 'z-00000000';

export type KeyProbe =
	| { kind: 'ok' }
	/** The keys work; the zone is the problem (IdentityCenterNotOpen, ZoneIdNotExist). */
	| { kind: 'zoneProblem'; error: unknown }
	/** The keys were refused or the service could not be asked; `error` says which. */
	| { kind: 'failed'; error: unknown };

/** One ListTasks MaxResults=1 in `zoneId` (or a zone that cannot exist): the only honest way to know a key pair works. */
export async function probeKeys(client: Pick<OrganizationClient, 'listTasks'>, zoneId: string | undefined, signal?: AbortSignal): Promise<KeyProbe> {
	try {
		await client.listTasks({ ZoneId: zoneId ?? PROBE_ZONE, MaxResults: 1 }, signal ? { signal } : undefined);
		return { kind: 'ok' };
	} catch (error) {
		if (isAbortError(error) || signal?.aborted || !isTencentCloudError(error)) {
			throw error;
		}
		if (error.code === 'FailedOperation.ZoneIdNotExist' && zoneId === undefined) {
			return { kind: 'ok' };
		}
		if (error.code === 'FailedOperation.IdentityCenterNotOpen' || error.code === 'FailedOperation.ZoneIdNotExist') {
			return { kind: 'zoneProblem', error };
		}
		return { kind: 'failed', error };
	}
}

/** Longest zone name shown in the view's description: ZoneName is at most 64 characters (§5.1), a server may send more. */
const ZONE_NAME_CHARS = 64;

/** "testwu (z-vft38p2hq8tq)" when the name is known, else the ID: names for people, the ID still there. */
export function zoneLabel(zoneId: string, zoneName: string | undefined): string {
	return zoneName ? `${shortText(zoneName, { maxChars: ZONE_NAME_CHARS, maxLines: 1 })} (${zoneId})` : zoneId;
}
