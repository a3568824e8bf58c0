import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../src/api/types';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';
import { call, errorOf, type JsonRecord } from './helpers';

const Z = 'z-sample';
const unlimited = { ListTasks: Infinity, GetTaskStatus: Infinity };

async function pageThrough(emu: RunningEmulator, params: JsonRecord, between: () => void): Promise<TaskInfo[]> {
	const seen: TaskInfo[] = [];
	let token: string | undefined;
	do {
		const r = await call(emu, 'ListTasks', { ...params, ...(token ? { NextToken: token } : {}) });
		assert.equal(errorOf(r), undefined, JSON.stringify(r));
		seen.push(...(r.Tasks as TaskInfo[]));
		token = r.IsTruncated ? (r.NextToken as string) : undefined;
		if (token) {
			between();
		}
	} while (token);
	return seen;
}

describe('emulator evolution', () => {
	it('finishes InProgress tasks and appends new InProgress ones, deterministically from the seed', async () => {
		const a = await startEmulator({ tasks: 100, seed: 5 });
		const b = await startEmulator({ tasks: 100, seed: 5 });
		try {
			const before = a.tasks();
			const stepsA = [a.evolveStep(), a.evolveStep(), a.evolveStep()];
			const stepsB = [b.evolveStep(), b.evolveStep(), b.evolveStep()];
			assert.deepEqual(stepsA, stepsB);
			assert.deepEqual(a.tasks(), b.tasks());
			const first = stepsA[0];
			assert.ok(first && first.finished.length > 0 && first.created.length > 0);
			for (const t of first.finished) {
				assert.equal(before.find((x) => x.TaskId === t.TaskId)?.Status, 'InProgress');
				assert.ok(t.Status === 'Success' || t.Status === 'Failed');
				assert.equal(t.FailureReason !== '', t.Status === 'Failed');
			}
			const after = a.tasks();
			const created = stepsA.flatMap((s) => s.created);
			assert.deepEqual(after.slice(100).map((t) => t.TaskId), created.map((t) => t.TaskId), 'new tasks are appended at the end');
			assert.ok(created.every((t) => /^t-[a-z0-9]{12}$/.test(t.TaskId)));
			assert.equal(new Set(after.map((t) => t.TaskId)).size, after.length);
		} finally {
			await Promise.all([a.close(), b.close()]);
		}
	});

	it('runs on a timer when evolve is on', async () => {
		const emu = await startEmulator({ tasks: 50, seed: 2, evolve: { intervalMs: 20 } });
		try {
			await new Promise((r) => setTimeout(r, 150));
			assert.ok(emu.tasks().length > 50);
		} finally {
			await emu.close();
		}
		const count = emu.tasks().length;
		await new Promise((r) => setTimeout(r, 60));
		assert.equal(emu.tasks().length, count, 'no evolution after close');
	});

	it('pages every task exactly once while statuses change and tasks are added between pages', async () => {
		const emu = await startEmulator({ tasks: 300, seed: 9, requestsPerSecond: unlimited });
		try {
			const initial = emu.tasks().map((t) => t.TaskId);
			const seen = await pageThrough(emu, { ZoneId: Z, MaxResults: 13 }, () => {
				emu.evolveStep();
				emu.evolveStep();
			});
			const ids = seen.map((t) => t.TaskId);
			assert.equal(new Set(ids).size, ids.length, 'no task repeated');
			const final = emu.tasks().map((t) => t.TaskId);
			assert.deepEqual(ids, final, 'every task, old and new, exactly once in the stable order');
			assert.ok(final.length > initial.length);
		} finally {
			await emu.close();
		}
	});

	it('does not skip or repeat when tasks leave the filtered listing mid-paging', async () => {
		const emu = await startEmulator({ tasks: 400, seed: 4, requestsPerSecond: unlimited });
		try {
			const inProgress = emu.tasks().filter((t) => t.Status === 'InProgress').map((t) => t.TaskId);
			assert.ok(inProgress.length > 20);
			let page = 0;
			const seen = await pageThrough(emu, { ZoneId: Z, Status: 'InProgress', MaxResults: 5 }, () => {
				// After each page, finish the oldest InProgress task already returned (offset paging would skip one).
				const done = inProgress[page * 5];
				if (done) {
					emu.setTaskStatus(done, 'Success');
				}
				page++;
			});
			assert.deepEqual(seen.map((t) => t.TaskId), inProgress);
		} finally {
			await emu.close();
		}
	});
});
