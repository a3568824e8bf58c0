import * as assert from 'node:assert/strict';
import { Emitter } from '../../../src/model/emitter';

describe('Emitter', () => {
	it('delivers to listeners until they are disposed', () => {
		const emitter = new Emitter<number>();
		const seen: number[] = [];
		const sub = emitter.event((n) => seen.push(n));
		emitter.fire(1);
		sub.dispose();
		sub.dispose();
		emitter.fire(2);
		assert.deepEqual(seen, [1]);
		assert.equal(emitter.hasListeners, false);
	});

	it('reaches every listener even if one throws, then rethrows', () => {
		const emitter = new Emitter<void>();
		let reached = false;
		emitter.event(() => {
			throw new Error('boom');
		});
		emitter.event(() => {
			reached = true;
		});
		assert.throws(() => emitter.fire(), /boom/);
		assert.ok(reached);
	});

	it('leaves listeners added while firing for the next round, and ignores registrations after dispose', () => {
		const emitter = new Emitter<string>();
		const seen: string[] = [];
		emitter.event((e) => {
			seen.push(`a:${e}`);
			emitter.event((x) => seen.push(`b:${x}`));
		});
		emitter.fire('1');
		assert.deepEqual(seen, ['a:1']);
		emitter.dispose();
		emitter.event(() => seen.push('late'));
		emitter.fire('2');
		assert.deepEqual(seen, ['a:1']);
	});
});
