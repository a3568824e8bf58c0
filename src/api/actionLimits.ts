/**
 * The documented rate limit of every action the client calls, in one table (cic-context-api.md §5 and
 * tencent-cloud-api.md §3). The client's RateLimiter keeps one budget per row's `budget`, so a name lookup never
 * waits behind a listing, and the emulator refuses each action beyond its `perSecond`.
 */

export interface ActionRateLimit {
	/** Requests per second as the action's doc page (or, for DescribeOrganizationMembers, the category page) states. */
	readonly perSecond: number;
	/**
	 * The client-side budget the action draws from; its own name unless stated. GetTaskStatus's 220/s is "probably a
	 * typo" (tencent-cloud-api.md §3.2), so the client keeps charging it to the ListTasks budget as it always has:
	 * polling and listing together then stay within 20/s whichever number is real.
	 */
	readonly budget?: string;
}

export const ACTION_RATE_LIMITS = {
	ListTasks: { perSecond: 20 },
	GetTaskStatus: { perSecond: 220, budget: 'ListTasks' },
	DescribeIdentityCenter: { perSecond: 20 },
	GetUser: { perSecond: 20 },
	ListUsers: { perSecond: 20 },
	GetGroup: { perSecond: 20 },
	ListGroups: { perSecond: 20 },
	GetRoleConfiguration: { perSecond: 20 },
	ListRoleConfigurations: { perSecond: 20 },
	ListRoleAssignments: { perSecond: 20 },
	ListRoleConfigurationProvisionings: { perSecond: 20 },
	// The action page states no limit; the Organization "API Category" page lists 20/s (cic-context-api.md §8.15).
	DescribeOrganizationMembers: { perSecond: 20 },
	// The four writes that start tasks (cic-context-api.md §6.0), each on its own budget.
	CreateRoleAssignment: { perSecond: 20 },
	DeleteRoleAssignment: { perSecond: 20 },
	ProvisionRoleConfiguration: { perSecond: 20 },
	DismantleRoleConfiguration: { perSecond: 20 },
} as const satisfies Readonly<Record<string, ActionRateLimit>>;

export type RateLimitedAction = keyof typeof ACTION_RATE_LIMITS;

/** For calls that name no action (and actions missing from the table): the limit most actions document. */
export const DEFAULT_ACTION_LIMIT = 20;

function rowOf(action: string): ActionRateLimit | undefined {
	return Object.hasOwn(ACTION_RATE_LIMITS, action) ? (ACTION_RATE_LIMITS as Readonly<Record<string, ActionRateLimit>>)[action] : undefined;
}

/** The budget an action draws from on the client side. */
export function budgetOf(action: string): string {
	return rowOf(action)?.budget ?? action;
}

/** A budget's limit: the lowest documented limit among the actions that share it. */
export function budgetLimit(budget: string): number {
	let limit: number | undefined;
	for (const [action, row] of Object.entries(ACTION_RATE_LIMITS) as [string, ActionRateLimit][]) {
		if ((row.budget ?? action) === budget) {
			limit = Math.min(limit ?? Infinity, row.perSecond);
		}
	}
	return limit ?? DEFAULT_ACTION_LIMIT;
}
