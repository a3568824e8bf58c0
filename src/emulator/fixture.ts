import { readFile } from 'node:fs/promises';
import { findJsonSyntaxError, lineColumn } from '../api/jsonSyntax';
import type { TaskInfo } from '../api/types';
import { DIRECTORY_KEYS, FixtureShapeError, quoteKey, validateFixtureDirectory, type FixtureDirectory } from './fixtureDirectory';

/**
 * Tasks from a JSON file: an array of TaskInfo, or (loadFixture) an object with that array as `tasks` and the
 * directory beside it (fixtureDirectory.ts). Strings are taken verbatim (HTML, RTL marks, megabyte-long
 * names are what the XSS and layout tests feed through here); only structure and JSON types are checked, and
 * every problem names the file, the item and the field (its key path), never a value from the file.
 */

export class FixtureError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FixtureError';
	}
}

const STRING_FIELDS = [
	'TaskId',
	'RoleConfigurationId',
	'RoleConfigurationName',
	'TargetType',
	'PrincipalId',
	'PrincipalType',
	'TaskType',
	'Status',
] as const;
const KNOWN_FIELDS = new Set<string>([...STRING_FIELDS, 'TargetUin', 'FailureReason']);

/** What a fixture file holds: tasks, and the parts of the directory it gives (the rest is generated). */
export interface Fixture {
	readonly tasks: TaskInfo[];
	readonly directory?: FixtureDirectory;
}

export async function loadFixtureFile(path: string): Promise<TaskInfo[]> {
	return parseFixture(await readFixtureText(path), path);
}

/** A fixture in either form: `[TaskInfo…]`, or `{"tasks": […], "users": […], "groups": […], "accounts": […], …}`. */
export async function loadFixture(path: string): Promise<Fixture> {
	return parseFixtureDocument(await readFixtureText(path), path);
}

async function readFixtureText(path: string): Promise<string> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		throw new FixtureError(
			code === 'ENOENT' ? `fixture ${path}: file not found` : `fixture ${path}: cannot read (${code ?? String(e)})`,
		);
	}
	return text;
}

export function parseFixture(text: string, source = 'fixture'): TaskInfo[] {
	return validateFixture(parseJson(text, source), source);
}

export function parseFixtureDocument(text: string, source = 'fixture'): Fixture {
	return validateFixtureDocument(parseJson(text, source), source);
}

function parseJson(text: string, source: string): unknown {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	try {
		return JSON.parse(body);
	} catch {
		// JSON.parse's message quotes the text around the error, so only our own position and expectation are shown.
		throw new FixtureError(`${source}: not valid JSON ${where(body)}`);
	}
}

const DOCUMENT_KEYS = new Set<string>(['tasks', ...DIRECTORY_KEYS]);

export function validateFixtureDocument(value: unknown, source = 'fixture'): Fixture {
	if (Array.isArray(value)) {
		return { tasks: validateFixture(value, source) };
	}
	if (typeof value !== 'object' || value === null) {
		throw new FixtureError(`${source}: expected a JSON array of TaskInfo objects, or an object with a "tasks" array, got ${typeName(value)}`);
	}
	const o = value as Record<string, unknown>;
	for (const key of Object.keys(o)) {
		if (!DOCUMENT_KEYS.has(key)) {
			throw new FixtureError(`${source}: unknown key ${quoteKey(key)} (a fixture object has ${[...DOCUMENT_KEYS].join(', ')})`);
		}
	}
	if (o.tasks === undefined) {
		throw new FixtureError(`${source}: missing key "tasks" (an array of TaskInfo objects)`);
	}
	const tasks = validateFixture(o.tasks, `${source}: tasks`);
	try {
		return { tasks, directory: validateFixtureDirectory(o, source) };
	} catch (e) {
		if (e instanceof FixtureShapeError) {
			throw new FixtureError(e.message);
		}
		throw e;
	}
}

function where(text: string): string {
	const syntax = findJsonSyntaxError(text);
	if (syntax === undefined) {
		// JSON.parse refused what our scanner accepts: say so without guessing at a position.
		return '(the JSON parser rejected it)';
	}
	const end = syntax.offset >= text.length ? ', the end of the file' : '';
	return `at ${lineColumn(text, syntax.offset)} (position ${syntax.offset}${end}): expected ${syntax.expected}`;
}

/** A field name is part of the key path, so it is shown: quoted, and cut short (hostile fixtures make them huge). */
function quote(s: string): string {
	return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
}

function typeName(v: unknown): string {
	return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** What kind of wrong a TargetUin is, without its value. */
function describeBadUin(v: unknown): string {
	if (typeof v !== 'number') {
		return typeName(v);
	}
	if (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER) {
		return 'a number too large to be exact';
	}
	return Number.isInteger(v) ? 'a negative number' : 'a fraction';
}

export function validateFixture(value: unknown, source = 'fixture'): TaskInfo[] {
	if (!Array.isArray(value)) {
		throw new FixtureError(`${source}: expected a JSON array of TaskInfo objects, got ${typeName(value)}`);
	}
	const firstIndex = new Map<string, number>();
	return value.map((item: unknown, i): TaskInfo => {
		const at = `${source}: item [${i}]`;
		if (typeof item !== 'object' || item === null || Array.isArray(item)) {
			throw new FixtureError(`${at}: expected a TaskInfo object, got ${typeName(item)}`);
		}
		const o = item as Record<string, unknown>;
		for (const key of Object.keys(o)) {
			if (!KNOWN_FIELDS.has(key)) {
				throw new FixtureError(`${at}: unknown field ${quote(key)} (TaskInfo has only ${[...KNOWN_FIELDS].join(', ')})`);
			}
		}
		for (const f of STRING_FIELDS) {
			if (o[f] === undefined) {
				throw new FixtureError(`${at}: missing field ${f}`);
			}
			if (typeof o[f] !== 'string') {
				throw new FixtureError(`${at}: field ${f} must be a string, got ${typeName(o[f])}`);
			}
		}
		if (o.TargetUin === undefined) {
			throw new FixtureError(`${at}: missing field TargetUin`);
		}
		if (typeof o.TargetUin !== 'number' || !Number.isSafeInteger(o.TargetUin) || o.TargetUin < 0) {
			throw new FixtureError(`${at}: field TargetUin must be a non-negative integer, got ${describeBadUin(o.TargetUin)}`);
		}
		if (o.FailureReason !== undefined && typeof o.FailureReason !== 'string') {
			throw new FixtureError(`${at}: field FailureReason must be a string, got ${typeName(o.FailureReason)}`);
		}
		const taskId = o.TaskId as string;
		const earlier = firstIndex.get(taskId);
		if (earlier !== undefined) {
			throw new FixtureError(`${at}: duplicate TaskId (the same as item [${earlier}])`);
		}
		firstIndex.set(taskId, i);
		return {
			TaskId: taskId,
			RoleConfigurationId: o.RoleConfigurationId as string,
			RoleConfigurationName: o.RoleConfigurationName as string,
			TargetUin: o.TargetUin,
			TargetType: o.TargetType as string,
			PrincipalId: o.PrincipalId as string,
			PrincipalType: o.PrincipalType as string,
			TaskType: o.TaskType as string,
			Status: o.Status as string,
			FailureReason: o.FailureReason ?? '',
		};
	});
}
