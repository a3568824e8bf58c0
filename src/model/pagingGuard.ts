import { ClientErrorCode, TencentCloudError } from '../api/errors';
import type { ListTasksResponse } from '../api/types';

/*
 * A server that keeps saying IsTruncated would keep a "Load more", a "Load all" or a poll paging for ever, and
 * checking only that a token differs from the previous one lets tokens alternate A, B, A… (issue 13, item 4).
 * Each NextToken chain of a listing is therefore watched by a PagingGuard, from its first page until it ends or
 * starts over (after InvalidParameter.NextTokenInvalid, whose fresh chain may legitimately hand out the very
 * same tokens and tasks again). The chain stops with ClientError.PagingLoop when:
 *   1. a NextToken comes that this chain already handed out: the pages go round in a circle;
 *   2. MAX_BARREN_PAGES truncated pages in a row bring no task the chain has not delivered already;
 *   3. it has had ⌈TotalCounts / page size⌉ + PAGE_CAP_MARGIN pages and still says there are more.
 * A failed page changes nothing here, so the same token asked again after a fault or a retry is never a loop.
 */

/**
 * Pages beyond ⌈TotalCounts / page size⌉ a chain may take. One for the empty last page a service may send when
 * the total is a multiple of the page size; one for a page that data moving under an offset cursor repeats
 * (tasks created ahead of the cursor between two pages, before a TotalCounts counts them); one spare. More
 * would only cost requests when a server misbehaves: growth that TotalCounts reports raises the cap anyway.
 */
export const PAGE_CAP_MARGIN = 3;

/**
 * Truncated pages in a row without a new task that end a chain. One such page is legitimate: tasks created
 * ahead of an offset cursor push a whole page back (at a page size of 1, a single new task does), and a
 * server that reorders between pages may repeat one. Two in a row needs that to happen again by the very next
 * request; three is taken as a server that repeats itself, which costs at most two wasted requests.
 */
export const MAX_BARREN_PAGES = 3;

/**
 * Stands in for TotalCounts when no page of the chain had a usable one (a whole number ≥ 0). The API layer
 * fills in an absent TotalCounts, so this is a defensive bound for a malformed value rather than a case the
 * service produces: the largest group cicTasks.loadAllThreshold lets anyone load whole (1,000,000 tasks).
 */
export const UNKNOWN_TOTAL_TASKS = 1_000_000;

/** What stopped a chain, as the one client-side error a listing failure carries (advice: ClientError.PagingLoop). */
export function pagingLoopError(what: string, action = 'ListTasks'): TencentCloudError {
	return new TencentCloudError(ClientErrorCode.PagingLoop, `paging did not end: ${what}`, { action });
}

/**
 * The part of a chain's check every NextToken listing needs (ListTasks, the directory's lists, the Now check's
 * listings): a token this chain already handed out, or more pages than its TotalCounts allows. What to do then is the
 * caller's: a listing fails with pagingLoopError, a name lookup stops reading and asks the rest one by one.
 */
export class TokenChain {
	/** Each NextToken handed out by this chain, with the page that handed it out. */
	private readonly tokens = new Map<string, number>();
	private pageCount = 0;
	/** Largest usable TotalCounts of the chain: it shrinks when tasks leave a listing already half read. */
	private total: number | undefined;
	/** The page size the server actually uses, which may be below the requested one. */
	private pageSize: number;

	constructor(private readonly requestedPageSize: number) {
		this.pageSize = requestedPageSize;
	}

	/** Pages accepted since the chain (re)started. */
	get pages(): number {
		return this.pageCount;
	}

	/** Pages the chain may take at most, from what it has told so far. */
	get maxPages(): number {
		return Math.ceil((this.total ?? UNKNOWN_TOTAL_TASKS) / this.pageSize) + PAGE_CAP_MARGIN;
	}

