import type { TaskInfo } from '../api/types';

export interface ExportMeta {
	zoneId: string;
	/** describeFilter() of the filter in effect; empty for none. */
	filter: string;
	/** ISO 8601, e.g. new Date().toISOString(). */
	exportedAt: string;
}

const TASK_COLUMNS = [
	'TaskId',
	'Status',
	'TaskType',
	'RoleConfigurationId',
	'RoleConfigurationName',
	'TargetType',
	'TargetUin',
	'PrincipalType',
	'PrincipalId',
	'FailureReason',
] as const satisfies readonly (keyof TaskInfo)[];

/** JSON export: `{ meta: { format, version, zoneId, filter, exportedAt, count }, tasks: TaskInfo[] }`. */
export function toJson(tasks: readonly TaskInfo[], meta: ExportMeta): string {
	const document = {
		meta: { format: 'cic-tasks-export', version: 1, ...meta, count: tasks.length },
		tasks: tasks.map((t) => Object.fromEntries(TASK_COLUMNS.map((c) => [c, t[c]]))),
	};
	return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Spreadsheet programs run a cell starting with = + - @ (or a tab / carriage return that hides one) as a
 * formula; an apostrophe in front makes them show it as text (OWASP "CSV injection").
 */
function neutralise(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: quote a field containing a comma, a quote or a line break, doubling inner quotes. */
function field(value: string | number): string {
	const text = typeof value === 'number' ? String(value) : neutralise(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS: readonly string[] = [...TASK_COLUMNS, 'ZoneId', 'Filter', 'ExportedAt'];

/**
 * CSV export (RFC 4180: CRLF line ends, one header row). The export's metadata is repeated in the last
 * three columns of every row (ZoneId, Filter, ExportedAt) rather than in preamble lines, which RFC 4180
 * does not allow and which break header detection; so any row copied elsewhere still says where it came
 * from. An export of no tasks is the header row alone.
 */
export function toCsv(tasks: readonly TaskInfo[], meta: ExportMeta): string {
	const metaFields = [meta.zoneId, meta.filter, meta.exportedAt].map(field);
	const lines = [CSV_COLUMNS.map(field).join(',')];
	for (const task of tasks) {
		lines.push([...TASK_COLUMNS.map((c) => field(task[c])), ...metaFields].join(','));
	}
	return `${lines.join('\r\n')}\r\n`;
}
