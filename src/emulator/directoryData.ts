import type { GroupInfo, OrgMember, RoleConfiguration, UserInfo } from '../api/directoryTypes';
import type { TaskInfo } from '../api/types';
import { createRng, deriveSeed, intBetween, pick, shuffled, type Rng } from './random';
import type { SampleUniverse } from './sampleData';

/**
 * The directory the emulator serves beside its tasks: CIC users and groups, role configurations, member accounts
 * and the zone itself, as the wire models have them. Generated from the same universe as the sample tasks (so
 * every PrincipalId and TargetUin of a task resolves), deterministic per seed, or taken from a fixture.
 */

export interface ZoneProfile {
	readonly ZoneName: string;
	readonly ScimSyncStatus: string;
	readonly CreateTime: string;
	readonly UpdateTime: string;
}

export interface Directory {
	readonly zone: ZoneProfile;
	/** Without IsSelected, which depends on the request. */
	readonly users: readonly UserInfo[];
	/** MemberCount is the size of the group's entry in `groupMembers`. */
	readonly groups: readonly GroupInfo[];
	/** Group ID → the user IDs in it. */
	readonly groupMembers: ReadonlyMap<string, readonly string[]>;
	readonly roleConfigurations: readonly RoleConfiguration[];
	readonly accounts: readonly OrgMember[];
	/** MemberUin → the entity name (主体名称) that DescribeOrganizationMembers' AuthName searches; not a wire field. */
	readonly authNames: ReadonlyMap<number, string>;
	/** Principals that tasks name but that no longer exist: GetUser / GetGroup answer not-found for them. */
	readonly deletedPrincipalIds: readonly string[];
}

export const DEFAULT_ZONE_NAME = 'cic-sample';
export const DEFAULT_DELETED_PRINCIPALS = 3;

