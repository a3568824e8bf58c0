import type { Language } from '../api/types';
import { API_ACTIONS, isApiAction } from './actions';
import { DEFAULT_DELETED_PRINCIPALS, DEFAULT_ZONE_NAME } from './directoryData';
import { FAULT_KINDS, isFaultKind } from './faults';
import { DEFAULT_EVOLVE_INTERVAL_MS, DEFAULT_REQUESTS_PER_SECOND, DEFAULT_SEED, DEFAULT_TASK_COUNT, DEFAULT_ZONE_ID, type EmulatorOptions } from './index';
import { NOT_OPEN_ANSWERS, type NotOpenAnswer } from './zone';
import { DEFAULT_WRITE_TASK_DELAY_MS } from './writeState';

/**
 * Command-line flags of the emulator CLI, parsed without side effects so they can be tested. Secrets never come
 * from the command line, where `ps` and shell history see them: the SecretKey and token come from the
 * environment or standard input.
 */

export const SECRET_KEY_ENV = 'CIC_EMULATOR_SECRET_KEY';
export const TOKEN_ENV = 'CIC_EMULATOR_TOKEN';

interface FlagSpec {
	readonly name: string;
	readonly value?: string;
	readonly default: string;
	readonly help: string;
}

export const FLAGS: readonly FlagSpec[] = [
	{ name: 'port', value: 'N', default: '0', help: 'port on 127.0.0.1; 0 picks a free one' },
	{ name: 'tasks', value: 'N', default: String(DEFAULT_TASK_COUNT), help: 'number of generated sample tasks' },
	{ name: 'seed', value: 'N', default: String(DEFAULT_SEED), help: 'seed for sample data, evolution and faults' },
	{ name: 'zone', value: 'ID', default: DEFAULT_ZONE_ID, help: 'the ZoneId the emulated account has' },
	{ name: 'secret-id', value: 'ID', default: 'generated', help: `SecretId to accept; its SecretKey comes from ${SECRET_KEY_ENV} or --secret-key-stdin` },
	{ name: 'secret-key-stdin', default: 'off', help: 'read the SecretKey from the first line of standard input, and an X-TC-Token from the second if there is one' },
	{ name: 'fixture', value: 'FILE', default: 'none', help: 'serve this JSON file instead: an array of TaskInfo, or {"tasks": [...], "users", "groups", "accounts", "roleConfigurations", "zoneName"} (parts left out are generated for the tasks)' },
	{ name: 'users', value: 'N', default: 'from the seed', help: 'number of CIC users in the generated directory' },
	{ name: 'groups', value: 'N', default: 'from the seed', help: 'number of CIC user groups in the generated directory' },
	{ name: 'accounts', value: 'N', default: 'from the seed', help: 'number of member accounts (besides two manager accounts)' },
	{ name: 'deleted-principals', value: 'N', default: String(DEFAULT_DELETED_PRINCIPALS), help: 'principals that tasks name but GetUser/GetGroup no longer find' },
	{ name: 'zone-name', value: 'NAME', default: DEFAULT_ZONE_NAME, help: 'the ZoneName DescribeIdentityCenter returns' },
	{ name: 'latency-ms', value: 'N', default: '0', help: 'delay added before every response' },
	{ name: 'fault-rate', value: 'F', default: '0', help: 'share of requests (0..1) that get an injected fault' },
	{ name: 'fault-kinds', value: 'LIST', default: FAULT_KINDS.join(','), help: 'comma-separated faults to mix' },
	{ name: 'evolve', default: 'off', help: 'InProgress tasks finish and new ones appear over time' },
	{ name: 'evolve-interval-ms', value: 'N', default: String(DEFAULT_EVOLVE_INTERVAL_MS), help: 'time between evolution steps (implies --evolve)' },
	{ name: 'write-task-delay-ms', value: 'N', default: String(DEFAULT_WRITE_TASK_DELAY_MS), help: 'how long a write action\'s task stays InProgress before it ends' },
	{ name: 'authorizations-per-role-configuration', value: 'N', default: 'none', help: 'role assignments one role configuration may hold before CreateRoleAssignment answers RoleConfigurationAuthorizationOverLimit' },
	{ name: 'cic-disabled', default: 'off', help: 'answer FailedOperation.IdentityCenterNotOpen' },
	{ name: 'not-open-answer', value: 'HOW', default: 'error', help: 'with --cic-disabled, DescribeIdentityCenter answers the error (error) or ServiceStatus Disabled (status)' },
	{ name: 'language', value: 'LANG', default: 'zh-CN', help: 'message language when a request sends no X-TC-Language (zh-CN or en-US)' },
	{ name: 'list-tasks-rps', value: 'N', default: String(DEFAULT_REQUESTS_PER_SECOND.ListTasks), help: 'ListTasks requests per second before RequestLimitExceeded' },
	{ name: 'get-task-status-rps', value: 'N', default: String(DEFAULT_REQUESTS_PER_SECOND.GetTaskStatus), help: 'GetTaskStatus requests per second' },
	{ name: 'rps', value: 'LIST', default: 'documented limits', help: 'per-action limits, e.g. GetUser=5,ListUsers=inf (directory actions: 20 each)' },
	{ name: 'verbose', default: 'off', help: 'log every request to stderr' },
	{ name: 'help', default: '', help: 'show this help' },
];