	/** Why the next page must not be asked for (the chain has had all its total allows), or undefined. */
	capReached(): string | undefined {
		if (this.pageCount < this.maxPages) {
			return undefined;
		}
		const why =
			this.total === undefined
				? `no page gave a usable TotalCounts, and ${this.maxPages} pages is the most read without one`
				: `TotalCounts ${this.total} needs ${Math.ceil(this.total / this.pageSize)} pages of ${this.pageSize} (+${PAGE_CAP_MARGIN} spare)`;
		return `the service still offered more after ${this.pageCount} pages, though ${why}`;
	}

	/** Why a page that hands out `nextToken` shows the chain going round, or undefined (nothing is recorded). */
	repeats(nextToken: string | undefined): string | undefined {
		const earlier = nextToken === undefined ? undefined : this.tokens.get(nextToken);
		return earlier === undefined ? undefined : `page ${this.pageCount + 1} handed back the NextToken of page ${earlier}`;
	}

	/** Records a page that `repeats` let through: its token, its TotalCounts and the page size it was served at. */
	record(nextToken: string | undefined, totalCounts: number | undefined, servedPageSize: number | undefined): void {
		this.pageCount++;
		if (nextToken !== undefined) {
			this.tokens.set(nextToken, this.pageCount);
		}
		if (totalCounts !== undefined && Number.isSafeInteger(totalCounts) && totalCounts >= 0) {
			this.total = Math.max(this.total ?? 0, totalCounts);
		}
		if (servedPageSize !== undefined && Number.isSafeInteger(servedPageSize) && servedPageSize >= 1) {
			this.pageSize = Math.min(this.pageSize, servedPageSize);
		}
	}

	/**
	 * A page arrived that hands out `nextToken`: why the chain cannot go on (the token came round again, or no page
	 * is left that TotalCounts allows), or undefined once the page is recorded.
	 */
	advance(nextToken: string, totalCounts: number | undefined, servedPageSize: number | undefined): string | undefined {
		const repeated = this.repeats(nextToken);
		if (repeated !== undefined) {
			return repeated;
		}
		this.record(nextToken, totalCounts, servedPageSize);
		return this.capReached();
	}

	/** The chain starts over (or ended, which frees what it remembered). */
	reset(): void {
		this.tokens.clear();
		this.pageCount = 0;
		this.total = undefined;
		this.pageSize = this.requestedPageSize;
	}
}

/** A ListTasks chain's guard: the TokenChain checks, and pages that bring nothing new (see the top of this file). */
export class PagingGuard {
	private readonly chain: TokenChain;
	private readonly taskIds = new Set<string>();
	private barrenInARow = 0;

	constructor(pageSize: number) {
		this.chain = new TokenChain(pageSize);
	}

	/** Pages the chain may take at most, from what it has told so far. */
	get maxPages(): number {
		return this.chain.maxPages;
	}

	/** Before the next page is asked for: throws when the chain has had all the pages its total allows. */
	beforePage(): void {
		const capped = this.chain.capReached();
		if (capped !== undefined) {
			throw pagingLoopError(capped);
		}
	}

	/** A page arrived: throws, recording nothing, when it shows the chain going round; records it otherwise. */
	accept(response: ListTasksResponse): void {
		const page = this.chain.pages + 1;
		const token = response.IsTruncated ? response.NextToken : undefined;
		const repeated = this.chain.repeats(token);
		if (repeated !== undefined) {
			throw pagingLoopError(repeated);
		}
		const fresh = response.Tasks.some((t) => !this.taskIds.has(t.TaskId));
		const barren = response.IsTruncated && !fresh ? this.barrenInARow + 1 : 0;
		if (barren >= MAX_BARREN_PAGES) {
			throw pagingLoopError(`${barren} pages in a row (up to page ${page}) brought no task this listing had not delivered already`);
		}
		this.barrenInARow = barren;
		this.chain.record(token, response.TotalCounts, response.MaxResults);
		for (const task of response.Tasks) {
			this.taskIds.add(task.TaskId);
		}
	}

	/** The chain starts over (or ended, which frees what it remembered). */
	reset(): void {
		this.chain.reset();
		this.taskIds.clear();
		this.barrenInARow = 0;
	}
}
