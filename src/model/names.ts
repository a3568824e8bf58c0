import type { Event } from './emitter';

/**
 * What the name directory knows about the IDs a task carries. The contract between the directory (which fills
 * it) and everything that shows a task (tree, search, filters, exports, panels), which only read it.
 *
 * Every entry says when it was checked, so a reader can tell how old a name is, and `notFound` means the
 * service answered that the ID does not exist (a deleted user, group, account or role configuration).
 * An ID with no entry yet is simply unknown: show the ID alone.
 */
export interface Checked {
	/** Epoch milliseconds of the answer this entry came from. */
	checkedAt: number;
}

export type PrincipalEntry = Checked & (
	| {
		state: 'found';
		kind: 'User';
		id: string;
		userName: string;
		displayName: string;
		email: string;
		/** `Enabled`, `Disabled`, or whatever the service says. */
		status: string;
	}
	| {
		state: 'found';
		kind: 'Group';
		id: string;
		groupName: string;
		description: string;
		/** Absent when the answer did not carry it. */
		memberCount: number | undefined;
	}
	| { state: 'notFound'; kind: 'User' | 'Group'; id: string }
);

export type AccountEntry = Checked & (
	| {
		state: 'found';
		uin: number;
		name: string;
		/** DescribeOrganizationMembers' `MemberType` (for example `Invite`, `Create`), verbatim. */
		memberType: string;
		/** The organization node (folder) the account sits in, when the answer says. */
		nodeName: string;
	}
	| { state: 'notFound'; uin: number }
	/**
	 * Absent from the whole member list, but a task names it as its manager account (`TargetType: ManagerUin`).
	 * Whether DescribeOrganizationMembers lists the organization's manager account is not documented, so its
	 * absence proves nothing: such an account is never called not found.
	 */
	| { state: 'unlisted'; uin: number }
);

export type RoleConfigurationEntry = Checked & (
	| {
		state: 'found';
		id: string;
		name: string;
		description: string;
		/** Seconds; absent when the answer did not carry it. */
		sessionDuration: number | undefined;
	}
	| { state: 'notFound'; id: string }
);

/** Read side of the name directory: synchronous, so labels can be built while grouping thousands of rows. */
export interface NameLookup {
	/** `principalType` is the task's `PrincipalType` (`User` or `Group`; anything else is never resolved). */
	principal(principalType: string, principalId: string): PrincipalEntry | undefined;
	account(targetUin: number): AccountEntry | undefined;
	roleConfiguration(roleConfigurationId: string): RoleConfigurationEntry | undefined;
	/** Fires after a batch of names arrived (or an entry changed), at most a few times a second. */
	readonly onDidChange: Event<void>;
}

/** A lookup that knows nothing: every ID shows alone. For tests and for a target without a zone. */
export const NO_NAMES: NameLookup = {
	principal: () => undefined,
	account: () => undefined,
	roleConfiguration: () => undefined,
	onDidChange: () => ({ dispose: () => undefined }),
};

/** The principal's short name for a label: a user's display name and user name, a group's name. */
export function principalNameParts(entry: PrincipalEntry | undefined): { name: string; detail: string } | undefined {
	if (!entry || entry.state !== 'found') {
		return undefined;
	}
	if (entry.kind === 'User') {
		const display = entry.displayName.trim();
		const user = entry.userName.trim();
		if (display && user && display !== user) {
			return { name: display, detail: user };
		}
		return { name: display || user, detail: '' };
	}
	return { name: entry.groupName.trim(), detail: '' };
}
