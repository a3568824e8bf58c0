import * as assert from 'node:assert/strict';
import { AfterActivation } from '../../../src/host/afterActivation';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function part(name: string, log: string[], fail = false): { dispose(): void } {
	return {
		dispose: () => {
			log.push(`dispose ${name}`);
			if (fail) {
				throw new Error(`${name} failed`);
			}
		},
	};
}

describe('AfterActivation', () => {
	it('builds nothing during activation and everything on the next turn, before work scheduled after it', async () => {
		const log: string[] = [];
		const late = new AfterActivation(() => {
			log.push('build');
			return { a: part('a', log) };
		});
		setImmediate(() => log.push('first load'));
		assert.equal(late.built, false);
		assert.deepEqual(log, []);
		await nextTurn();
		assert.deepEqual(log, ['build', 'first load']);
		assert.equal(late.built, true);
	});

	it('builds at first use when that comes first, and only once', async () => {
		let builds = 0;
		const late = new AfterActivation(() => ({ a: part('a', [], false), n: { dispose: () => undefined, count: ++builds } }));
		assert.equal(late.get().n.count, 1);
		assert.equal(late.get(), late.get());
		await nextTurn();
		assert.equal(builds, 1);
		late.dispose();
	});

	it('disposes the parts newest key first, all of them even when one throws, and refuses use afterwards', async () => {
		const log: string[] = [];
		const late = new AfterActivation(() => ({ first: part('first', log), second: part('second', log, true), third: part('third', log) }));
		await nextTurn();
		assert.throws(() => late.dispose(), /second failed/);
		assert.deepEqual(log, ['dispose third', 'dispose second', 'dispose first']);
		late.dispose();
		assert.equal(log.length, 3, 'disposed once');
		assert.throws(() => late.get(), /deactivated/);
	});

	it('never builds when the extension is deactivated before the next turn', async () => {
		let built = false;
		const late = new AfterActivation(() => {
			built = true;
			return {};
		});
		late.dispose();
		await nextTurn();
		assert.equal(built, false);
	});
});