export function usage(): string {
	const rows = FLAGS.map((f) => {
		const left = `  --${f.name}${f.value ? ` ${f.value}` : ''}`;
		const def = f.default === '' ? '' : ` (default: ${f.default})`;
		return `${left.padEnd(30)}${f.help}${def}`;
	});
	const environment = [
		'Environment (keys never go on the command line, where ps and shell history would show them):',
		`  ${SECRET_KEY_ENV.padEnd(28)}SecretKey for --secret-id (or use --secret-key-stdin)`,
		`  ${TOKEN_ENV.padEnd(28)}require this X-TC-Token (temporary credentials)`,
		'Without --secret-id the emulator generates a throwaway key pair (AKIDSAMPLE…) and prints it.',
	];
	return ['Usage: emulator-cli [flags]', '', 'Local emulator of the Organization CIC task APIs (ListTasks, GetTaskStatus) and the directory that names their IDs\n(DescribeIdentityCenter, GetUser, ListUsers, GetGroup, ListGroups, GetRoleConfiguration, ListRoleConfigurations,\nListRoleAssignments, ListRoleConfigurationProvisionings, DescribeOrganizationMembers).', '', ...rows, '', ...environment, ''].join('\n');
}

/** Flags that once took a secret as their value: refused with a pointer to the safe way, never echoing the value. */
const REMOVED_SECRET_FLAGS: ReadonlyMap<string, string> = new Map([
	[
		'secret-key',
		`--secret-key is not accepted: a key on the command line is visible to every process (ps) and kept in shell history. Set ${SECRET_KEY_ENV} in the environment, or pass --secret-key-stdin and write the key to standard input.`,
	],
	[
		'token',
		`--token is not accepted: a token on the command line is visible to every process (ps) and kept in shell history. Set ${TOKEN_ENV} in the environment, or give it as the second line of standard input with --secret-key-stdin.`,
	],
]);

export type CliCommand =
	| { readonly kind: 'help' }
	| {
			readonly kind: 'run';
			readonly options: EmulatorOptions;
			readonly verbose: boolean;
			/** The SecretKey (and maybe the token) are still to be read from standard input: see parseStdinSecrets. */
			readonly secretsFromStdin?: true;
	  }
	| { readonly kind: 'error'; readonly message: string };

type Env = Readonly<Record<string, string | undefined>>;

export class UsageError extends Error {}

function number(flag: string, raw: string, check: (n: number) => boolean, what: string): number {
	const n = Number(raw);
	if (raw.trim() === '' || !Number.isFinite(n) || !check(n)) {
		throw new UsageError(`--${flag} expects ${what}, got ${JSON.stringify(raw)}`);
	}
	return n;
}

const isNonNegativeInt = (n: number): boolean => Number.isInteger(n) && n >= 0;

