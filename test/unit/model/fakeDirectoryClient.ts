import type * as D from '../../../src/api/directoryTypes';
import { AbortError, TencentCloudError } from '../../../src/api/errors';
import type { CallOptions } from '../../../src/api/organizationClient';
import type { TaskInfo } from '../../../src/api/types';
import { FakeOrganizationClient } from './fakeOrganizationClient';

/** The directory a fake zone serves. */
export interface FakeDirectory {
	users: D.UserInfo[];
	groups: D.GroupInfo[];
	roleConfigurations: D.RoleConfiguration[];
	accounts: D.OrgMember[];
}

export function fakeUser(i: number): D.UserInfo {
	const id = `u-${String(i).padStart(5, '0')}`;
	return {
		UserName: `user${i}`,
		FirstName: 'First',
		LastName: `Last${i}`,
		DisplayName: `User ${i}`,
		Description: '',
		Email: `user${i}@example.com`,
		UserStatus: 'Enabled',
		UserType: 'Manual',
		UserId: id,
		CreateTime: '2024-01-01 00:00:00',
		UpdateTime: '2024-01-01 00:00:00',
	};
}

export function fakeGroup(i: number): D.GroupInfo {
	return {
		GroupName: `Group ${i}`,
		Description: `Group number ${i}`,
		CreateTime: '2024-01-01 00:00:00',
		GroupType: 'Manual',
		UpdateTime: '2024-01-01 00:00:00',
		GroupId: `g-${String(i).padStart(5, '0')}`,
		MemberCount: i,
	};
}

export function fakeRoleConfiguration(i: number): D.RoleConfiguration {
	return { RoleConfigurationId: `rc-${String(i).padStart(5, '0')}`, RoleConfigurationName: `Role ${i}`, Description: `Role number ${i}`, SessionDuration: 3600 };
}

export function fakeAccount(i: number): D.OrgMember {
	return {
		MemberUin: 100000000000 + i,
		Name: `Account ${i}`,
		MemberType: 'Create',
		OrgPolicyType: 'Financial',
		OrgPolicyName: '财务管理',
		OrgPermission: [],
		NodeId: 1,
		NodeName: 'Root',
		Remark: '',
		CreateTime: '2024-01-01 00:00:00',
		UpdateTime: '2024-01-01 00:00:00',
		IsAllowQuit: 'Denied',
		PayUin: '',
		PayName: '',
		OrgIdentity: [],
		BindStatus: 'Success',
		PermissionStatus: 'Confirmed',
	};
}

export function fakeDirectory(sizes: { users?: number; groups?: number; roleConfigurations?: number; accounts?: number }): FakeDirectory {
	const range = (n: number | undefined): number[] => Array.from({ length: n ?? 0 }, (_v, i) => i);
	return {
		users: range(sizes.users).map(fakeUser),
		groups: range(sizes.groups).map(fakeGroup),
		roleConfigurations: range(sizes.roleConfigurations).map(fakeRoleConfiguration),
		accounts: range(sizes.accounts).map(fakeAccount),
	};
}

/** One task naming the given IDs (the rest of the task does not matter to names). */
export function taskNaming(ids: { user?: string; group?: string; uin?: number; rc?: string }, n = 0): TaskInfo {
	return {
		TaskId: `t-${String(n).padStart(6, '0')}`,
		RoleConfigurationId: ids.rc ?? '',
		RoleConfigurationName: '',
		TargetUin: ids.uin ?? Number.NaN,
		TargetType: 'MemberUin',
		PrincipalId: ids.user ?? ids.group ?? '',
		PrincipalType: ids.user ? 'User' : ids.group ? 'Group' : '',
		TaskType: 'CreateRoleAssignment',
		Status: 'Success',
		FailureReason: '',
	};
}

type DirectoryAction =
	| 'GetUser'
	| 'ListUsers'
	| 'GetGroup'
	| 'ListGroups'
	| 'GetRoleConfiguration'
	| 'ListRoleConfigurations'
	| 'DescribeOrganizationMembers';

/**
 * The fake task client plus the directory actions, with the service's paging (MaxResults 1–100, NextToken only
 * when truncated; DescribeOrganizationMembers by Offset/Limit) and its not-found codes. Every call is counted;
 * `hold` parks calls until `release()`, `failWith` makes a call fail.
 */
export class FakeDirectoryClient extends FakeOrganizationClient {
	readonly directoryCalls: { action: DirectoryAction; request: unknown }[] = [];
	failWith: ((action: DirectoryAction, request: unknown) => Error | undefined) | undefined;
	hold = false;
	/** Answer even after the call's signal aborted: a response that was already on its way. */
	ignoreAbort = false;
	private readonly held: (() => void)[] = [];

	constructor(
		public directory: FakeDirectory,
		tasks: TaskInfo[] = [],
	) {
		super(tasks);
	}

