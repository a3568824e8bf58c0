import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultExportPath } from '../../../src/model/exportLocation';

describe('defaultExportPath', () => {
	it('opens in the first workspace folder with the chosen format\'s extension', () => {
		assert.equal(defaultExportPath('/work/project', '/home/ana', 'z-abc', 'csv'), path.join('/work/project', 'cic-tasks-z-abc.csv'));
		assert.equal(defaultExportPath('/work/project', '/home/ana', 'z-abc', 'json'), path.join('/work/project', 'cic-tasks-z-abc.json'));
	});

	it('opens in the home folder when no workspace folder is open, never the filesystem root', () => {
		const file = defaultExportPath(undefined, '/home/ana', 'z-abc', 'json');
		assert.equal(file, path.join('/home/ana', 'cic-tasks-z-abc.json'));
		assert.notEqual(path.dirname(file), path.parse(file).root);
	});
});