/** `env` is normally process.env: it holds the SecretKey and token (empty variables count as unset). */
export function parseCliArgs(argv: readonly string[], env: Env = {}): CliCommand {
	try {
		const values = new Map<string, string>();
		for (let i = 0; i < argv.length; i++) {
			const arg = argv[i];
			if (arg === '-h') {
				return { kind: 'help' };
			}
			const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
			const removed = m ? REMOVED_SECRET_FLAGS.get(m[1]) : undefined;
			if (removed !== undefined) {
				throw new UsageError(removed);
			}
			const spec = m ? FLAGS.find((f) => f.name === m[1]) : undefined;
			if (!m || !spec) {
				// Only a flag's name is repeated: whatever else was typed may be a key in the wrong place.
				const shown = m ? JSON.stringify(`--${m[1]}${m[2] === undefined ? '' : '=…'}`) : `#${i + 1} (not a --flag)`;
				throw new UsageError(`unknown argument ${shown}`);
			}
			if (spec.name === 'help') {
				return { kind: 'help' };
			}
			let value = m[2];
			if (spec.value === undefined) {
				if (value !== undefined) {
					throw new UsageError(`--${spec.name} takes no value`);
				}
				value = 'on';
			} else if (value === undefined) {
				const next = argv[i + 1];
				if (next === undefined || next.startsWith('--')) {
					throw new UsageError(`--${spec.name} needs a value (${spec.value})`);
				}
				value = next;
				i++;
			}
			if (values.has(spec.name)) {
				throw new UsageError(`--${spec.name} given twice`);
			}
			values.set(spec.name, value);
		}
		const options = toOptions(values, env);
		return {
			kind: 'run',
			options,
			verbose: values.has('verbose'),
			...(values.has('secret-key-stdin') ? { secretsFromStdin: true as const } : {}),
		};
	} catch (e) {
		if (e instanceof UsageError) {
			return { kind: 'error', message: e.message };
		}
		throw e;
	}
}

