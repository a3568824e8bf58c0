/**
 * The one way long API strings are cut for display: by characters and by lines, with an ellipsis, so a
 * 5,000-character name or a 200-line reason cannot take over a label, a tooltip or a table cell. Pure (no
 * vscode, no DOM): the tree, the tooltips and both webviews use it. Wherever a value is cut, the whole value
 * stays one click away (the panels' "Show all", Copy, Raw JSON).
 */

export interface ShortenLimits {
	/** Most characters kept (code points, so a surrogate pair is never split), before the ellipsis. */
	maxChars: number;
	/** Most lines kept. */
	maxLines: number;
}

export interface Shortened {
	text: string;
	/** Whether anything was cut (the text then ends with the ellipsis). */
	shortened: boolean;
}

export const ELLIPSIS = '…';

/** A tree label, an Overview bar label or table cell: one line, short. */
export const LABEL_LIMITS: ShortenLimits = { maxChars: 80, maxLines: 1 };
/** One value in a hover tooltip. */
export const TOOLTIP_LIMITS: ShortenLimits = { maxChars: 200, maxLines: 3 };
/** One value in the detail panel (an id, a name, a type). */
export const FIELD_LIMITS: ShortenLimits = { maxChars: 120, maxLines: 2 };
/** A failure reason or message: a few lines, so the fields after it stay in view. */
export const PARAGRAPH_LIMITS: ShortenLimits = { maxChars: 300, maxLines: 4 };

function isLineBreak(code: number): boolean {
	return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

/**
 * Cuts `value` to at most `limits.maxChars` characters and `limits.maxLines` lines. Reads only as far as the
 * limits, so a megabyte-long value costs no more than a short one.
 */
export function shorten(value: string, limits: ShortenLimits): Shortened {
	const maxChars = Math.max(1, Math.floor(limits.maxChars));
	const maxLines = Math.max(1, Math.floor(limits.maxLines));
	let chars = 0;
	let lines = 1;
	let i = 0;
	while (i < value.length) {
		const code = value.charCodeAt(i);
		if (isLineBreak(code)) {
			if (lines === maxLines) {
				return cut(value, i);
			}
			lines++;
			// \r\n is one line break.
			i += code === 0x0d && value.charCodeAt(i + 1) === 0x0a ? 2 : 1;
			chars++;
			continue;
		}
		if (chars === maxChars) {
			return cut(value, i);
		}
		const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
		i += pair ? 2 : 1;
		chars++;
	}
	return { text: value, shortened: false };
}

function cut(value: string, end: number): Shortened {
	return { text: `${value.slice(0, end).trimEnd()}${ELLIPSIS}`, shortened: true };
}

/** shorten(...).text, for the many places that only need the string. */
export function shortText(value: string, limits: ShortenLimits = LABEL_LIMITS): string {
	return shorten(value, limits).text;
}
