import type { SampleEmulatorOptions } from '../host/emulatorLoader';
import type { AddCredentialsArgs, RemoveCredentialsArgs } from './credentials';
import type { ExportTarget } from './exportTasks';
import type { ImportArgs } from './importCredentials';
import type { RetryTestArgs } from './retryTask';

/**
 * The command arguments only the test suite may pass. Each one skips a prompt a user must see (the save dialog,
 * the key inputs and their live check, a confirmation) or points a command at a file, an environment or an
 * endpoint no user chose. registerCommands.ts reaches this module only in test mode, so a production build
 * does not contain it at all.
 */

type Fields = Record<string, unknown>;

function fields(value: unknown): Fields | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

function site(value: unknown): AddCredentialsArgs['site'] {
	return value === 'china' || value === 'international' || value === 'custom' ? value : undefined;
}

function stringRecord(value: unknown): Record<string, string | undefined> | undefined {
	const f = fields(value);
	if (!f) {
		return undefined;
	}
	return Object.fromEntries(Object.entries(f).map(([k, v]) => [k, text(v)]));
}

/** `{ secretId, secretKey, name?, site?, endpoint?, token?, zoneId?, skipCheck? }`: saves keys without the prompts. */
function addCredentials(arg: unknown): AddCredentialsArgs | undefined {
	const a = fields(arg);
	const secretId = text(a?.secretId);
	const secretKey = text(a?.secretKey);
	if (!a || secretId === undefined || secretKey === undefined) {
		return undefined;
	}
	return {
		secretId,
		secretKey,
		name: text(a.name),
		site: site(a.site),
		endpoint: text(a.endpoint),
		token: text(a.token),
		zoneId: text(a.zoneId),
		skipCheck: a.skipCheck === true,
	};
}

/** `{ source, profile?, home?, env?, name?, zoneId?, site?, endpoint? }`: imports from a given home and environment. */
function importCredentials(arg: unknown): ImportArgs | undefined {
	const a = fields(arg);
	const source = a?.source;
	if (!a || (source !== 'env' && source !== 'tccli' && source !== 'ini')) {
		return undefined;
	}
	return {
		source,
		profile: text(a.profile),
		home: text(a.home),
		env: stringRecord(a.env),
		name: text(a.name),
		zoneId: text(a.zoneId),
		site: site(a.site),
		endpoint: text(a.endpoint),
	};
}

/** `{ profileId?, confirm: false }`: removes a given profile without the confirmation dialog. */
function removeCredentials(arg: unknown): RemoveCredentialsArgs | undefined {
	const a = fields(arg);
	if (!a) {
		return undefined;
	}
	return { profileId: text(a.profileId), confirm: a.confirm !== false };
}

/** `{ path, format? }`: exports to a given file without the save dialog. */
function exportTasks(arg: unknown): ExportTarget | undefined {
	const a = fields(arg);
	const path = text(a?.path);
	if (path === undefined) {
		return undefined;
	}
	const format = a?.format;
	return { path, format: format === 'csv' || format === 'json' ? format : undefined };
}

/** `{ fixture?, tasks?, seed?, evolveIntervalMs? }`: sample data from a given file or generator setting. */
function exploreSampleData(arg: unknown): Partial<SampleEmulatorOptions> | undefined {
	const a = fields(arg);
	if (!a) {
		return undefined;
	}
	const options: Partial<SampleEmulatorOptions> = {};
	if (typeof a.tasks === 'number') {
		options.tasks = a.tasks;
	}
	if (typeof a.seed === 'number') {
		options.seed = a.seed;
	}
	if (typeof a.fixture === 'string') {
		options.fixture = a.fixture;
	}
	if (typeof a.evolveIntervalMs === 'number') {
		options.evolve = a.evolveIntervalMs > 0 ? { intervalMs: a.evolveIntervalMs } : false;
	}
	return options;
}

/**
 * `{ taskIds, confirm, deprovisionStrategy? }`: Retry Task on these tasks, with the modal's answer given (VS Code
 * refuses to show dialogs in its test harness). The setting check and the preflight still run as for a person.
 */
function retryTask(arg: unknown): RetryTestArgs | undefined {
	const a = fields(arg);
	if (!a || !Array.isArray(a.taskIds) || typeof a.confirm !== 'boolean') {
		return undefined;
	}
	const strategy = a.deprovisionStrategy;
	return {
		taskIds: a.taskIds.filter((id): id is string => typeof id === 'string'),
		confirm: a.confirm,
		...(strategy === 'None' || strategy === 'DeprovisionForLastRoleAssignmentOnAccount' ? { deprovisionStrategy: strategy } : {}),
	};
}

export const testArgumentParsers = { addCredentials, importCredentials, removeCredentials, exportTasks, exploreSampleData, retryTask };
export type TestArgumentParsers = typeof testArgumentParsers;
