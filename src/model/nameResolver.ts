/**
 * How the name directory asks for the IDs it does not know: one Get per ID, or the pages of the whole list.
 *
 * The rule counts requests, since each action has its own budget of 20 per second and requests are what the
 * budget (and the user's quota) spends:
 * - a Get costs 1 request per unknown ID: `unknown` requests;
 * - the list costs ⌈total / page size⌉ requests, `total` being the list's TotalCounts (Total for accounts).
 * So with the total known (an earlier listing, or the persisted snapshot), Get when `unknown ≤ pages`, else list.
 * With the total unknown and one ID, Get (no list is cheaper than one request). With more, read the first page
 * ("probe"): it costs one request, names up to a page of rows, and reports TotalCounts; the rule then decides
 * the rest with the pages that remain. That is at most one request more than the better choice in hindsight,
 * and a small directory (one page, the common case) is read whole in that one request.
 *
 * A principal or role configuration missing from a whole listing is asked for with a Get, so only the
 * service's own not-found answer marks it `notFound` (it may have been created after the listing was read).
 * Accounts have no Get: a UIN missing from the whole member list is `notFound` (`unlisted` if named as a manager account).
 */

/** ListUsers, ListGroups and ListRoleConfigurations return at most 100 rows a page (MaxResults 1–100). */
export const LIST_PAGE_SIZE = 100;
/** DescribeOrganizationMembers' Limit is 1–50 (and Offset a multiple of it). */
export const MEMBER_PAGE_SIZE = 50;

export type LookupPlan = 'none' | 'get' | 'list' | 'probe';

export function pagesOf(total: number, pageSize: number): number {
	return Math.ceil(total / pageSize);
}

/**
 * `unknown`: IDs to ask for; `total`: the list's row count when known; `pagesLeft`: pages of it not yet read in
 * this resolution (defaults to all of them).
 */
export function planLookup(unknown: number, total: number | undefined, pageSize: number, pagesLeft?: number): LookupPlan {
	if (unknown <= 0) {
		return 'none';
	}
	if (total === undefined) {
		return unknown <= 1 ? 'get' : 'probe';
	}
	const pages = pagesLeft ?? pagesOf(total, pageSize);
	// No pages left (or an empty list) cannot name anything: only a Get can.
	return pages === 0 || unknown <= pages ? 'get' : 'list';
}
