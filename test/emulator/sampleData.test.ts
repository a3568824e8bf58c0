import * as assert from 'node:assert/strict';
import { TASK_TYPES } from '../../src/api/types';
import { createUniverse, generateTasks } from '../../src/emulator/sampleData';

describe('emulator sample data', () => {
	it('is deterministic per seed and differs across seeds', () => {
		assert.deepEqual(generateTasks(300, 1), generateTasks(300, 1));
		assert.notDeepEqual(generateTasks(50, 1), generateTasks(50, 2));
		assert.deepEqual(generateTasks(100, 1).slice(0, 40), generateTasks(40, 1), 'a longer run extends a shorter one');
	});

	it('looks like a real organization', () => {
		const tasks = generateTasks(5000, 1);
		const u = createUniverse(1);
		assert.ok(u.roleConfigurations.length >= 12 && u.roleConfigurations.length <= 30);
		const byStatus = (s: string) => tasks.filter((t) => t.Status === s).length / tasks.length;
		assert.ok(byStatus('Success') > 0.6, 'mostly Success');
		assert.ok(byStatus('Failed') > 0.05 && byStatus('Failed') < 0.2);
		assert.ok(byStatus('InProgress') > 0.05 && byStatus('InProgress') < 0.25);
		assert.deepEqual(new Set(tasks.map((t) => t.TaskType)), new Set(TASK_TYPES));
		assert.deepEqual(new Set(tasks.map((t) => t.TargetType)), new Set(['MemberUin', 'ManagerUin']));
		assert.deepEqual(new Set(tasks.map((t) => t.PrincipalType)), new Set(['User', 'Group']));
		assert.equal(new Set(tasks.map((t) => t.TaskId)).size, tasks.length, 'TaskIds unique');
		for (const t of tasks) {
			assert.match(t.TaskId, /^t-[a-z0-9]{12}$/);
			assert.match(t.RoleConfigurationId, /^rc-[a-z0-9]{8}$/);
			assert.match(t.PrincipalId, t.PrincipalType === 'User' ? /^u-[a-z0-9]{10}$/ : /^g-[a-z0-9]{10}$/);
			assert.ok(Number.isSafeInteger(t.TargetUin) && String(t.TargetUin).length >= 10 && String(t.TargetUin).length <= 12);
			assert.equal(t.FailureReason !== '', t.Status === 'Failed');
		}
		const reasons = tasks.filter((t) => t.Status === 'Failed').map((t) => t.FailureReason);
		assert.ok(reasons.some((r) => /[\u4e00-\u9fff]/.test(r)) && reasons.some((r) => /^[\x20-\x7e]+$/.test(r)), 'Chinese and English reasons');
		const managers = new Set(tasks.filter((t) => t.TargetType === 'ManagerUin').map((t) => t.TargetUin));
		assert.ok(managers.size >= 1 && managers.size <= 2);
		const names = new Set(tasks.map((t) => t.RoleConfigurationName));
		const rcOfName = new Map<string, string>();
		for (const t of tasks) {
			assert.equal(rcOfName.get(t.RoleConfigurationName) ?? t.RoleConfigurationId, t.RoleConfigurationId, 'one id per name');
			rcOfName.set(t.RoleConfigurationName, t.RoleConfigurationId);
		}
		assert.ok(names.size >= 12);
	});

	it('includes Chinese and punctuated role configuration names across seeds', () => {
		const names = new Set<string>();
		for (let seed = 1; seed <= 10; seed++) {
			for (const rc of createUniverse(seed).roleConfigurations) {
				names.add(rc.name);
			}
		}
		assert.ok([...names].some((n) => /[\u4e00-\u9fff]/.test(n)));
		assert.ok([...names].some((n) => /[:()&"/]/.test(n)));
	});

	it('generates 100k tasks in linear time (benchmarks ask for that many)', () => {
		// CPU time, not wall time: the suite often shares a busy machine. ~0.2 s when idle; this bound catches O(n²).
		const before = process.cpuUsage();
		const tasks = generateTasks(100_000, 7);
		const used = process.cpuUsage(before);
		const ms = (used.user + used.system) / 1000;
		assert.equal(tasks.length, 100_000);
		assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms of CPU`);
	});

	it('rejects a bad count', () => {
		assert.throws(() => generateTasks(-1, 1), RangeError);
		assert.throws(() => generateTasks(1.5, 1), RangeError);
		assert.deepEqual(generateTasks(0, 1), []);
	});
});