function toOptions(v: ReadonlyMap<string, string>, env: Env): EmulatorOptions {
	const o: EmulatorOptions = {};
	const get = (name: string): string | undefined => v.get(name);
	const port = get('port');
	if (port !== undefined) {
		o.port = number('port', port, (n) => isNonNegativeInt(n) && n <= 65535, 'a port number 0-65535');
	}
	const tasks = get('tasks');
	if (tasks !== undefined) {
		o.tasks = number('tasks', tasks, isNonNegativeInt, 'a non-negative integer');
	}
	const seed = get('seed');
	if (seed !== undefined) {
		o.seed = number('seed', seed, (n) => isNonNegativeInt(n) && n <= 0xffffffff, 'an integer 0-4294967295');
	}
	const zone = get('zone');
	if (zone !== undefined) {
		if (zone === '') {
			throw new UsageError('--zone must not be empty');
		}
		o.zoneId = zone;
	}
	const secretId = get('secret-id');
	const envKey = env[SECRET_KEY_ENV] || undefined;
	const keyFromStdin = v.has('secret-key-stdin');
	if (envKey !== undefined && keyFromStdin) {
		throw new UsageError(`${SECRET_KEY_ENV} is set and --secret-key-stdin is given: use one of them`);
	}
	if (secretId === undefined && (envKey !== undefined || keyFromStdin)) {
		throw new UsageError(`${keyFromStdin ? '--secret-key-stdin' : SECRET_KEY_ENV} needs --secret-id (the SecretId that goes with the key)`);
	}
	if (secretId !== undefined) {
		if (secretId === '') {
			throw new UsageError('--secret-id must not be empty');
		}
		if (envKey === undefined && !keyFromStdin) {
			throw new UsageError(`--secret-id needs its SecretKey: set ${SECRET_KEY_ENV}, or pass --secret-key-stdin and write it to standard input`);
		}
		o.secretId = secretId;
		if (envKey !== undefined) {
			o.secretKey = envKey;
		}
	}
	const token = env[TOKEN_ENV] || undefined;
	if (token !== undefined) {
		o.token = token;
	}
	const fixture = get('fixture');
	if (fixture !== undefined) {
		o.fixture = fixture;
	}
	const latency = get('latency-ms');
	if (latency !== undefined) {
		o.latencyMs = number('latency-ms', latency, (n) => n >= 0, 'a non-negative number of milliseconds');
	}
	const rate = get('fault-rate');
	if (rate !== undefined) {
		o.faultRate = number('fault-rate', rate, (n) => n >= 0 && n <= 1, 'a number between 0 and 1');
	}
	const kinds = get('fault-kinds');
	if (kinds !== undefined) {
		const list = kinds.split(',').map((k) => k.trim());
		const bad = list.find((k) => !isFaultKind(k));
		if (bad !== undefined) {
			throw new UsageError(`--fault-kinds: unknown kind ${JSON.stringify(bad)} (known: ${FAULT_KINDS.join(', ')})`);
		}
		o.faultKinds = list.filter(isFaultKind);
	}
	const interval = get('evolve-interval-ms');
	if (interval !== undefined) {
		o.evolve = { intervalMs: number('evolve-interval-ms', interval, (n) => n >= 10, 'a number of milliseconds >= 10') };
	} else if (v.has('evolve')) {
		o.evolve = true;
	}
	const writeDelay = get('write-task-delay-ms');
	if (writeDelay !== undefined) {
		o.writeTaskDelayMs = number('write-task-delay-ms', writeDelay, (n) => n >= 0, 'a non-negative number of milliseconds');
	}
	const authorizationLimit = get('authorizations-per-role-configuration');
	if (authorizationLimit !== undefined) {
		o.authorizationsPerRoleConfiguration = number('authorizations-per-role-configuration', authorizationLimit, (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer');
	}
	if (v.has('cic-disabled')) {
		o.cicDisabled = true;
	}
	const notOpen = get('not-open-answer');
	if (notOpen !== undefined) {
		if (!(NOT_OPEN_ANSWERS as readonly string[]).includes(notOpen)) {
			throw new UsageError(`--not-open-answer must be ${NOT_OPEN_ANSWERS.join(' or ')}, got ${JSON.stringify(notOpen)}`);
		}
		o.notOpenAnswer = notOpen as NotOpenAnswer;
	}
	const sizes: { users?: number; groups?: number; accounts?: number } = {};
	for (const name of ['users', 'groups', 'accounts'] as const) {
		const raw = get(name);
		if (raw !== undefined) {
			sizes[name] = number(name, raw, (n) => Number.isInteger(n) && n >= 1, 'a positive integer');
		}
	}
	if (Object.keys(sizes).length > 0) {
		o.directorySizes = sizes;
	}
	const deleted = get('deleted-principals');
	if (deleted !== undefined) {
		o.deletedPrincipals = number('deleted-principals', deleted, isNonNegativeInt, 'a non-negative integer');
	}
	const zoneName = get('zone-name');
	if (zoneName !== undefined) {
		o.zoneName = zoneName;
	}
	const language = get('language');
	if (language !== undefined) {
		if (language !== 'zh-CN' && language !== 'en-US') {
			throw new UsageError(`--language must be zh-CN or en-US, got ${JSON.stringify(language)}`);
		}
		o.language = language satisfies Language;
	}
	const rps: NonNullable<EmulatorOptions['requestsPerSecond']> = {};
	const listRps = get('list-tasks-rps');
	if (listRps !== undefined) {
		rps.ListTasks = number('list-tasks-rps', listRps, (n) => n > 0, 'a positive number');
	}
	const getRps = get('get-task-status-rps');
	if (getRps !== undefined) {
		rps.GetTaskStatus = number('get-task-status-rps', getRps, (n) => n > 0, 'a positive number');
	}
	const perAction = get('rps');
	if (perAction !== undefined) {
		for (const entry of perAction.split(',')) {
			const [action = '', raw = ''] = entry.split('=').map((x) => x.trim());
			if (!isApiAction(action)) {
				// The action name is shown only when it is one of ours: anything else might be a pasted secret.
				throw new UsageError(`--rps: expected Action=N entries with an action of ${API_ACTIONS.join(', ')}`);
			}
			rps[action] = raw === 'inf' ? Infinity : number('rps', raw, (n) => n > 0, `a positive number (or inf) for ${action}`);
		}
	}
	if (Object.keys(rps).length > 0) {
		o.requestsPerSecond = rps;
	}
	return o;
}

/**
 * What --secret-key-stdin reads: the SecretKey on the first line, an optional X-TC-Token on the second. Errors
 * say what is missing or extra, never what was read.
 */
export function parseStdinSecrets(text: string, options: EmulatorOptions): { options: EmulatorOptions } | { error: string } {
	const lines = text.split(/\r?\n/).map((l) => l.trim());
	while (lines.length > 0 && lines[lines.length - 1] === '') {
		lines.pop();
	}
	const [secretKey, token, ...rest] = lines;
	if (secretKey === undefined || secretKey === '') {
		return { error: 'standard input held no SecretKey (--secret-key-stdin expects it on the first line)' };
	}
	if (rest.length > 0) {
		return { error: `standard input has ${lines.length} lines; --secret-key-stdin expects the SecretKey and at most a token` };
	}
	if (token !== undefined && token !== '' && options.token !== undefined) {
		return { error: `a token came both from ${TOKEN_ENV} and from standard input: give it once` };
	}
	return { options: { ...options, secretKey, ...(token ? { token } : {}) } };
}
