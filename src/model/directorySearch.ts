import type { ListGroupsResponse } from '../api/directoryTypes';
import { isTencentCloudError } from '../api/errors';
import type { CallOptions, OrganizationClient } from '../api/organizationClient';
import type { AccountEntry, PrincipalEntry } from './names';
import { accountEntry, groupEntry, userEntry } from './nameSources';

/*
 * The directory as the user types, for the principal and account steps of Filter Tasks…: one page of
 * ListUsers and ListGroups (their `Filter`), or of DescribeOrganizationMembers (`SearchKey`). The service
 * filters; we only shape the answers into the name directory's entries, so the pickers label them like the
 * tree does. Every call takes the caller's signal: a newer keystroke cancels the older search.
 */

export type DirectorySearchClient = Pick<OrganizationClient, 'listUsers' | 'listGroups' | 'describeOrganizationMembers'>;

export interface DirectorySearchOptions {
	signal?: AbortSignal;
	/** Most results per kind (users, groups, accounts); default 20. */
	limit?: number;
	now?: () => number;
}

const DEFAULT_LIMIT = 20;
/** ListUsers/ListGroups MaxResults is 1–100; DescribeOrganizationMembers Limit is 1–50. */
const MAX_PRINCIPALS = 100;
const MAX_ACCOUNTS = 50;

export interface PrincipalSearchResult {
	/** Users, then groups, each in the service's order. */
	principals: Extract<PrincipalEntry, { state: 'found' }>[];
	/** Whether either list had more than it returned (the picker says "type more to narrow"). */
	truncated: boolean;
}

export interface AccountSearchResult {
	accounts: Extract<AccountEntry, { state: 'found' }>[];
	truncated: boolean;
}

function limitOf(options: DirectorySearchOptions, max: number): number {
	return Math.min(max, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT)));
}

/**
 * ListGroups' `Filter` is documented only as "user group name", with `GroupName eq testGroup` as its one
 * example (cic-context-api.md §5.6, open question §8.5). The plain text is what "user group name" says and
 * what matches while typing; should a service refuse it as a parameter error, the documented `eq` form is
 * asked instead, which finds the group whose name is exactly the text.
 */
async function listGroupsMatching(client: DirectorySearchClient, zoneId: string, text: string, maxResults: number, call: CallOptions): Promise<ListGroupsResponse> {
	try {
		return await client.listGroups({ ZoneId: zoneId, Filter: text, MaxResults: maxResults }, call);
	} catch (error) {
		if (isTencentCloudError(error) && error.code.startsWith('InvalidParameter') && !call.signal?.aborted) {
			return client.listGroups({ ZoneId: zoneId, Filter: `GroupName eq ${text}`, MaxResults: maxResults }, call);
		}
		throw error;
	}
}

/**
 * Users whose user name, email, ID or description match (ListUsers `Filter`, the service's rule) and groups
 * whose name matches, one page each, asked in parallel. Blank text lists the first users and groups.
 */
export async function searchPrincipals(
	client: DirectorySearchClient,
	zoneId: string,
	text: string,
	options: DirectorySearchOptions = {},
): Promise<PrincipalSearchResult> {
	const query = text.trim();
	const limit = limitOf(options, MAX_PRINCIPALS);
	const call: CallOptions = { signal: options.signal };
	const [users, groups] = await Promise.all([
		client.listUsers(query ? { ZoneId: zoneId, Filter: query, MaxResults: limit } : { ZoneId: zoneId, MaxResults: limit }, call),
		query ? listGroupsMatching(client, zoneId, query, limit, call) : client.listGroups({ ZoneId: zoneId, MaxResults: limit }, call),
	]);
	const checkedAt = (options.now ?? Date.now)();
	return {
		principals: [
			...users.Users.slice(0, limit).map((u) => userEntry(u, checkedAt)),
			...groups.Groups.slice(0, limit).map((g) => groupEntry(g, checkedAt)),
		],
		truncated: users.IsTruncated || groups.IsTruncated || users.Users.length > limit || groups.Groups.length > limit,
	};
}

/** Member accounts whose name or UIN matches (DescribeOrganizationMembers `SearchKey`), the first page. */
export async function searchAccounts(client: DirectorySearchClient, text: string, options: DirectorySearchOptions = {}): Promise<AccountSearchResult> {
	const query = text.trim();
	const limit = limitOf(options, MAX_ACCOUNTS);
	const page = await client.describeOrganizationMembers(
		query ? { Offset: 0, Limit: limit, SearchKey: query } : { Offset: 0, Limit: limit },
		{ signal: options.signal },
	);
	const checkedAt = (options.now ?? Date.now)();
	return {
		accounts: page.Items.slice(0, limit).map((m) => accountEntry(m, checkedAt)),
		truncated: page.Total > Math.min(limit, page.Items.length),
	};
}
