import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

/*
 * The layer rules of eslint.config.mjs, held to their promise: a real file of each layer, with one forbidden import
 * added, fails the lint (and the same file as it is passes, so the check cannot pass vacuously).
 */

function repoRoot(): string {
	let dir = __dirname;
	while (!fs.existsSync(path.join(dir, 'eslint.config.mjs'))) {
		dir = path.dirname(dir);
	}
	return dir;
}

const root = repoRoot();
const eslint = new ESLint({ cwd: root });

async function layerErrors(file: string, addedImport: string): Promise<string[]> {
	const text = `${addedImport}\n${fs.readFileSync(path.join(root, file), 'utf8')}`;
	const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
	return (result?.messages ?? []).filter((m) => m.line === 1 && m.severity === 2).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const CASES: [file: string, addedImport: string][] = [
	['src/api/retry.ts', "import * as vscode from 'vscode';"],
	['src/api/retry.ts', "import { inertText } from '../model/inertText';"],
	['src/model/plural.ts', "import * as vscode from 'vscode';"],
	['src/model/plural.ts', "import { readSettings } from '../host/settings';"],
	['src/emulator/random.ts', "import { inertText } from '../model/inertText';"],
	['src/host/notify.ts', "import { TasksView } from '../views/tasksView';"],
	['src/webview/html.ts', "import { TasksView } from '../views/tasksView';"],
	['src/views/nodes.ts', "import { registerCommands } from '../commands/registerCommands';"],
	['src/webview/ui/lib/icons.ts', "import { readSettings } from '../../../host/settings';"],
];

describe('lint: layers', function () {
	this.timeout(120000);

	it('passes the files as they are', async () => {
		for (const file of new Set(CASES.map(([f]) => f))) {
			assert.deepEqual(await layerErrors(file, ''), [], file);
		}
	});

	for (const [file, addedImport] of CASES) {
		it(`fails ${file} with \`${addedImport}\``, async () => {
			const errors = await layerErrors(file, addedImport);
			assert.ok(errors.some((e) => e.includes('no-restricted-imports')), `${file}: ${errors.join('; ') || 'no error on the added import'}`);
		});
	}
});
