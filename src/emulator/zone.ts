import type { DirectoryState } from './directoryState';
import { ApiError } from './messages';
import type { PageTokens } from './paging';
import type { TaskStore } from './store';
import type { WriteState } from './writeState';

/** The one CIC zone the emulated account has: its tasks, its directory and whether CIC is open. */
export interface ZoneState {
	readonly zoneId: string;
	readonly store: TaskStore;
	readonly tokens: PageTokens;
	readonly directory: DirectoryState;
	/** The write actions' running tasks and the causes that keep some failing. */
	readonly writes: WriteState;
	cicEnabled: boolean;
	/**
	 * How DescribeIdentityCenter answers while CIC is not open: the IdentityCenterNotOpen error its doc lists
	 * ('error'), or a zone with ServiceStatus Disabled ('status'). Which one the service does is open (§8.8).
	 */
	notOpenAnswer: NotOpenAnswer;
}

export type NotOpenAnswer = 'error' | 'status';
export const NOT_OPEN_ANSWERS: readonly NotOpenAnswer[] = ['error', 'status'];

/** After the parameter checks: whether CIC is open at all, then whether the zone is this account's. */
export function checkZone(zone: ZoneState, zoneId: string): void {
	if (!zone.cicEnabled) {
		throw new ApiError('FailedOperation.IdentityCenterNotOpen');
	}
	if (zoneId !== zone.zoneId) {
		throw new ApiError('FailedOperation.ZoneIdNotExist');
	}
}
