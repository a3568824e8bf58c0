import * as assert from 'node:assert/strict';
import { ELLIPSIS, FIELD_LIMITS, LABEL_LIMITS, PARAGRAPH_LIMITS, shorten, shortText, TOOLTIP_LIMITS } from '../../../src/model/shorten';

describe('shorten (long API strings in labels, tooltips, cells and panels)', () => {
	it('leaves a value within the limits alone', () => {
		assert.deepEqual(shorten('Admins', LABEL_LIMITS), { text: 'Admins', shortened: false });
		assert.deepEqual(shorten('', LABEL_LIMITS), { text: '', shortened: false });
		const exact = 'x'.repeat(LABEL_LIMITS.maxChars);
		assert.deepEqual(shorten(exact, LABEL_LIMITS), { text: exact, shortened: false });
	});

	it('cuts by characters, with an ellipsis', () => {
		const name = 'A'.repeat(5000);
		const short = shorten(name, LABEL_LIMITS);
		assert.equal(short.shortened, true);
		assert.equal(short.text, `${'A'.repeat(LABEL_LIMITS.maxChars)}${ELLIPSIS}`);
		assert.ok(name.startsWith(short.text.slice(0, -1)), 'a prefix of the value');
	});

	it('cuts by lines, so 200 short lines stay a few', () => {
		const reason = Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n');
		const short = shorten(reason, PARAGRAPH_LIMITS);
		assert.equal(short.shortened, true);
		assert.equal(short.text, `line 0\nline 1\nline 2\nline 3${ELLIPSIS}`);
		assert.equal(short.text.split('\n').length, PARAGRAPH_LIMITS.maxLines);
		assert.equal(shortText('first\r\nsecond', LABEL_LIMITS), `first${ELLIPSIS}`, 'a label is one line; \\r\\n is one break');
		assert.equal(shortText('a\u2028b', LABEL_LIMITS), `a${ELLIPSIS}`, 'Unicode line separators count too');
	});

	it('never splits a surrogate pair and drops trailing spaces before the ellipsis', () => {
		const emoji = '😀'.repeat(100);
		const short = shorten(emoji, { maxChars: 10, maxLines: 1 });
		assert.equal(short.text, `${'😀'.repeat(10)}${ELLIPSIS}`);
		assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(short.text), 'no lone high surrogate');
		assert.equal(shortText(`${'word '.repeat(40)}`, { maxChars: 10, maxLines: 1 }), `word word${ELLIPSIS}`);
	});

	it('bounds every preset, whatever the input', () => {
		const hostile = `${'<img src=x onerror=alert(1)>'.repeat(500)}\n`.repeat(50);
		for (const limits of [LABEL_LIMITS, TOOLTIP_LIMITS, FIELD_LIMITS, PARAGRAPH_LIMITS]) {
			const text = shortText(hostile, limits);
			assert.ok(Array.from(text).length <= limits.maxChars + limits.maxLines + 1, `${limits.maxChars} chars`);
			assert.ok(text.split('\n').length <= limits.maxLines, `${limits.maxLines} lines`);
			assert.ok(text.endsWith(ELLIPSIS));
		}
	});

	it('reads only as far as the limits (a megabyte value costs no more than a short one)', () => {
		const huge = 'x'.repeat(8 * 1024 * 1024);
		const start = process.hrtime.bigint();
		for (let i = 0; i < 1000; i++) {
			shorten(huge, LABEL_LIMITS);
		}
		const ms = Number(process.hrtime.bigint() - start) / 1e6;
		assert.ok(ms < 500, `1,000 cuts of 8 MB took ${ms.toFixed(0)} ms`);
	});
});