const ENGLISH_GIVEN = [
	'Alice', 'Bob', 'Carol', 'David', 'Emma', 'Frank', 'Grace', 'Henry', 'Iris', 'Jack', 'Karen', 'Liam', 'Maya', 'Noah',
	'Olivia', 'Peter', 'Quinn', 'Rachel', 'Sam', 'Tina', 'Uma', 'Victor', 'Wendy', 'Xavier', 'Yvonne', 'Zoe', 'Ethan',
	'Sophia', 'Lucas', 'Mia', 'Daniel', 'Chloe', 'Kevin', 'Nina', 'Oscar', 'Priya', 'Ravi', 'Hannah', 'Leo', 'Fiona',
];
const ENGLISH_FAMILY = [
	'Wang', 'Smith', 'Chen', 'Johnson', 'Li', 'Brown', 'Zhang', 'Garcia', 'Liu', 'Miller', 'Lee', 'Davis', 'Wong', 'Wilson',
	'Tan', 'Taylor', 'Ng', 'Anderson', 'Kumar', 'Thomas', 'Huang', 'Martin', 'Lim', 'Moore', 'Ho', 'Clark', 'Sato', 'Young',
];
/** [character, pinyin]: user names and emails are Latin even when the display name is Chinese. */
const CHINESE_FAMILY: readonly (readonly [string, string])[] = [
	['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'],
	['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'],
	['何', 'he'], ['林', 'lin'], ['高', 'gao'], ['罗', 'luo'], ['欧阳', 'ouyang'], ['司马', 'sima'],
];
const CHINESE_GIVEN: readonly (readonly [string, string])[] = [
	['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'], ['磊', 'lei'],
	['洋', 'yang'], ['艳', 'yan'], ['勇', 'yong'], ['军', 'jun'], ['杰', 'jie'], ['娟', 'juan'], ['涛', 'tao'], ['明', 'ming'],
	['超', 'chao'], ['秀英', 'xiuying'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['浩然', 'haoran'], ['宇轩', 'yuxuan'],
	['欣怡', 'xinyi'], ['子涵', 'zihan'], ['梓萱', 'zixuan'], ['一鸣', 'yiming'], ['思远', 'siyuan'], ['佳怡', 'jiayi'], ['晓东', 'xiaodong'],
];
const USER_DESCRIPTIONS = [
	'Platform engineer', 'Site reliability engineer', 'Security engineer', 'Data analyst', 'Finance', 'Contractor (until 2026-12)',
	'DBA on-call', 'Frontend developer', '运维工程师', '财务专员', '安全审计', '数据平台开发', '外包人员', '', '', '',
];
const GROUP_NAMES: readonly (readonly [string, string])[] = [
	['Platform Engineering', 'Owns the shared Kubernetes and CI/CD platform'],
	['SRE On-call', 'Primary and secondary on-call rotation'],
	['Security', 'Security operations and incident response'],
	['财务部', '财务与账单管理'],
	['数据平台组', '大数据平台研发与运维'],
	['DBA', 'Database administrators (MySQL, TDSQL, Redis)'],
	['Contractors', 'External contractors: time-limited access'],
	['运维组', '生产环境日常运维'],
	['Auditors', 'Read-only access for internal and external audits'],
	['Frontend', 'Web and mini-program developers'],
	['R&D "Core" Team', 'Core services <backend>'],
	['客服支持', '二线技术支持'],
	['BigData', 'EMR, Oceanus and the data lake'],
	['Sales Ops', 'Marketing analytics and CRM'],
	['管理员组', '集团管理员'],
	['Interns', 'Summer interns, sandbox only'],
	['QA', 'Test environments'],
	['Mobile', 'iOS and Android teams'],
	['研发中心', '研发中心全体成员'],
	['Network', 'VPC, CCN and Direct Connect'],
];
const ACCOUNT_NAMES = [
	'Prod Web', 'Prod Payments', '生产-支付', 'Staging', 'Dev Sandbox', 'Data Lake', '日志审计', 'Security Tooling', 'Shared Services',
	'测试环境', 'Marketing Site', 'ML Training', '灾备中心', 'Billing', 'CI/CD', '游戏服-华南', 'Edge CDN', 'Analytics', '内部办公',
	'Prod API Gateway', 'Mini Program', 'Partner Portal', '视频直播', 'IoT Devices', 'Archive', 'Network Hub', '风控', 'Customer Data',
];
const ENTITY_NAMES = ['示例科技（深圳）有限公司', '示例网络（北京）有限公司', 'Example Cloud Ltd.', '示例数据服务有限公司'];
const NODES: readonly (readonly [number, string])[] = [
	[101, 'Root'],
	[102, '生产'],
	[103, '测试'],
	[104, 'Shared'],
	[105, '研发'],
];
const SESSION_DURATIONS = [3600, 3600, 3600, 7200, 14400, 28800, 43200, 900];

/** `YYYY-MM-DD HH:MM:SS` as the service writes times (Beijing time; the zone is not documented). */
export function formatServiceTime(ms: number): string {
	return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const EPOCH_2023 = Date.UTC(2023, 0, 1);
const SPAN_MS = 2.5 * 365 * 24 * 3600_000;

function createdAndUpdated(rng: Rng): { CreateTime: string; UpdateTime: string } {
	const created = EPOCH_2023 + Math.floor(rng() * SPAN_MS);
	const updated = created + Math.floor(rng() * rng() * 200 * 24 * 3600_000);
	return { CreateTime: formatServiceTime(created), UpdateTime: formatServiceTime(updated) };
}

/** A name not yet in `taken`: the base, else the base with 2, 3, … */
function unique(base: string, taken: Set<string>, join = ''): string {
	let name = base;
	for (let n = 2; taken.has(name); n++) {
		name = `${base}${join}${n}`;
	}
	taken.add(name);
	return name;
}

function makeUser(rng: Rng, id: string, userNames: Set<string>): UserInfo {
	const chinese = rng() < 0.4;
	let first: string;
	let last: string;
	let display: string;
	let login: string;
	if (chinese) {
		const [familyChar, familyPinyin] = pick(rng, CHINESE_FAMILY);
		const [givenChar, givenPinyin] = pick(rng, CHINESE_GIVEN);
		first = givenChar;
		last = familyChar;
		display = `${familyChar}${givenChar}`;
		login = `${familyPinyin}.${givenPinyin}`;
	} else {
		first = pick(rng, ENGLISH_GIVEN);
		last = pick(rng, ENGLISH_FAMILY);
		display = `${first} ${last}`;
		login = `${first}.${last}`.toLowerCase();
	}
	const userName = unique(login, userNames);
	const domain = chinese ? 'example.cn' : 'example.com';
	return {
		UserName: userName,
		FirstName: first,
		LastName: last,
		DisplayName: display,
		Description: pick(rng, USER_DESCRIPTIONS),
		Email: `${userName}@${domain}`,
		UserStatus: rng() < 0.08 ? 'Disabled' : 'Enabled',
		UserType: rng() < 0.2 ? 'Synchronized' : 'Manual',
		UserId: id,
		...createdAndUpdated(rng),
	};
}

function describeRoleConfiguration(name: string): string {
	// CJK names get a Chinese description, as a Chinese-speaking admin would write one.
	return /[\u4e00-\u9fff]/.test(name) ? `${name}：用于成员账号的权限配置` : `Grants ${name} on member accounts`;
}

export interface DirectoryOptions {
	readonly zoneName?: string;
	/** How many principals that tasks name are gone from the directory (default 3: two users and a group). */
	readonly deletedPrincipals?: number;
}

/**
 * The directory of a universe. `tasks` picks which principals are deleted: only principals some task names, so a
 * deleted one is visible in the tree.
 */
export function generateDirectory(universe: SampleUniverse, tasks: readonly TaskInfo[], seed: number, options: DirectoryOptions = {}): Directory {
	const rng = createRng(deriveSeed(seed, 'directory'));
	const userNames = new Set<string>();
	const allUsers = universe.principals.filter((p) => p.type === 'User').map((p) => makeUser(rng, p.id, userNames));
	const groupNames = new Set<string>();
	const groupPool = shuffled(rng, GROUP_NAMES);
	const allGroups = universe.principals
		.filter((p) => p.type === 'Group')
		.map((p, i): GroupInfo => {
			const [name, description] = groupPool[i % groupPool.length] ?? ['Group', ''];
			return {
				GroupName: unique(name, groupNames, ' '),
				Description: description,
				GroupType: rng() < 0.15 ? 'Synchronized' : 'Manual',
				GroupId: p.id,
				...createdAndUpdated(rng),
			};
		});

	const deleted = pickDeleted(rng, tasks, new Set(allUsers.map((u) => u.UserId)), new Set(allGroups.map((g) => g.GroupId)), options.deletedPrincipals ?? DEFAULT_DELETED_PRINCIPALS);
	const users = allUsers.filter((u) => !deleted.has(u.UserId));
	const members = new Map<string, string[]>();
	const groups = allGroups
		.filter((g) => !deleted.has(g.GroupId))
		.map((g) => {
			const size = users.length === 0 ? 0 : intBetween(rng, 1, Math.min(30, users.length));
			const ids = shuffled(rng, users.map((u) => u.UserId)).slice(0, size).sort();
			members.set(g.GroupId, ids);
			return { ...g, MemberCount: ids.length };
		});

	const roleConfigurations = universe.roleConfigurations.map((rc): RoleConfiguration => {
		const base: RoleConfiguration = {
			RoleConfigurationId: rc.id,
			RoleConfigurationName: rc.name,
			Description: describeRoleConfiguration(rc.name),
			SessionDuration: pick(rng, SESSION_DURATIONS),
		};
		const relay = rng() < 0.4 ? { RelayState: 'https://console.cloud.tencent.com/' } : {};
		return { ...base, ...relay, ...createdAndUpdated(rng) };
	});

	const accountNames = new Set<string>();
	const accountPool = shuffled(rng, ACCOUNT_NAMES);
	const authNames = new Map<number, string>();
	const managers = universe.managers.map((m, i) => ({ uin: m.uin, name: i === 0 ? 'Org Admin' : `Delegated Admin ${i}` }));
	const admin = managers[0];
	const accounts: OrgMember[] = [
		...managers,
		...universe.members.map((m, i) => ({ uin: m.uin, name: accountPool[i % accountPool.length] ?? 'Member' })),
	].map((a, i): OrgMember => {
		const [nodeId, nodeName] = i < managers.length ? [101, 'Root'] : pick(rng, NODES);
		const paidByAdmin = admin !== undefined && i >= managers.length && rng() < 0.3;
		authNames.set(a.uin, pick(rng, ENTITY_NAMES));
		const tags = rng() < 0.5 ? { Tags: [{ TagKey: 'env', TagValue: nodeName === '生产' ? 'prod' : 'nonprod' }] } : {};
		return {
			MemberUin: a.uin,
			Name: unique(a.name, accountNames, ' '),
			MemberType: i < managers.length || rng() < 0.7 ? 'Create' : 'Invite',
			OrgPolicyType: 'Financial',
			OrgPolicyName: '财务管理',
			OrgPermission: [
				{ Id: 1, Name: '查看财务信息' },
				{ Id: 2, Name: '资金划拨' },
			],
			NodeId: nodeId,
			NodeName: nodeName,
			Remark: i < managers.length ? '管理账号' : '',
			...createdAndUpdated(rng),
			IsAllowQuit: rng() < 0.2 ? 'Allow' : 'Denied',
			PayUin: paidByAdmin ? String(admin.uin) : '',
			PayName: paidByAdmin ? admin.name : '',
			OrgIdentity: [],
			BindStatus: pick(rng, ['Success', 'Success', 'Success', 'Unbound', 'Valid']),
			PermissionStatus: 'Confirmed',
			...tags,
		};
	});

	const zoneTimes = createdAndUpdated(rng);
	return {
		zone: { ZoneName: options.zoneName ?? DEFAULT_ZONE_NAME, ScimSyncStatus: 'Disabled', ...zoneTimes },
		users,
		groups,
		groupMembers: members,
		roleConfigurations,
		accounts,
		authNames,
		deletedPrincipalIds: [...deleted].sort(),
	};
}

/** Two users for each group, from the principals tasks name, in a seed-determined order. */
function pickDeleted(rng: Rng, tasks: readonly TaskInfo[], users: Set<string>, groups: Set<string>, count: number): Set<string> {
	const named = [...new Set(tasks.map((t) => t.PrincipalId))].sort();
	const namedUsers = shuffled(rng, named.filter((id) => users.has(id)));
	const namedGroups = shuffled(rng, named.filter((id) => groups.has(id)));
	const deleted = new Set<string>();
	while (deleted.size < count && (namedUsers.length > 0 || namedGroups.length > 0)) {
		const fromGroups = deleted.size % 3 === 2 && namedGroups.length > 0;
		const id = fromGroups ? namedGroups.pop() : (namedUsers.pop() ?? namedGroups.pop());
		if (id !== undefined) {
			deleted.add(id);
		}
	}
	return deleted;
}

/**
 * A universe for tasks that came from a fixture without a directory: every principal, account and configuration
 * they name, with the configuration names they carry. Principals of other types than User/Group are skipped.
 */
export function universeOfTasks(tasks: readonly TaskInfo[], zoneId: string): SampleUniverse {
	const principals = new Map<string, 'User' | 'Group'>();
	const configurations = new Map<string, string>();
	const targets = new Map<number, 'MemberUin' | 'ManagerUin'>();
	for (const t of tasks) {
		const type = t.PrincipalType === 'User' ? 'User' : t.PrincipalType === 'Group' ? 'Group' : undefined;
		if (type !== undefined && !principals.has(t.PrincipalId)) {
			principals.set(t.PrincipalId, type);
		}
		if (!configurations.has(t.RoleConfigurationId)) {
			configurations.set(t.RoleConfigurationId, t.RoleConfigurationName);
		}
		if (!targets.has(t.TargetUin)) {
			targets.set(t.TargetUin, t.TargetType === 'ManagerUin' ? 'ManagerUin' : 'MemberUin');
		}
	}
	const all = [...targets].map(([uin, type]) => ({ uin, type }));
	return {
		zoneId,
		roleConfigurations: [...configurations].map(([id, name]) => ({ id, name })),
		principals: [...principals].map(([id, type]) => ({ id, type })),
		managers: all.filter((t) => t.type === 'ManagerUin'),
		members: all.filter((t) => t.type === 'MemberUin'),
	};
}
