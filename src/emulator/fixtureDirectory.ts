import type { GroupInfo, OrgMember, RoleConfiguration, UserInfo } from '../api/directoryTypes';

/**
 * The directory part of a fixture object: `users`, `groups`, `accounts` and `roleConfigurations`, each optional.
 * Strings are taken verbatim (any name may be a hostile string: that is what the fixture is for); only the
 * structure and JSON types are checked, and every error names the list, the item and the field, never a value.
 */

export class FixtureShapeError extends Error {}

export interface FixtureGroup extends GroupInfo {
	/** User IDs in the group; MemberCount is their number. */
	readonly members: readonly string[];
}

export interface FixtureDirectory {
	readonly zoneName?: string;
	readonly users?: readonly UserInfo[];
	readonly groups?: readonly FixtureGroup[];
	readonly accounts?: readonly OrgMember[];
	readonly roleConfigurations?: readonly RoleConfiguration[];
}

export const DIRECTORY_KEYS = ['zoneName', 'users', 'groups', 'accounts', 'roleConfigurations'] as const;

type Rule = 'string' | 'string?' | 'uin' | 'int?' | 'string[]?';

const USER_RULES: Readonly<Record<string, Rule>> = {
	UserId: 'string',
	UserName: 'string',
	DisplayName: 'string?',
	FirstName: 'string?',
	LastName: 'string?',
	Email: 'string?',
	Description: 'string?',
	UserStatus: 'string?',
	UserType: 'string?',
	CreateTime: 'string?',
	UpdateTime: 'string?',
};
const GROUP_RULES: Readonly<Record<string, Rule>> = {
	GroupId: 'string',
	GroupName: 'string',
	Description: 'string?',
	GroupType: 'string?',
	CreateTime: 'string?',
	UpdateTime: 'string?',
	Members: 'string[]?',
};
const ACCOUNT_RULES: Readonly<Record<string, Rule>> = {
	MemberUin: 'uin',
	Name: 'string',
	MemberType: 'string?',
	NodeId: 'int?',
	NodeName: 'string?',
	Remark: 'string?',
	OrgPolicyType: 'string?',
	OrgPolicyName: 'string?',
	PayUin: 'string?',
	PayName: 'string?',
	NickName: 'string?',
	CreateTime: 'string?',
	UpdateTime: 'string?',
};
const ROLE_CONFIGURATION_RULES: Readonly<Record<string, Rule>> = {
	RoleConfigurationId: 'string',
	RoleConfigurationName: 'string',
	Description: 'string?',
	SessionDuration: 'int?',
	RelayState: 'string?',
	CreateTime: 'string?',
	UpdateTime: 'string?',
};

const DEFAULT_TIME = '2024-01-01 00:00:00';

function typeName(v: unknown): string {
	return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Field names are part of the key path, so they are shown: quoted and cut short (hostile fixtures make them huge). */
export function quoteKey(s: string): string {
	return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
}

function record(value: unknown, at: string, rules: Readonly<Record<string, Rule>>): Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new FixtureShapeError(`${at}: expected an object, got ${typeName(value)}`);
	}
	const o = value as Record<string, unknown>;
	for (const key of Object.keys(o)) {
		if (!Object.hasOwn(rules, key)) {
			throw new FixtureShapeError(`${at}: unknown field ${quoteKey(key)} (known: ${Object.keys(rules).join(', ')})`);
		}
	}
	for (const [name, rule] of Object.entries(rules)) {
		const v = o[name];
		const optional = rule.endsWith('?');
		if (v === undefined) {
			if (!optional) {
				throw new FixtureShapeError(`${at}: missing field ${name}`);
			}
			continue;
		}
		const ok =
			rule === 'uin'
				? typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
				: rule === 'int?'
					? typeof v === 'number' && Number.isSafeInteger(v)
					: rule === 'string[]?'
						? Array.isArray(v) && v.every((e) => typeof e === 'string')
						: typeof v === 'string';
		if (!ok) {
			const expected = rule === 'uin' ? 'a non-negative integer' : rule === 'int?' ? 'an integer' : rule === 'string[]?' ? 'an array of strings' : 'a string';
			throw new FixtureShapeError(`${at}: field ${name} must be ${expected}, got ${typeName(v)}`);
		}
	}
	return o;
}

