import * as assert from 'node:assert/strict';
import { parseJsonWithComments, settingsKeysIn } from '../../../src/model/settingsText';

const KEYS = ['site', 'endpoint', 'pageSize', 'loadAllThreshold', 'autoRefresh.interval', 'requestsPerSecond'] as const;

describe('settings files: which user-only settings a workspace tries to set', () => {
	it('reads JSON with comments and trailing commas, as VS Code writes settings.json', () => {
		const text = [
			'\uFEFF// a comment',
			'{',
			'  /* block',
			'     comment */ "cicTasks.endpoint": "https://a.example//not-a-comment", // after',
			'  "s": "/* not a comment either */ ,]",',
			'  "list": [1, 2,],',
			'}',
		].join('\n');
		assert.deepEqual(parseJsonWithComments(text), { 'cicTasks.endpoint': 'https://a.example//not-a-comment', s: '/* not a comment either */ ,]', list: [1, 2] });
		assert.deepEqual(parseJsonWithComments('{"a": "quote \\" then // slash"}'), { a: 'quote " then // slash' });
		assert.equal(parseJsonWithComments('{ "a": '), undefined);
		assert.equal(parseJsonWithComments(''), undefined);
	});

	it('finds every spelling VS Code accepts: dotted, nested under the section, half nested', () => {
		assert.deepEqual(settingsKeysIn({ 'cicTasks.endpoint': 'x', 'cicTasks.requestsPerSecond': 1, 'cicTasks.groupBy': 'flat' }, 'cicTasks', KEYS), ['endpoint', 'requestsPerSecond']);
		assert.deepEqual(settingsKeysIn({ cicTasks: { endpoint: 'x', autoRefresh: { interval: 1 }, notifyOn: 'all' } }, 'cicTasks', KEYS), ['endpoint', 'autoRefresh.interval']);
		assert.deepEqual(settingsKeysIn({ 'cicTasks.autoRefresh': { interval: 1 }, 'cicTasks.site': 'international' }, 'cicTasks', KEYS), ['site', 'autoRefresh.interval']);
		// Present with any value counts: null or a wrong type is still the workspace trying.
		assert.deepEqual(settingsKeysIn({ 'cicTasks.pageSize': null, cicTasks: { loadAllThreshold: 'lots' } }, 'cicTasks', KEYS), ['pageSize', 'loadAllThreshold']);
	});

	it('ignores other sections, lookalike keys and non-objects', () => {
		assert.deepEqual(settingsKeysIn({ 'cicTasksX.endpoint': 'x', 'other.cicTasks.endpoint': 'x', endpoint: 'x', cicTasks: 'x', '[json]': { 'cicTasks.x': 1 } }, 'cicTasks', KEYS), []);
		assert.deepEqual(settingsKeysIn({ 'cicTasks.autoRefresh': 5, 'cicTasks.autoRefresh.intervalX': 1 }, 'cicTasks', KEYS), []);
		for (const value of [undefined, null, 'x', 1, ['cicTasks.endpoint']]) {
			assert.deepEqual(settingsKeysIn(value, 'cicTasks', KEYS), []);
		}
	});

	it('stays fast and shallow on hostile input', () => {
		let deep: unknown = { endpoint: 'x' };
		for (let i = 0; i < 10000; i++) {
			deep = { a: deep };
		}
		assert.deepEqual(settingsKeysIn({ cicTasks: deep }, 'cicTasks', KEYS), []);
		const started = Date.now();
		assert.equal(parseJsonWithComments(`[${' ,'.repeat(200000)}]`), undefined);
		assert.deepEqual(parseJsonWithComments(`{"cicTasks.endpoint": "${'/'.repeat(200000)}"}`), { 'cicTasks.endpoint': '/'.repeat(200000) });
		assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
	});
});
