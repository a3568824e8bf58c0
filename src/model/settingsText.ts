/**
 * Reading a settings file (settings.json, the "settings" of a .code-workspace) as VS Code writes it: JSON with
 * comments and trailing commas. Used only to notice which settings a workspace tries to set; nothing read here is
 * ever applied.
 */

/** Copies a string literal starting at `start` (the opening quote); returns the index after its closing quote. */
function endOfString(text: string, start: number): number {
	let i = start + 1;
	while (i < text.length && text[i] !== '"') {
		i += text[i] === '\\' ? 2 : 1;
	}
	return Math.min(i + 1, text.length);
}

function withoutComments(text: string): string {
	const out: string[] = [];
	let i = 0;
	while (i < text.length) {
		const ch = text[i];
		if (ch === '"') {
			const end = endOfString(text, i);
			out.push(text.slice(i, end));
			i = end;
		} else if (ch === '/' && text[i + 1] === '/') {
			const end = text.indexOf('\n', i);
			i = end < 0 ? text.length : end;
		} else if (ch === '/' && text[i + 1] === '*') {
			const end = text.indexOf('*/', i + 2);
			i = end < 0 ? text.length : end + 2;
			out.push(' ');
		} else {
			out.push(ch ?? '');
			i++;
		}
	}
	return out.join('');
}

function withoutTrailingCommas(text: string): string {
	const out: string[] = [];
	let i = 0;
	while (i < text.length) {
		const ch = text[i];
		if (ch === '"') {
			const end = endOfString(text, i);
			out.push(text.slice(i, end));
			i = end;
			continue;
		}
		if (ch === ',') {
			let j = i + 1;
			while (j < text.length && /\s/.test(text[j] ?? '')) {
				j++;
			}
			if (text[j] === '}' || text[j] === ']') {
				i++;
				continue;
			}
		}
		out.push(ch ?? '');
		i++;
	}
	return out.join('');
}

/** The parsed value, or undefined when the text is not JSON even once comments and trailing commas are removed. */
export function parseJsonWithComments(text: string): unknown {
	try {
		return JSON.parse(withoutTrailingCommas(withoutComments(text.replace(/^\uFEFF/, ''))));
	} catch {
		return undefined;
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Which of `keys` (relative to `section`, e.g. "endpoint" or "autoRefresh.interval") a settings object sets, in
 * any of the spellings VS Code accepts: "cicTasks.endpoint", "cicTasks": { "endpoint" }, "cicTasks.autoRefresh":
 * { "interval" }. In the order of `keys`.
 */
export function settingsKeysIn<K extends string>(settings: unknown, section: string, keys: readonly K[]): K[] {
	if (!isPlainObject(settings)) {
		return [];
	}
	const found = new Set<string>();
	const visit = (prefix: string, value: unknown, depth: number): void => {
		const relative = prefix === section ? '' : prefix.slice(section.length + 1);
		if (relative && (keys as readonly string[]).includes(relative)) {
			found.add(relative);
			return;
		}
		// Settings keys are at most a few segments deep; the bound keeps a hostile file from recursing far.
		if (isPlainObject(value) && depth < 4) {
			for (const [key, inner] of Object.entries(value)) {
				visit(`${prefix}.${key}`, inner, depth + 1);
			}
		}
	};
	for (const [key, value] of Object.entries(settings)) {
		if (key === section || key.startsWith(`${section}.`)) {
			visit(key, value, 0);
		}
	}
	return keys.filter((k) => found.has(k));
}