	count(action?: DirectoryAction): number {
		return this.directoryCalls.filter((c) => action === undefined || c.action === action).length;
	}

	get heldCount(): number {
		return this.held.length;
	}

	release(): void {
		this.hold = false;
		for (const wake of this.held.splice(0)) {
			wake();
		}
	}

	override getUser(request: D.GetUserRequest, options?: CallOptions): Promise<D.GetUserResponse> {
		return this.answer('GetUser', request, options, () => {
			const user = this.directory.users.find((u) => u.UserId === request.UserId);
			if (!user) {
				throw new TencentCloudError('ResourceNotFound.UserNotExist', 'The user does not exist.');
			}
			return { UserInfo: { ...user }, RequestId: 'r' };
		});
	}

	override listUsers(request: D.ListUsersRequest, options?: CallOptions): Promise<D.ListUsersResponse> {
		return this.answer('ListUsers', request, options, () => {
			const page = this.pageOf(this.directory.users, request);
			return { ...page.paging, Users: page.rows, RequestId: 'r' };
		});
	}

	override getGroup(request: D.GetGroupRequest, options?: CallOptions): Promise<D.GetGroupResponse> {
		return this.answer('GetGroup', request, options, () => {
			const group = this.directory.groups.find((g) => g.GroupId === request.GroupId);
			if (!group) {
				throw new TencentCloudError('InvalidParameter.GroupNotExist', 'The group does not exist.');
			}
			return { GroupInfo: { ...group }, RequestId: 'r' };
		});
	}

	override listGroups(request: D.ListGroupsRequest, options?: CallOptions): Promise<D.ListGroupsResponse> {
		return this.answer('ListGroups', request, options, () => {
			const page = this.pageOf(this.directory.groups, request);
			return { ...page.paging, Groups: page.rows, RequestId: 'r' };
		});
	}

	override getRoleConfiguration(request: D.GetRoleConfigurationRequest, options?: CallOptions): Promise<D.GetRoleConfigurationResponse> {
		return this.answer('GetRoleConfiguration', request, options, () => {
			const rc = this.directory.roleConfigurations.find((r) => r.RoleConfigurationId === request.RoleConfigurationId);
			if (!rc) {
				throw new TencentCloudError('InvalidParameter.RoleConfigurationNotExist', 'The role configuration does not exist.');
			}
			return { RoleConfigurationInfo: { ...rc }, RequestId: 'r' };
		});
	}

	override listRoleConfigurations(request: D.ListRoleConfigurationsRequest, options?: CallOptions): Promise<D.ListRoleConfigurationsResponse> {
		return this.answer('ListRoleConfigurations', request, options, () => {
			const page = this.pageOf(this.directory.roleConfigurations, request);
			return { ...page.paging, RoleConfigurations: page.rows, RequestId: 'r' };
		});
	}

	override describeOrganizationMembers(request: D.DescribeOrganizationMembersRequest, options?: CallOptions): Promise<D.DescribeOrganizationMembersResponse> {
		return this.answer('DescribeOrganizationMembers', request, options, () => {
			if (request.Limit < 1 || request.Limit > 50 || request.Offset % request.Limit !== 0) {
				throw new TencentCloudError('InvalidParameter', 'Bad Offset/Limit.');
			}
			const items = this.directory.accounts.slice(request.Offset, request.Offset + request.Limit).map((a) => ({ ...a }));
			return { Items: items, Total: this.directory.accounts.length, RequestId: 'r' };
		});
	}

	private pageOf<T>(rows: readonly T[], request: { MaxResults?: number; NextToken?: string }): { rows: T[]; paging: D.NextTokenPage } {
		const size = request.MaxResults ?? 10;
		if (size < 1 || size > 100) {
			throw new TencentCloudError('InvalidParameter.ParamError', 'MaxResults out of range.');
		}
		const start = request.NextToken ? Number(request.NextToken) : 0;
		const page = rows.slice(start, start + size);
		const truncated = start + size < rows.length;
		return {
			rows: page.map((r) => ({ ...r })),
			paging: { TotalCounts: rows.length, MaxResults: size, IsTruncated: truncated, ...(truncated ? { NextToken: String(start + size) } : {}), RequestId: 'r' },
		};
	}

	private async answer<T>(action: DirectoryAction, request: unknown, options: CallOptions | undefined, make: () => T): Promise<T> {
		const signal = options?.signal;
		if (signal?.aborted) {
			throw new AbortError();
		}
		this.directoryCalls.push({ action, request: structuredClone(request) });
		if (this.hold) {
			await new Promise<void>((resolve) => this.held.push(resolve));
		} else {
			await Promise.resolve();
		}
		if (signal?.aborted && !this.ignoreAbort) {
			throw new AbortError();
		}
		const failure = this.failWith?.(action, request);
		if (failure) {
			throw failure;
		}
		return make();
	}
}
