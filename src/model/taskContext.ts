import { isTencentCloudError } from '../api/errors';
import type { OrganizationClient } from '../api/organizationClient';
import type { TaskInfo } from '../api/types';
import type { AccountEntry, NameLookup, PrincipalEntry, RoleConfigurationEntry } from './names';

/*
 * Who and where a task is about, for one task's detail panel: the principal (user or group), the account and the
 * role configuration. The name directory answers first; what it does not know yet is asked directly with one
 * Get* (or a DescribeOrganizationMembers search) per ID, so a panel opened before the directory's batch arrives
 * still shows names. A not-found answer is a result (a deleted user), not an error.
 */

export type ContextPart<E> =
	| { state: 'known'; entry: E }
	/** Nothing known yet (the lookup has no entry and nothing was asked). */
	| { state: 'unknown' }
	| { state: 'error'; error: unknown; checkedAt: number }
	/** The task's value cannot name anything (an empty ID, a type the service does not know). */
	| { state: 'notApplicable' };

export interface TaskContext {
	principal: ContextPart<PrincipalEntry>;
	account: ContextPart<AccountEntry>;
	roleConfiguration: ContextPart<RoleConfigurationEntry>;
}

export interface TaskContextOptions {
	now?: () => number;
}

/** DescribeOrganizationMembers' largest page; a UIN search matches a handful of accounts at most. */
const MEMBER_PAGE = 50;
/** A UIN search is a substring match in practice: this many pages of near-misses is enough. */
const MAX_MEMBER_PAGES = 5;

const USER_NOT_FOUND = 'ResourceNotFound.UserNotExist';
const GROUP_NOT_FOUND = 'InvalidParameter.GroupNotExist';
const ROLE_CONFIGURATION_NOT_FOUND = 'InvalidParameter.RoleConfigurationNotExist';

function principalApplies(task: TaskInfo): task is TaskInfo & { PrincipalType: 'User' | 'Group' } {
	return (task.PrincipalType === 'User' || task.PrincipalType === 'Group') && task.PrincipalId.length > 0;
}

function accountApplies(task: TaskInfo): boolean {
	return Number.isSafeInteger(task.TargetUin) && task.TargetUin > 0;
}

function part<E>(applies: boolean, entry: E | undefined): ContextPart<E> {
	if (!applies) {
		return { state: 'notApplicable' };
	}
	return entry ? { state: 'known', entry } : { state: 'unknown' };
}

/** What the name directory already knows of the task's IDs, without a request. */
export function contextFromNames(task: TaskInfo, names: NameLookup): TaskContext {
	const principalOk = principalApplies(task);
	return {
		principal: part(principalOk, principalOk ? names.principal(task.PrincipalType, task.PrincipalId) : undefined),
		account: part(accountApplies(task), accountApplies(task) ? names.account(task.TargetUin) : undefined),
		roleConfiguration: part(task.RoleConfigurationId.length > 0, task.RoleConfigurationId.length > 0 ? names.roleConfiguration(task.RoleConfigurationId) : undefined),
	};
}

function hasCode(error: unknown, code: string): boolean {
	return isTencentCloudError(error) && error.code === code;
}

async function lookupPrincipal(client: OrganizationClient, zoneId: string, task: TaskInfo & { PrincipalType: 'User' | 'Group' }, signal: AbortSignal | undefined, now: () => number): Promise<PrincipalEntry> {
	const id = task.PrincipalId;
	if (task.PrincipalType === 'User') {
		try {
			const { UserInfo: u } = await client.getUser({ ZoneId: zoneId, UserId: id }, { signal });
			return { state: 'found', kind: 'User', id, userName: u.UserName, displayName: u.DisplayName, email: u.Email, status: u.UserStatus, checkedAt: now() };
		} catch (error) {
			if (hasCode(error, USER_NOT_FOUND)) {
				return { state: 'notFound', kind: 'User', id, checkedAt: now() };
			}
			throw error;
		}
	}
	try {
		const { GroupInfo: g } = await client.getGroup({ ZoneId: zoneId, GroupId: id }, { signal });
		return { state: 'found', kind: 'Group', id, groupName: g.GroupName, description: g.Description, memberCount: g.MemberCount, checkedAt: now() };
	} catch (error) {
		if (hasCode(error, GROUP_NOT_FOUND)) {
			return { state: 'notFound', kind: 'Group', id, checkedAt: now() };
		}
		throw error;
	}
}

