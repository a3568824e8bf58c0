/*
 * Why this exists: VS Code turns text in notifications into links. Its parser (microsoft/vscode
 * src/vs/base/common/linkedText.ts, the same in code-server 4.100.3's workbench.js) is
 *
 *     /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^\)\s]+)(?: (["'])(.+?)(\3))?\)/gi
 *
 * and a click on such a link opens it with commands allowed, so `[Repair](command:cicTasks.exportTasks?{…})` in a
 * FailureReason or a saved-view label runs a command with arguments an attacker chose. QuickInput messages go
 * through the same parser, and labels (QuickPick items, the status bar) draw `$(name)` as an icon.
 *
 * Every form of link needs "](" side by side, and every icon "$(": a space between them breaks both for any
 * scheme, any nesting and any backslash escaping (the parser knows no escapes), and keeps every character
 * readable. It is done last, after removing the invisible characters that could otherwise hide between the
 * pair, and VS Code's own later steps (folding newlines to spaces, cutting at 1,000 characters) cannot join
 * them again. `<scheme:…>` autolinks get the same space, for renderers that read Markdown.
 */

/** Long enough for a failure reason or an API message; a notification shows up to 1,000 characters. */
export const DEFAULT_INERT_LENGTH = 300;

// Reorder what follows them (Trojan Source): replaced by a visible mark rather than dropped, so the text
// still shows that something was there. LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM, ALM.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const BIDI_MARK = '\uFFFD';
// Invisible characters (all of Unicode's format characters: zero-width space/joiners, word joiner, BOM, soft
// hyphen, tag characters…, and the Hangul fillers that render as nothing), which can hide text or split "](".
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0]/gu;
// Control characters and line/paragraph separators: a notification is one line.
const CONTROLS = /[\p{Cc}\u2028\u2029]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const WHITESPACE_RUN = /\s{2,}/g;
const LINK_JOINT = /\]\(/g;
const ICON_START = /\$\(/g;
const AUTOLINK_START = /<(?=[A-Za-z][A-Za-z0-9+.-]{1,31}:|www\.|[^\s<>@]+@)/g;

function asString(value: unknown): string {
	if (typeof value === 'string') {
		return value;
	}
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		return String(value);
	}
	if (value instanceof Error) {
		return `${value.name}: ${value.message}`;
	}
	if (value === undefined || value === null || typeof value === 'function' || typeof value === 'symbol') {
		return '';
	}
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		return '';
	}
}

/**
 * Makes a value from outside the extension (the API, a file, a workspace setting, another extension) inert in
 * notification, QuickPick, status-bar and progress text: no link, no icon, no bidi trick, no hidden
 * characters, one line, at most `maxLength` characters (code points) with an ellipsis when cut. Ordinary text
 * comes back unchanged. Idempotent, so text built from inert parts may safely go through it again whole.
 */
export function inertText(value: unknown, maxLength = DEFAULT_INERT_LENGTH): string {
	const limit = Math.max(1, Math.floor(maxLength));
	const raw = asString(value);
	// Enough to survive the invisible characters removed below, without scanning megabytes of input.
	const budget = limit * 4 + 16;
	let cut = raw.length > budget;
	// Not in the middle of a surrogate pair.
	let text = cut ? raw.slice(0, budget).replace(/[\uD800-\uDBFF]$/, '') : raw;
	text = text
		.replace(LONE_SURROGATE, BIDI_MARK)
		.replace(BIDI_CONTROLS, BIDI_MARK)
		.replace(INVISIBLE, '')
		.replace(CONTROLS, ' ')
		.replace(WHITESPACE_RUN, ' ')
		.trim()
		.replace(LINK_JOINT, '] (')
		.replace(ICON_START, '$ (')
		.replace(AUTOLINK_START, '< ');
	const points = Array.from(text);
	if (points.length > limit) {
		cut = true;
	}
	if (cut) {
		text = `${points.slice(0, limit - 1).join('').trimEnd()}…`;
	}
	return text;
}
