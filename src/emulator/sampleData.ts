import type { KnownTaskStatus, KnownTaskType, TaskInfo } from '../api/types';
import { createRng, deriveSeed, intBetween, pick, randomIdChars, shuffled, weightedPicker, type Rng } from './random';

/**
 * Deterministic, realistic-looking CIC tasks for sample-data mode, tests and benchmarks (which ask for 100k, so
 * everything here is one pass with no per-task allocation beyond the task itself).
 */

const ROLE_CONFIGURATION_NAMES: readonly string[] = [
	'AdministratorAccess',
	'ReadOnlyAccess',
	'BillingReadOnly',
	'财务只读',
	'财务管理员',
	'Ops: Admin (prod)',
	'Ops: Admin (staging)',
	'DevOps-Engineer',
	'SecurityAudit',
	'安全审计员',
	'NetworkAdmin',
	'DBA (MySQL/TDSQL)',
	'DataAnalyst_ReadOnly',
	'CVM & CBS Operator',
	'COS-Uploader',
	'运维工程师',
	'开发者-测试环境',
	'Support "Tier 2"',
	'CAM-PowerUser',
	'TKE.ClusterAdmin',
	'Auditor/Compliance',
	'Finance — Invoices',
	'只读访问',
	'SRE On-call #1',
	'BigData: EMR + Oceanus',
	'Marketing analytics',
	'Lighthouse_Admin',
	'CLS-LogViewer',
	'项目经理',
	'Backup & Restore',
	'IncidentResponder',
	'OrgAdmin',
];

/** `{uin}`, `{role}` and `{zone}` are filled per task so the text reads like the service wrote it. */
const FAILURE_REASONS: readonly string[] = [
	'The number of policies attached to role TencentCloudSSO-{role} exceeds the quota (200). Detach unused policies and retry.',
	'Member account {uin} is not in the organization or has left it.',
	'Role TencentCloudSSO-{role} already exists in account {uin} and was not created by CIC.',
	'CAM request throttled (RequestLimitExceeded) while attaching policies; retry the task later.',
	'SAML identity provider TencentReservedSSO-{zone} does not exist in account {uin}.',
	'Custom policy of role configuration {role} is invalid: Statement[0].Action contains an unknown action.',
	'策略绑定数量超过配额限制（200），请解绑不再使用的策略后重试。',
	'成员账号 {uin} 不在当前集团组织中。',
	'目标账号中已存在同名角色 TencentCloudSSO-{role}，且该角色不是由 CIC 创建的。',
	'调用 CAM 接口频率超限，请稍后重试。',
	'目标账号 {uin} 中不存在身份提供商 TencentReservedSSO-{zone}。',
	'权限配置 {role} 的自定义策略语法错误。',
];

export interface RoleConfiguration {
	readonly id: string;
	readonly name: string;
}

export interface Principal {
	readonly id: string;
	readonly type: 'User' | 'Group';
}

export interface Target {
	readonly uin: number;
	readonly type: 'MemberUin' | 'ManagerUin';
}

/** The directory of one fake organization: what tasks refer to. */
export interface SampleUniverse {
	readonly zoneId: string;
	readonly roleConfigurations: readonly RoleConfiguration[];
	readonly principals: readonly Principal[];
	readonly members: readonly Target[];
	readonly managers: readonly Target[];
}

const pickStatus = weightedPicker<KnownTaskStatus>([
	['Success', 76],
	['Failed', 11],
	['InProgress', 13],
]);

const pickTaskType = weightedPicker<KnownTaskType>([
	['CreateRoleAssignment', 44],
	['ProvisionRoleConfiguration', 24],
	['DeleteRoleAssignment', 19],
	['DeprovisionRoleConfiguration', 13],
]);

function sizeOr(given: number | undefined, drawn: number): number {
	if (given === undefined) {
		return drawn;
	}
	if (!Number.isInteger(given) || given < 1) {
		throw new RangeError(`universe sizes must be positive integers, got ${given}`);
	}
	return given;
}

function uniqueIds(rng: Rng, prefix: string, count: number, length: number): string[] {
	const ids = new Set<string>();
	while (ids.size < count) {
		ids.add(prefix + randomIdChars(rng, length));
	}
	return [...ids];
}

/** Real UINs are 10 to 12 digits; older accounts have the shorter ones. */
const pickUinDigits = weightedPicker<number>([
	[10, 2],
	[11, 1],
	[12, 4],
]);

