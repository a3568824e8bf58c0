import { readFile } from 'node:fs/promises';
import type { TaskInfo } from '../api/types';

/**
 * Tasks from a JSON file: an array of TaskInfo. Strings are taken verbatim (HTML, RTL marks, megabyte-long
 * names are what the XSS and layout tests feed through here); only structure and JSON types are checked, and
 * every problem names the file, the item and the field.
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

export async function loadFixtureFile(path: string): Promise<TaskInfo[]> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		throw new FixtureError(
			code === 'ENOENT' ? `fixture ${path}: file not found` : `fixture ${path}: cannot read (${code ?? String(e)})`,
		);
	}
	return parseFixture(text, path);
}

export function parseFixture(text: string, source = 'fixture'): TaskInfo[] {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	let value: unknown;
	try {
		value = JSON.parse(body);
	} catch (e) {
		throw new FixtureError(`${source}: not valid JSON ${where(body, e)}`);
	}
	return validateFixture(value, source);
}

/** V8 reports a character offset ("at position N", or nothing at end of input); people want line and column. */
function where(text: string, e: unknown): string {
	const message = e instanceof Error ? e.message : String(e);
	const m = /at position (\d+)/.exec(message);
	const pos = m ? Number(m[1]) : /end of JSON input/.test(message) ? text.length : undefined;
	if (pos === undefined) {
		return `(${message})`;
	}
	const before = text.slice(0, pos);
	const line = before.split('\n').length;
	const column = pos - before.lastIndexOf('\n');
	return `at line ${line}, column ${column} (position ${pos}): ${message}`;
}

/** Quoted, and cut short: hostile fixtures hold megabyte-long ids that would drown the message. */
function quote(s: string): string {
	return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
}

function typeName(v: unknown): string {
	return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
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
			const shown = typeof o.TargetUin === 'number' ? `number ${o.TargetUin}` : typeName(o.TargetUin);
			throw new FixtureError(`${at}: field TargetUin must be a non-negative integer, got ${shown}`);
		}
		if (o.FailureReason !== undefined && typeof o.FailureReason !== 'string') {
			throw new FixtureError(`${at}: field FailureReason must be a string, got ${typeName(o.FailureReason)}`);
		}
		const taskId = o.TaskId as string;
		const earlier = firstIndex.get(taskId);
		if (earlier !== undefined) {
			throw new FixtureError(`${at}: duplicate TaskId ${quote(taskId)} (first at item [${earlier}])`);
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
			FailureReason: (o.FailureReason as string | undefined) ?? '',
		};
	});
}
