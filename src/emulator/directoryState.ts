import type { GroupInfo, OrgMember, RoleAssignment, RoleConfiguration, RoleConfigurationProvisioning, UserInfo } from '../api/directoryTypes';
import type { TaskInfo } from '../api/types';
import { formatServiceTime, type Directory } from './directoryData';
import type { TaskStore } from './store';

/**
 * The directory with its lookups, plus what the tasks imply today: which role assignments exist and where each
 * configuration is deployed. Those are replayed from the tasks in listing order whenever the tasks change (a task
 * finishing, evolution, a test setting a status), so ListRoleAssignments always agrees with ListTasks:
 *   - CreateRoleAssignment Success creates the assignment (and deploys the configuration there); Failed and
 *     InProgress leave things as they were, so a failed create leaves no assignment unless an earlier one made it;
 *   - DeleteRoleAssignment Success removes it;
 *   - ProvisionRoleConfiguration Success deploys (Deployed), Failed marks DeployFailed;
 *   - DeprovisionRoleConfiguration Success removes the deployment, unless assignments of it remain there.
 * Whether the service shows an assignment before its task succeeds is not documented (cic-context-api.md §8.2).
 * Assignments of deleted principals are gone with them. About one deployment in ten is DeployedRequired (the
 * configuration changed after it was deployed), picked by a hash so it is stable.
 */

export interface Derived {
	/** Sorted by `assignmentKey`. */
	readonly assignments: readonly RoleAssignment[];
	/** Sorted by `provisioningKey`. */
	readonly provisionings: readonly RoleConfigurationProvisioning[];
}

export function assignmentKey(a: Pick<RoleAssignment, 'RoleConfigurationId' | 'TargetUin' | 'PrincipalId'>): string {
	return `${a.RoleConfigurationId}\u0000${String(a.TargetUin).padStart(16, '0')}\u0000${a.PrincipalId}`;
}

export function provisioningKey(p: Pick<RoleConfigurationProvisioning, 'RoleConfigurationId' | 'TargetUin'>): string {
	return `${p.RoleConfigurationId}\u0000${String(p.TargetUin).padStart(16, '0')}`;
}

function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
	}
	return h;
}

const ACTIVITY_START = Date.UTC(2025, 6, 1);

export class DirectoryState {
	readonly users: ReadonlyMap<string, UserInfo>;
	readonly groups: ReadonlyMap<string, GroupInfo>;
	readonly roleConfigurations: ReadonlyMap<string, RoleConfiguration>;
	readonly accounts: ReadonlyMap<number, OrgMember>;
	private cache: { revision: number; derived: Derived } | undefined;

	constructor(
		readonly data: Directory,
		private readonly store: TaskStore,
	) {
		this.users = new Map(data.users.map((u) => [u.UserId, u]));
		this.groups = new Map(data.groups.map((g) => [g.GroupId, g]));
		this.roleConfigurations = new Map(data.roleConfigurations.map((rc) => [rc.RoleConfigurationId, rc]));
		this.accounts = new Map(data.accounts.map((a) => [a.MemberUin, a]));
	}

	/** The principal's name as ListRoleAssignments reports it: the user name or the group name. */
	principalName(id: string): string | undefined {
		return this.users.get(id)?.UserName ?? this.groups.get(id)?.GroupName;
	}

	derived(): Derived {
		const revision = this.store.revision;
		if (this.cache?.revision !== revision) {
			this.cache = { revision, derived: this.replay(this.store.view()) };
		}
		return this.cache.derived;
	}

	private replay(tasks: readonly TaskInfo[]): Derived {
		const assignments = new Map<string, RoleAssignment>();
		const deployments = new Map<string, RoleConfigurationProvisioning>();
		type Deployable = Pick<TaskInfo, 'RoleConfigurationId' | 'RoleConfigurationName' | 'TargetUin' | 'TargetType'>;
		const configurationName = (t: Deployable): string => this.roleConfigurations.get(t.RoleConfigurationId)?.RoleConfigurationName ?? t.RoleConfigurationName;
		const targetName = (uin: number): string => this.accounts.get(uin)?.Name ?? '';
		const deploy = (t: Deployable, status: string, time: string): void => {
			const key = provisioningKey(t);
			const earlier = deployments.get(key);
			deployments.set(key, {
				DeploymentStatus: status,
				RoleConfigurationId: t.RoleConfigurationId,
				RoleConfigurationName: configurationName(t),
				TargetUin: t.TargetUin,
				TargetName: targetName(t.TargetUin),
				CreateTime: earlier?.CreateTime ?? time,
				UpdateTime: time,
				TargetType: t.TargetType,
			});
		};
		tasks.forEach((t, i) => {
			const time = formatServiceTime(ACTIVITY_START + i * 61_000);
			if (t.Status !== 'Success' && !(t.Status === 'Failed' && t.TaskType === 'ProvisionRoleConfiguration')) {
				return;
			}
			switch (t.TaskType) {
				case 'CreateRoleAssignment': {
					const name = this.principalName(t.PrincipalId);
					if (name === undefined) {
						return;
					}
					const key = assignmentKey(t);
					assignments.set(key, {
						RoleConfigurationId: t.RoleConfigurationId,
						RoleConfigurationName: configurationName(t),
						TargetUin: t.TargetUin,
						TargetType: t.TargetType,
						PrincipalId: t.PrincipalId,
						PrincipalType: t.PrincipalType,
						PrincipalName: name,
						CreateTime: assignments.get(key)?.CreateTime ?? time,
						UpdateTime: time,
						TargetName: targetName(t.TargetUin),
					});
					if (!deployments.has(provisioningKey(t))) {
						deploy(t, 'Deployed', time);
					}
					return;
				}
				case 'DeleteRoleAssignment':
					assignments.delete(assignmentKey(t));
					return;
				case 'ProvisionRoleConfiguration':
					deploy(t, t.Status === 'Success' ? 'Deployed' : 'DeployFailed', time);
					return;
				case 'DeprovisionRoleConfiguration':
					deployments.delete(provisioningKey(t));
					return;
			}
		});
		// Dismantling refuses while assignments remain (RoleConfigurationAuthorizationExist), so wherever an
		// assignment survives the replay its configuration is still deployed.
		for (const a of assignments.values()) {
			if (!deployments.has(provisioningKey(a))) {
				deploy(a, 'Deployed', a.UpdateTime);
			}
		}
		const provisionings = [...deployments.entries()]
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([key, p]) => (p.DeploymentStatus === 'Deployed' && hash(key) % 10 === 0 ? { ...p, DeploymentStatus: 'DeployedRequired' } : p));
		return {
			assignments: [...assignments.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => a),
			provisionings,
		};
	}
}