function items<T>(value: unknown, source: string, list: string, idField: string, build: (o: Record<string, unknown>, at: string) => T, rules: Readonly<Record<string, Rule>>): T[] {
	if (!Array.isArray(value)) {
		throw new FixtureShapeError(`${source}: "${list}" must be an array, got ${typeName(value)}`);
	}
	const first = new Map<unknown, number>();
	return value.map((item: unknown, i) => {
		const at = `${source}: ${list}[${i}]`;
		const o = record(item, at, rules);
		const earlier = first.get(o[idField]);
		if (earlier !== undefined) {
			throw new FixtureShapeError(`${at}: duplicate ${idField} (the same as ${list}[${earlier}])`);
		}
		first.set(o[idField], i);
		return build(o, at);
	});
}

const s = (o: Record<string, unknown>, key: string, fallback = ''): string => (typeof o[key] === 'string' ? o[key] : fallback);

export function validateFixtureDirectory(o: Readonly<Record<string, unknown>>, source: string): FixtureDirectory {
	const out: {
		zoneName?: string;
		users?: UserInfo[];
		groups?: FixtureGroup[];
		accounts?: OrgMember[];
		roleConfigurations?: RoleConfiguration[];
	} = {};
	if (o.zoneName !== undefined) {
		if (typeof o.zoneName !== 'string') {
			throw new FixtureShapeError(`${source}: "zoneName" must be a string, got ${typeName(o.zoneName)}`);
		}
		out.zoneName = o.zoneName;
	}
	if (o.users !== undefined) {
		out.users = items(o.users, source, 'users', 'UserId', (u) => ({
			UserName: s(u, 'UserName'),
			FirstName: s(u, 'FirstName'),
			LastName: s(u, 'LastName'),
			DisplayName: s(u, 'DisplayName', s(u, 'UserName')),
			Description: s(u, 'Description'),
			Email: s(u, 'Email'),
			UserStatus: s(u, 'UserStatus', 'Enabled'),
			UserType: s(u, 'UserType', 'Manual'),
			UserId: s(u, 'UserId'),
			CreateTime: s(u, 'CreateTime', DEFAULT_TIME),
			UpdateTime: s(u, 'UpdateTime', DEFAULT_TIME),
		}), USER_RULES);
	}
	if (o.groups !== undefined) {
		out.groups = items(o.groups, source, 'groups', 'GroupId', (g) => {
			const members = Array.isArray(g.Members) ? (g.Members as string[]) : [];
			return {
				GroupName: s(g, 'GroupName'),
				Description: s(g, 'Description'),
				CreateTime: s(g, 'CreateTime', DEFAULT_TIME),
				GroupType: s(g, 'GroupType', 'Manual'),
				UpdateTime: s(g, 'UpdateTime', DEFAULT_TIME),
				GroupId: s(g, 'GroupId'),
				MemberCount: members.length,
				members,
			};
		}, GROUP_RULES);
	}
	if (o.accounts !== undefined) {
		out.accounts = items(o.accounts, source, 'accounts', 'MemberUin', (a): OrgMember => ({
			MemberUin: a.MemberUin as number,
			Name: s(a, 'Name'),
			MemberType: s(a, 'MemberType', 'Create'),
			OrgPolicyType: s(a, 'OrgPolicyType', 'Financial'),
			OrgPolicyName: s(a, 'OrgPolicyName', '财务管理'),
			OrgPermission: [],
			NodeId: typeof a.NodeId === 'number' ? a.NodeId : 101,
			NodeName: s(a, 'NodeName', 'Root'),
			Remark: s(a, 'Remark'),
			CreateTime: s(a, 'CreateTime', DEFAULT_TIME),
			UpdateTime: s(a, 'UpdateTime', DEFAULT_TIME),
			IsAllowQuit: 'Denied',
			PayUin: s(a, 'PayUin'),
			PayName: s(a, 'PayName'),
			OrgIdentity: [],
			BindStatus: 'Success',
			PermissionStatus: 'Confirmed',
			...(typeof a.NickName === 'string' ? { NickName: a.NickName } : {}),
		}), ACCOUNT_RULES);
	}
	if (o.roleConfigurations !== undefined) {
		out.roleConfigurations = items(o.roleConfigurations, source, 'roleConfigurations', 'RoleConfigurationId', (rc): RoleConfiguration => ({
			RoleConfigurationId: s(rc, 'RoleConfigurationId'),
			RoleConfigurationName: s(rc, 'RoleConfigurationName'),
			Description: s(rc, 'Description'),
			SessionDuration: typeof rc.SessionDuration === 'number' ? rc.SessionDuration : 3600,
			...(typeof rc.RelayState === 'string' ? { RelayState: rc.RelayState } : {}),
			CreateTime: s(rc, 'CreateTime', DEFAULT_TIME),
			UpdateTime: s(rc, 'UpdateTime', DEFAULT_TIME),
		}), ROLE_CONFIGURATION_RULES);
	}
	return out;
}