function uniqueUins(rng: Rng, count: number): number[] {
	const uins = new Set<number>();
	while (uins.size < count) {
		const digits = pickUinDigits(rng);
		const base = 10 ** (digits - 1);
		uins.add(base + Math.floor(rng() * base * 0.9));
	}
	return [...uins];
}

/** Sizes that override the seed's draw (the benchmarks ask for thousands of principals); the draw still happens. */
export interface UniverseSizes {
	readonly users?: number;
	readonly groups?: number;
	/** Member accounts, besides the two manager accounts. */
	readonly accounts?: number;
}

export function createUniverse(seed: number, zoneId = 'z-sample', sizes: UniverseSizes = {}): SampleUniverse {
	const rng = createRng(deriveSeed(seed, 'universe'));
	const names = shuffled(rng, ROLE_CONFIGURATION_NAMES).slice(0, intBetween(rng, 12, 30));
	const rcIds = uniqueIds(rng, 'rc-', names.length, 8);
	const users = uniqueIds(rng, 'u-', sizeOr(sizes.users, intBetween(rng, 40, 120)), 10);
	const groups = uniqueIds(rng, 'g-', sizeOr(sizes.groups, intBetween(rng, 8, 20)), 10);
	const uins = uniqueUins(rng, sizeOr(sizes.accounts, intBetween(rng, 20, 60)) + 2);
	return {
		zoneId,
		roleConfigurations: names.map((name, i) => ({ id: rcIds[i], name })),
		principals: [
			...users.map((id): Principal => ({ id, type: 'User' })),
			...groups.map((id): Principal => ({ id, type: 'Group' })),
		],
		managers: uins.slice(0, 2).map((uin): Target => ({ uin, type: 'ManagerUin' })),
		members: uins.slice(2).map((uin): Target => ({ uin, type: 'MemberUin' })),
	};
}

/** TaskIds already in use; a Set, or a view of a store. */
export interface TakenIds {
	has(taskId: string): boolean;
	add(taskId: string): void;
}

/** Makes tasks for one universe; `taken` keeps TaskIds unique across calls (and against fixture tasks). */
export class TaskFactory {
	private readonly users: readonly Principal[];
	private readonly groups: readonly Principal[];

	constructor(
		private readonly universe: SampleUniverse,
		private readonly rng: Rng,
		private readonly taken: TakenIds = new Set(),
	) {
		this.users = universe.principals.filter((p) => p.type === 'User');
		this.groups = universe.principals.filter((p) => p.type === 'Group');
	}

	create(status?: KnownTaskStatus): TaskInfo {
		const rng = this.rng;
		const u = this.universe;
		let taskId: string;
		do {
			taskId = 't-' + randomIdChars(rng, 12);
		} while (this.taken.has(taskId));
		this.taken.add(taskId);
		// Squaring skews towards the first few configurations, as in a real organization a few dominate.
		const rc = u.roleConfigurations[Math.floor(rng() * rng() * u.roleConfigurations.length)];
		const principal = rng() < 0.75 ? pick(rng, this.users) : pick(rng, this.groups);
		const target = rng() < 0.05 ? pick(rng, u.managers) : pick(rng, u.members);
		const taskStatus = status ?? pickStatus(rng);
		return {
			TaskId: taskId,
			RoleConfigurationId: rc.id,
			RoleConfigurationName: rc.name,
			TargetUin: target.uin,
			TargetType: target.type,
			PrincipalId: principal.id,
			PrincipalType: principal.type,
			TaskType: pickTaskType(rng),
			Status: taskStatus,
			FailureReason: taskStatus === 'Failed' ? this.failureReason(rc.name, target.uin) : '',
		};
	}

	failureReason(roleName: string, uin: number): string {
		return pick(this.rng, FAILURE_REASONS)
			.replace('{role}', roleName)
			.replace('{uin}', String(uin))
			.replace('{zone}', this.universe.zoneId);
	}
}

export interface GenerateOptions {
	zoneId?: string;
	sizes?: UniverseSizes;
}

/** `count` tasks, the same for the same seed on every machine. */
export function generateTasks(count: number, seed: number, options: GenerateOptions = {}): TaskInfo[] {
	if (!Number.isInteger(count) || count < 0) {
		throw new RangeError(`task count must be a non-negative integer, got ${count}`);
	}
	const universe = createUniverse(seed, options.zoneId, options.sizes);
	const factory = new TaskFactory(universe, createRng(deriveSeed(seed, 'tasks')));
	const tasks = new Array<TaskInfo>(count);
	for (let i = 0; i < count; i++) {
		tasks[i] = factory.create();
	}
	return tasks;
}
