import type { TaskInfo } from '../api/types';
import { generateDirectory, universeOfTasks, type Directory, type DirectoryOptions } from './directoryData';
import type { FixtureDirectory } from './fixtureDirectory';
import type { SampleUniverse } from './sampleData';

/**
 * The directory of a fixture: each part the fixture gives (users, groups, accounts, role configurations, zone
 * name) exactly as given, and each part it leaves out generated for the IDs its tasks name, so a tasks-only
 * fixture still resolves every name. Nothing is deleted unless the fixture leaves it out of a list it gives.
 */
export function fixtureModeDirectory(tasks: readonly TaskInfo[], given: FixtureDirectory | undefined, seed: number, zoneId: string, zoneName: string | undefined): Directory {
	const generated = generateDirectory(universeOfTasks(tasks, zoneId), tasks, seed, { deletedPrincipals: 0, zoneName: given?.zoneName ?? zoneName });
	if (given === undefined) {
		return generated;
	}
	const groups = given.groups?.map(({ members: _members, ...group }) => group) ?? generated.groups;
	const groupMembers = given.groups ? new Map(given.groups.map((g) => [g.GroupId, [...g.members]])) : generated.groupMembers;
	return {
		...generated,
		users: given.users ?? generated.users,
		groups,
		groupMembers,
		accounts: given.accounts ?? generated.accounts,
		authNames: given.accounts ? new Map() : generated.authNames,
		roleConfigurations: given.roleConfigurations ?? generated.roleConfigurations,
		deletedPrincipalIds: [],
	};
}

export function sampleModeDirectory(universe: SampleUniverse, tasks: readonly TaskInfo[], seed: number, options: DirectoryOptions): Directory {
	return generateDirectory(universe, tasks, seed, options);
}
