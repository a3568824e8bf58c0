import * as assert from 'node:assert/strict';
import { DEFAULT_INERT_LENGTH, inertText } from '../../../src/model/inertText';
import { assertInert, HOSTILE, iconsIn, notificationLinks, ORDINARY } from './hostileStrings';

describe('inertText', () => {
	it('starts from a corpus that VS Code really turns into links and icons', () => {
		// Otherwise the assertions below would prove nothing.
		const linked = HOSTILE.filter((h) => notificationLinks(h.value).length > 0);
		assert.ok(linked.length >= 15, `only ${linked.length} hostile values are links as given`);
		const hrefs = linked.flatMap((h) => notificationLinks(h.value).map((l) => l.href));
		assert.ok(hrefs.some((href) => href.startsWith('command:cicTasks.exportTasks')));
		assert.ok(hrefs.some((href) => href.startsWith('command:workbench.action.terminal.sendSequence')));
		assert.ok(hrefs.some((href) => /^https:/.test(href)) && hrefs.some((href) => /^file:/.test(href)));
		assert.ok(HOSTILE.some((h) => iconsIn(h.value).includes('zap')));
		// The parser knows no escapes: a backslash in front does not stop a link.
		assert.equal(notificationLinks('\\[a\\](command:x)')[0]?.href, 'command:x');
	});

	for (const { name, value } of HOSTILE) {
		it(`makes inert: ${name}`, () => {
			const out = inertText(value);
			assertInert(out, name);
			assert.ok(Array.from(out).length <= DEFAULT_INERT_LENGTH, `${Array.from(out).length} characters`);
			assert.equal(inertText(out), out, 'idempotent, so whole messages may go through again');
		});
	}

	it('keeps ordinary text exactly as it is', () => {
		for (const text of ORDINARY) {
			assert.equal(inertText(text), text);
		}
	});

	it('breaks link and icon syntax with a space, keeping every visible character', () => {
		assert.equal(
			inertText('[Repair saved views](command:cicTasks.exportTasks?{"path":"/tmp/x"})'),
			'[Repair saved views] (command:cicTasks.exportTasks?{"path":"/tmp/x"})',
		);
		assert.equal(inertText('[[a](command:x)](command:y)'), '[[a] (command:x)] (command:y)');
		assert.equal(inertText('$(zap) Fake'), '$ (zap) Fake');
		assert.equal(inertText('<https://evil>'), '< https://evil>');
		assert.equal(inertText('a <admin@evil.example> b'), 'a < admin@evil.example> b');
	});

	it('removes what could hide between "]" and "(", then breaks the pair', () => {
		assert.equal(inertText('[a]\u200B(command:x)'), '[a] (command:x)');
		assert.equal(inertText('[a]\n(command:x)'), '[a] (command:x)');
		assert.equal(inertText('[a]\u2028(command:x)'), '[a] (command:x)');
		assert.equal(inertText('$\uFEFF(zap)'), '$ (zap)');
		assert.equal(inertText('safe\u{E0041}\u{E0042}'), 'safe');
	});

	it('flags bidi controls visibly instead of letting them reorder the text', () => {
		assert.equal(inertText('\u202Egnp.exe\u202C admin'), '\uFFFDgnp.exe\uFFFD admin');
		assert.equal(inertText('\u2067x\u2069'), '\uFFFDx\uFFFD');
	});

	it('folds newlines and control characters into single spaces, on one line', () => {
		assert.equal(inertText('line 1\r\nline 2\tend\u0000.'), 'line 1 line 2 end .');
		assert.equal(inertText('  padded   out  '), 'padded out');
	});

	it('cuts long text with an ellipsis, never in the middle of a character', () => {
		const long = inertText('x'.repeat(20000));
		assert.equal(long.length, DEFAULT_INERT_LENGTH);
		assert.ok(long.endsWith('…'));
		assert.equal(inertText('🙂'.repeat(10), 5), '🙂🙂🙂🙂…');
		assert.equal(inertText('abc', 3), 'abc');
		assert.equal(inertText('abcd', 3), 'ab…');
		// A link past the cut is gone; one before it is broken like any other.
		assert.deepEqual(notificationLinks(inertText(`${'A'.repeat(20000)}[late](command:x)`)), []);
		const hidden = inertText(`${'\u200B'.repeat(20000)}[hidden](command:x)`);
		assert.ok(!hidden.includes('](') && hidden.endsWith('…'), hidden.slice(-40));
	});

	it('takes any value', () => {
		assert.equal(inertText(undefined), '');
		assert.equal(inertText(null), '');
		assert.equal(inertText(42), '42');
		assert.equal(inertText(new Error('[a](command:x)')), 'Error: [a] (command:x)');
		assert.equal(inertText({ label: '[a](command:x)' }), '{"label":"[a] (command:x)"}');
		assert.equal(inertText(Symbol('x')), '');
	});
});
