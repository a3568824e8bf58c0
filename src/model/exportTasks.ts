import type { TaskInfo } from '../api/types';
import { EXPORT_NAME_COLUMNS, exportNameFields, type ExportNameFields } from './nameFields';
import { NO_NAMES, type NameLookup } from './names';

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

/**
 * Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) reorder the text around them when a file
 * is viewed, so a hostile task field can make an export read differently from what it holds ("Trojan Source").
 * Decision: a CSV is opened by a spreadsheet and read by people, so there they are replaced by a visible tag such as
 * `[U+202E]` (the cell still shows that something was there). JSON is data that a program reads back, so its string
 * values stay exact: the controls are written as `\u202e` escapes, which JSON.parse turns back into the same
 * character, while an editor showing the file sees six inert ASCII characters.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function codePointTag(c: string): string {
	return `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`;
}

function jsonEscape(c: string): string {
	return `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}

/** The names the directory knows for a task's principal and account (README, "Export"). */
function namesOf(task: TaskInfo, names: NameLookup): ExportNameFields {
	return exportNameFields(names.principal(task.PrincipalType, task.PrincipalId), names.account(task.TargetUin));
}

/**
 * JSON export: `{ meta: { format, version, zoneId, filter, exportedAt, count }, tasks: [...] }`, each task its
 * TaskInfo fields followed by the name fields (EXPORT_NAME_COLUMNS). Adding fields keeps version 1: a reader
 * of the TaskInfo fields is unaffected.
 */
export function toJson(tasks: readonly TaskInfo[], meta: ExportMeta, names: NameLookup = NO_NAMES): string {
	const document = {
		meta: { format: 'cic-tasks-export', version: 1, ...meta, count: tasks.length },
		tasks: tasks.map((t) => ({ ...Object.fromEntries(TASK_COLUMNS.map((c) => [c, t[c]])), ...namesOf(t, names) })),
	};
	// These characters can only occur inside JSON strings, so escaping them in the finished text is exact.
	return `${JSON.stringify(document, null, 2).replace(BIDI_CONTROLS, jsonEscape)}\n`;
}

/**
 * What a spreadsheet may skip before it decides whether a cell is a formula: whitespace of any kind (space, tab,
 * CR, LF, no-break and ideographic spaces), other control characters, zero-width characters and bidi controls.
 */
const INVISIBLE_LEAD = /^[\s\p{Cc}\p{Cf}]*/u;

/**
 * OWASP "CSV injection": a cell starting with = + - @ is run as a formula; | (DDE) and % are treated the same,
 * and so are the fullwidth forms ＝ ＋ － ＠ ｜ ％, which a spreadsheet in an East Asian locale may read as the
 * ASCII ones. A tab, carriage return or NUL as the very first character is on OWASP's list in its own right.
 */
const FORMULA_START = /^[=+\-@|%\uff1d\uff0b\uff0d\uff20\uff5c\uff05]/;

/** True if a spreadsheet could read the cell as a formula, looking past anything invisible in front of it. */
export function isFormulaLike(value: string): boolean {
	if (/^[\t\r\0]/.test(value)) {
		return true;
	}
	return FORMULA_START.test(value.replace(INVISIBLE_LEAD, ''));
}

/**
 * A dangerous cell gets an apostrophe in front, which spreadsheets take as "show as text" and hide, and is always
 * quoted so the apostrophe and what follows stay one field whatever the reader's delimiter guess. IDs (t-…, u-…,
 * rc-…), UINs and text in any script start with a letter or digit and pass unchanged.
 */
function neutralise(value: string): { text: string; forceQuotes: boolean } {
	const visible = value.replace(BIDI_CONTROLS, codePointTag);
	return isFormulaLike(value) ? { text: `'${visible}`, forceQuotes: true } : { text: visible, forceQuotes: false };
}

/** RFC 4180: quote a field containing a comma, a quote or a line break, doubling inner quotes. */
function field(value: string | number): string {
	const { text, forceQuotes } = typeof value === 'number' ? { text: String(value), forceQuotes: false } : neutralise(value);
	return forceQuotes || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS: readonly string[] = [...TASK_COLUMNS, ...EXPORT_NAME_COLUMNS, 'ZoneId', 'Filter', 'ExportedAt'];

/**
 * CSV export (RFC 4180: CRLF line ends, one header row). The export's metadata is repeated in the last
 * three columns of every row (ZoneId, Filter, ExportedAt) rather than in preamble lines, which RFC 4180
 * does not allow and which break header detection; so any row copied elsewhere still says where it came
 * from. An export of no tasks is the header row alone.
 */
export function toCsv(tasks: readonly TaskInfo[], meta: ExportMeta, names: NameLookup = NO_NAMES): string {
	const metaFields = [meta.zoneId, meta.filter, meta.exportedAt].map(field);
	const lines = [CSV_COLUMNS.map(field).join(',')];
	for (const task of tasks) {
		const named = namesOf(task, names);
		lines.push([...TASK_COLUMNS.map((c) => field(task[c])), ...EXPORT_NAME_COLUMNS.map((c) => field(named[c])), ...metaFields].join(','));
	}
	return `${lines.join('\r\n')}\r\n`;
}