/**
 * The member account by UIN: SearchKey matches names and IDs loosely, so the UIN is matched exactly here. Not
 * listed, a manager account is `unlisted`, not `notFound` (names.ts).
 */
async function lookupAccount(client: OrganizationClient, uin: number, targetType: string, signal: AbortSignal | undefined, now: () => number): Promise<AccountEntry> {
	for (let pageIndex = 0; pageIndex < MAX_MEMBER_PAGES; pageIndex++) {
		const offset = pageIndex * MEMBER_PAGE;
		const page = await client.describeOrganizationMembers({ Offset: offset, Limit: MEMBER_PAGE, SearchKey: String(uin) }, { signal });
		const member = page.Items.find((m) => m.MemberUin === uin);
		if (member) {
			return { state: 'found', uin, name: member.Name, memberType: member.MemberType, nodeName: member.NodeName, checkedAt: now() };
		}
		if (page.Items.length === 0 || offset + page.Items.length >= page.Total) {
			break;
		}
	}
	return { state: targetType === 'ManagerUin' ? 'unlisted' : 'notFound', uin, checkedAt: now() };
}

async function lookupRoleConfiguration(client: OrganizationClient, zoneId: string, id: string, signal: AbortSignal | undefined, now: () => number): Promise<RoleConfigurationEntry> {
	try {
		const { RoleConfigurationInfo: rc } = await client.getRoleConfiguration({ ZoneId: zoneId, RoleConfigurationId: id }, { signal });
		return { state: 'found', id, name: rc.RoleConfigurationName, description: rc.Description, sessionDuration: rc.SessionDuration, checkedAt: now() };
	} catch (error) {
		if (hasCode(error, ROLE_CONFIGURATION_NOT_FOUND)) {
			return { state: 'notFound', id, checkedAt: now() };
		}
		throw error;
	}
}

async function resolve<E>(current: ContextPart<E>, ask: () => Promise<E>, signal: AbortSignal | undefined, now: () => number): Promise<ContextPart<E>> {
	if (current.state !== 'unknown') {
		return current;
	}
	try {
		return { state: 'known', entry: await ask() };
	} catch (error) {
		if (signal?.aborted) {
			throw signal.reason;
		}
		return { state: 'error', error, checkedAt: now() };
	}
}

/**
 * The task's principal, account and role configuration: from `names` where it has an entry, otherwise asked
 * directly (GetUser / GetGroup, DescribeOrganizationMembers, GetRoleConfiguration), in parallel. Each part fails
 * on its own (its error kept for the panel); the whole rejects only when `signal` aborts.
 */
export async function describeTaskContext(client: OrganizationClient, zoneId: string, task: TaskInfo, names: NameLookup, signal?: AbortSignal, options: TaskContextOptions = {}): Promise<TaskContext> {
	const now = options.now ?? Date.now;
	const known = contextFromNames(task, names);
	const [principal, account, roleConfiguration] = await Promise.all([
		resolve(known.principal, () => (principalApplies(task) ? lookupPrincipal(client, zoneId, task, signal, now) : Promise.reject(new Error('no principal'))), signal, now),
		resolve(known.account, () => lookupAccount(client, task.TargetUin, task.TargetType, signal, now), signal, now),
		resolve(known.roleConfiguration, () => lookupRoleConfiguration(client, zoneId, task.RoleConfigurationId, signal, now), signal, now),
	]);
	if (signal?.aborted) {
		throw signal.reason;
	}
	return { principal, account, roleConfiguration };
}
