import { FAULT_KINDS, type FaultKind } from './faults';
import { maxInAnyWindow } from './rateLimit';

/** What tests and benchmarks read back: every request with its arrival time and outcome, plus running totals. */

export interface RequestLogEntry {
	/** Arrival time on the emulator clock (ms), taken when the request headers arrived. */
	readonly at: number;
	/** X-TC-Action as sent ('' when missing). */
	readonly action: string;
	/**
	 * 'Success', an API error code, the fault ('HTTP502', 'HTTP503', 'ConnectionReset', 'TruncatedJson'), or
	 * 'ClientClosed' when the client went away before the answer (its request was still served and counted).
	 */
	readonly outcome: string;
	readonly httpStatus: number;
	/** Counted by the rate limiter (passed authentication and was within the limit). */
	readonly admitted: boolean;
	readonly fault?: FaultKind;
	readonly requestId?: string;
	readonly durationMs: number;
}

export interface EmulatorCounters {
	requests: number;
	succeeded: number;
	/** HTTP 200 responses carrying Response.Error, injected ones included. */
	apiErrors: number;
	/** Requests refused by the real rate limiter (injected RequestLimitExceeded is counted under faults). */
	throttled: number;
	faultsInjected: number;
	faultsByKind: Record<FaultKind, number>;
	byAction: Record<string, number>;
}

/** Old entries are dropped past this many, so a long benchmark cannot grow the log without bound. */
const LOG_LIMIT = 200_000;

export class Stats {
	private log: RequestLogEntry[] = [];
	private totals: EmulatorCounters = emptyCounters();

	record(entry: RequestLogEntry): void {
		if (this.log.length >= LOG_LIMIT) {
			this.log.splice(0, this.log.length - LOG_LIMIT + 1);
		}
		this.log.push(entry);
		const c = this.totals;
		c.requests++;
		c.byAction[entry.action] = (c.byAction[entry.action] ?? 0) + 1;
		if (entry.fault) {
			c.faultsInjected++;
			c.faultsByKind[entry.fault]++;
		}
		if (entry.outcome === 'Success' && !entry.fault) {
			c.succeeded++;
		} else if (entry.httpStatus === 200 && entry.fault !== 'truncated') {
			c.apiErrors++;
		}
		if (entry.outcome === 'RequestLimitExceeded' && !entry.fault) {
			c.throttled++;
		}
	}

	entries(): RequestLogEntry[] {
		return this.log.slice();
	}

	counters(): EmulatorCounters {
		const c = this.totals;
		return { ...c, faultsByKind: { ...c.faultsByKind }, byAction: { ...c.byAction } };
	}

	reset(): void {
		this.log = [];
		this.totals = emptyCounters();
	}

	/** The most admitted requests (optionally of one action) in any window of `windowMs`. */
	maxInWindow(action?: string, windowMs = 1000): number {
		return maxInAnyWindow(
			this.log.filter((e) => e.admitted && (action === undefined || e.action === action)).map((e) => e.at),
			windowMs,
		);
	}
}

function emptyCounters(): EmulatorCounters {
	const faultsByKind = {} as Record<FaultKind, number>;
	for (const k of FAULT_KINDS) {
		faultsByKind[k] = 0;
	}
	return { requests: 0, succeeded: 0, apiErrors: 0, throttled: 0, faultsInjected: 0, faultsByKind, byAction: {} };
}
