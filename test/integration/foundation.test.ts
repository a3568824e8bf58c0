import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateForTest, getExtension, snapshot, waitFor } from './helpers';

// The manifest as the host loaded it: the ids checked here are the ones users get, not a copy kept in the test.
interface Manifest {
	contributes?: {
		viewsContainers?: { activitybar?: { id: string }[] };
		views?: Record<string, { id: string }[]>;
		commands?: { command: string }[];
	};
}

const CONTAINER_ID = 'cicTasks';

function manifest(): Manifest {
	return getExtension().packageJSON as Manifest;
}

describe('foundation', () => {
	it('is found and activates', async () => {
		const extension = getExtension();
		const testApi = await activateForTest();
		assert.equal(extension.isActive, true);
		assert.ok(Number.isFinite(testApi.activationMs) && testApi.activationMs >= 0, `activationMs is ${testApi.activationMs}`);
		// The web runner reports this line as the activation time.
		console.log(`[cic-activate] ${testApi.activationMs.toFixed(1)}`);
	});

	it('registers its view container and views, and shows them', async () => {
		const testApi = await activateForTest();
		const contributes = manifest().contributes;
		assert.ok(
			contributes?.viewsContainers?.activitybar?.some((c) => c.id === CONTAINER_ID),
			`no activity-bar container '${CONTAINER_ID}' in the manifest`,
		);
		const views = contributes?.views?.[CONTAINER_ID] ?? [];
		assert.ok(views.length > 0, `no views in container '${CONTAINER_ID}'`);

		// The workbench registers these commands only for containers and views it accepted from the manifest.
		const commands = new Set(await vscode.commands.getCommands(true));
		const expected = [`workbench.view.extension.${CONTAINER_ID}`, ...views.map((v) => `${v.id}.focus`)];
		assert.deepEqual(
			expected.filter((c) => !commands.has(c)),
			[],
			'the workbench did not register the container or view',
		);

		await vscode.commands.executeCommand(`workbench.view.extension.${CONTAINER_ID}`);
		for (const view of views) {
			await vscode.commands.executeCommand(`${view.id}.focus`);
		}
		await waitFor('the Tasks tree view to become visible', () => (testApi.view.treeView.visible ? true : undefined));
		await snapshot('foundation-view');
	});

	it('registers every contributed command', async () => {
		await activateForTest();
		const contributed = (manifest().contributes?.commands ?? []).map((c) => c.command);
		assert.ok(contributed.length > 0, 'the manifest contributes no commands');
		const registered = new Set(await vscode.commands.getCommands(true));
		assert.deepEqual(
			contributed.filter((c) => !registered.has(c)),
			[],
			'contributed commands without a handler',
		);
	});

	it('stores, reads back and deletes a secret through SecretStorage', async () => {
		const { secrets } = await activateForTest();
		const key = `cicTasks.integrationTest.${process.pid}.${Date.now()}`;
		const value = `value-${Math.round(performance.now())}`;
		const changed: string[] = [];
		const listener = secrets.onDidChange((e) => changed.push(e.key));
		try {
			await secrets.store(key, value);
			assert.equal(await secrets.get(key), value);
			await secrets.delete(key);
			assert.equal(await secrets.get(key), undefined);
			await waitFor('SecretStorage.onDidChange for the key', () => (changed.includes(key) ? true : undefined), 5000);
		} finally {
			listener.dispose();
			await secrets.delete(key);
		}
	});
});
