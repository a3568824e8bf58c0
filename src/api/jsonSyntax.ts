/**
 * Locates the first JSON syntax error without quoting the text: JSON.parse's own messages can quote part of the
 * file (a key, a token), so callers describe errors with this position instead. Iterative, with an explicit stack
 * of open containers, so no depth of nesting can overflow the call stack.
 */

export interface JsonSyntaxError {
	/** Character offset of the problem (the length of the text for "ended too early"). */
	readonly offset: number;
	/** What the parser expected there, in words, never text from the input. */
	readonly expected: string;
}

/** Thrown to unwind to the one catch below; never leaves this module. */
class Stop extends Error {
	constructor(readonly expected: string) {
		super(expected);
	}
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
	let i = 0;
	/** The containers open around i, innermost last. */
	const open: ('object' | 'array')[] = [];
	const ws = (): void => {
		while (i < text.length && ' \t\n\r'.includes(text[i])) {
			i++;
		}
	};
	const expect = (what: string): never => {
		throw new Stop(what);
	};
	const literal = (word: string): void => {
		if (text.startsWith(word, i)) {
			i += word.length;
		} else {
			expect('a value');
		}
	};
	const string = (): void => {
		i++;
		while (i < text.length) {
			const c = text[i];
			if (c === '"') {
				i++;
				return;
			}
			if (c === '\\') {
				const e = text[i + 1];
				if (e === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
						i += 2;
						expect('four hex digits after \\u');
					}
					i += 6;
				} else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
					i += 2;
				} else {
					i++;
					expect('a valid escape sequence');
				}
			} else if (c < ' ') {
				expect('no line break or control character inside a string');
			} else {
				i++;
			}
		}
		expect('a closing quote');
	};
	// Sticky, so a number is matched where it stands without copying the rest of the text.
	const numberPattern = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
	const number = (): void => {
		numberPattern.lastIndex = i;
		const m = numberPattern.exec(text);
		if (!m) {
			expect('a value');
		} else {
			i += m[0].length;
		}
	};
	/** After `{` or `,` in an object: `"name" :`, leaving i where the member's value starts. */
	const memberName = (): void => {
		ws();
		if (text[i] !== '"') {
			expect('a property name in double quotes');
		}
		string();
		ws();
		if (text[i] !== ':') {
			expect("':' after the property name");
		}
		i++;
	};
	/**
	 * Reads one value at i. A scalar or an empty container is read whole (returns true); a non-empty container is
	 * only opened (pushed on `open`, returns false), and the main loop goes on with its first member.
	 */
	const valueStart = (): boolean => {
		ws();
		const c = text[i];
		if (c === '{' || c === '[') {
			i++;
			ws();
			if (text[i] === (c === '{' ? '}' : ']')) {
				i++;
				return true;
			}
			open.push(c === '{' ? 'object' : 'array');
			if (c === '{') {
				memberName();
			}
			return false;
		}
		if (c === '"') {
			string();
		} else if (c === 't') {
			literal('true');
		} else if (c === 'f') {
			literal('false');
		} else if (c === 'n') {
			literal('null');
		} else if (c === undefined) {
			expect('a value');
		} else {
			number();
		}
		return true;
	};
	try {
		for (;;) {
			if (!valueStart()) {
				continue;
			}
			// A value is complete: close every container that ends here, until one continues with ','.
			let next = false;
			while (!next) {
				ws();
				const top = open[open.length - 1];
				if (top === undefined) {
					if (i < text.length) {
						expect('the end of the file');
					}
					return undefined;
				}
				const close = top === 'object' ? '}' : ']';
				if (text[i] === ',') {
					i++;
					if (top === 'object') {
						memberName();
					}
					next = true;
				} else if (text[i] === close) {
					i++;
					open.pop();
				} else {
					expect(`',' or '${close}'`);
				}
			}
		}
	} catch (error) {
		if (error instanceof Stop) {
			return { offset: Math.min(i, text.length), expected: error.expected };
		}
		throw error;
	}
}

/** "line L, column C" (both from 1) of a character offset. */
export function lineColumn(text: string, offset: number): string {
	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	const column = offset - before.lastIndexOf('\n');
	return `line ${line}, column ${column}`;
}
