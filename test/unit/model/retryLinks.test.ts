import * as assert from 'node:assert/strict';
import { MAX_RETRY_LINKS, parseRetryLinks, RETRY_LINK_MAX_AGE_MS, RetryLinks, type RetryLinkRecord, type RetryLinkStorage } from '../../../src/model/retryLinks';

/** A storage that round-trips through JSON, as globalState does. */
class MemoryStorage implements RetryLinkStorage {
	value: unknown;
	writes = 0;

	read(): unknown {
		return this.value === undefined ? undefined : JSON.parse(JSON.stringify(this.value));
	}

	write(records: readonly RetryLinkRecord[]): void {
		this.writes++;
		this.value = JSON.parse(JSON.stringify(records));
	}
}

const DAY = 24 * 3600_000;

describe('retry links', () => {
	it('links both ways in memory, and keeps a profile\'s links for the next window', () => {
		const storage = new MemoryStorage();
		let now = 1_000 * DAY;
		const first = new RetryLinks(storage, () => now);
		first.link('t-old0001', ['t-new0001'], 'z-zone0001');
		first.link('t-old0001', ['t-new0002'], 'z-zone0001');
		assert.deepEqual(first.retriedAs('t-old0001'), ['t-new0001', 't-new0002']);
		assert.equal(first.retryOf('t-new0002'), 't-old0001');
		now += DAY;
		const reloaded = new RetryLinks(storage, () => now);
		assert.deepEqual(reloaded.retriedAs('t-old0001'), ['t-new0001', 't-new0002']);
		assert.equal(reloaded.retryOf('t-new0001'), 't-old0001');
	});

	it('keeps sample data\'s links (no zone given) in memory only', () => {
		const storage = new MemoryStorage();
		const links = new RetryLinks(storage);
		links.link('t-sample01', ['t-sample02']);
		assert.deepEqual(links.retriedAs('t-sample01'), ['t-sample02']);
		assert.equal(storage.writes, 0);
		assert.deepEqual(new RetryLinks(storage).retriedAs('t-sample01'), []);
	});

	it('forgets a zone whose credentials were removed, in memory and in storage, and nothing else', () => {
		const storage = new MemoryStorage();
		const links = new RetryLinks(storage);
		links.link('t-gone0001', ['t-gone0002'], 'z-removed01');
		links.link('t-kept0001', ['t-kept0002'], 'z-other0001');
		let fired = 0;
		links.onDidChange(() => fired++);
		links.forgetZone('z-removed01');
		assert.equal(fired, 1);
		assert.deepEqual(links.retriedAs('t-gone0001'), []);
		assert.equal(links.retryOf('t-gone0002'), undefined);
		assert.deepEqual(links.retriedAs('t-kept0001'), ['t-kept0002']);
		const reloaded = new RetryLinks(storage);
		assert.deepEqual(reloaded.retriedAs('t-gone0001'), []);
		assert.deepEqual(reloaded.retriedAs('t-kept0001'), ['t-kept0002']);
		links.forgetZone('z-never0001');
		assert.equal(fired, 1, 'nothing to forget: no event, no write');
	});

	it('two windows on one storage keep each other\'s links, and a removal in one is not written back by the other', () => {
		const storage = new MemoryStorage();
		const a = new RetryLinks(storage);
		const b = new RetryLinks(storage);
		a.link('t-a0000001', ['t-a0000002'], 'z-zone0001');
		b.link('t-b0000001', ['t-b0000002'], 'z-zone0002');
		assert.deepEqual(b.retriedAs('t-a0000001'), ['t-a0000002'], 'b learnt a\'s link when it wrote');
		const next = new RetryLinks(storage);
		assert.deepEqual([next.retriedAs('t-a0000001'), next.retriedAs('t-b0000001')], [['t-a0000002'], ['t-b0000002']]);
		a.forgetZone('z-zone0002');
		b.link('t-b0000003', ['t-b0000004'], 'z-zone0001');
		const after = new RetryLinks(storage);
		assert.deepEqual(after.retriedAs('t-b0000001'), [], 'the removed zone stays removed');
		assert.deepEqual(after.retriedAs('t-b0000003'), ['t-b0000004']);
	});

	it('makes no link for a zone forgotten while its retry was on its way', () => {
		const storage = new MemoryStorage();
		let now = 1000;
		const links = new RetryLinks(storage, () => now);
		const sentAt = now;
		now = 2000;
		links.forgetZone('z-removed01');
		now = 3000;
		links.link('t-late0001', ['t-late0002'], 'z-removed01', sentAt);
		assert.deepEqual(links.retriedAs('t-late0001'), []);
		assert.equal(storage.writes, 0);
		links.link('t-anew0001', ['t-anew0002'], 'z-removed01', now);
		assert.deepEqual(links.retriedAs('t-anew0001'), ['t-anew0002'], 'a retry sent after the removal (credentials added again) is kept');
	});

	it('forgets a zone\'s links kept in memory only, too', () => {
		const links = new RetryLinks();
		links.link('t-mem00001', ['t-mem00002'], 'z-removed01');
		links.link('t-mem00003', ['t-mem00004']);
		links.forgetZone('z-removed01');
		assert.deepEqual(links.retriedAs('t-mem00001'), []);
		assert.equal(links.retryOf('t-mem00002'), undefined);
		assert.deepEqual(links.retriedAs('t-mem00003'), ['t-mem00004'], 'sample data\'s links are no zone\'s');
	});

	it('keeps the newest links, drops old ones, and reads anything else in storage as nothing', () => {
		const now = 1_000 * DAY;
		const record = (i: number, at: number): RetryLinkRecord => ({ zoneId: 'z-zone0001', oldTaskId: `t-old${i}`, newTaskIds: [`t-new${i}`], at });
		const many = Array.from({ length: MAX_RETRY_LINKS + 20 }, (_v, i) => record(i, now - i * 1000));
		const parsed = parseRetryLinks(many, now);
		assert.equal(parsed.length, MAX_RETRY_LINKS);
		assert.equal(parsed.at(-1)?.oldTaskId, 't-old0', 'the newest last');
		assert.ok(!parsed.some((r) => r.oldTaskId === `t-old${MAX_RETRY_LINKS + 19}`), 'the oldest dropped');
		assert.deepEqual(parseRetryLinks([record(1, now - RETRY_LINK_MAX_AGE_MS - 1)], now), [], 'older than the age bound');
		assert.deepEqual(parseRetryLinks([record(1, now + 2 * DAY), record(2, 1e300)], now), [], 'from a clock far ahead: it would never age out');
		assert.equal(parseRetryLinks([record(1, now + 3600_000)], now).length, 1, 'a little ahead is still taken');
		for (const bad of [undefined, null, 'x', 42, {}, [null], [{ ...record(1, now), oldTaskId: '[x](command:evil)' }], [{ ...record(1, now), newTaskIds: [] }], [{ ...record(1, now), newTaskIds: ['t-a', 7] }], [{ ...record(1, now), at: 'now' }], [{ ...record(1, now), zoneId: '' }]]) {
			assert.deepEqual(parseRetryLinks(bad, now), [], JSON.stringify(bad));
		}
		const storage = new MemoryStorage();
		storage.value = [record(1, now), { nonsense: true }];
		assert.deepEqual(new RetryLinks(storage, () => now).retriedAs('t-old1'), ['t-new1'], 'one bad record does not cost the others');
	});

	it('stores at most the newest MAX_RETRY_LINKS as it links', () => {
		const storage = new MemoryStorage();
		let now = 0;
		const links = new RetryLinks(storage, () => now);
		for (let i = 0; i < MAX_RETRY_LINKS + 5; i++) {
			now = i;
			links.link(`t-o${i}`, [`t-n${i}`], 'z-zone0001');
		}
		assert.equal((storage.value as unknown[]).length, MAX_RETRY_LINKS);
		assert.deepEqual(links.retriedAs('t-o0'), ['t-n0'], 'memory keeps this window\'s links');
	});
});
