import * as assert from 'node:assert/strict';
import { Disposable } from '../../../src/host/disposable';

class Owner extends Disposable {
	register(name: string, log: string[], fail = false): void {
		this._register({
			dispose: () => {
				log.push(name);
				if (fail) {
					throw new Error(`${name} failed`);
				}
			},
		});
	}
}

describe('Disposable', () => {
	it('disposes what was registered, newest first', () => {
		const log: string[] = [];
		const owner = new Owner();
		owner.register('emitter', log);
		owner.register('listener', log);
		owner.dispose();
		assert.deepEqual(log, ['listener', 'emitter']);
	});

	it('disposes each one once, however often dispose() is called', () => {
		const log: string[] = [];
		const owner = new Owner();
		owner.register('a', log);
		owner.dispose();
		owner.dispose();
		assert.deepEqual(log, ['a']);
	});

	it('disposes at once what is registered after dispose()', () => {
		const log: string[] = [];
		const owner = new Owner();
		owner.dispose();
		owner.register('late', log);
		assert.deepEqual(log, ['late']);
	});

	it('disposes the rest when one throws, then rethrows the first error', () => {
		const log: string[] = [];
		const owner = new Owner();
		owner.register('a', log);
		owner.register('b', log, true);
		owner.register('c', log, true);
		assert.throws(() => owner.dispose(), /c failed/);
		assert.deepEqual(log, ['c', 'b', 'a']);
	});

	it('returns what it registers, so a field can be declared and registered at once', () => {
		class Holder extends Disposable {
			readonly child = this._register({ dispose: () => undefined });
		}
		assert.equal(typeof new Holder().child.dispose, 'function');
	});
});
