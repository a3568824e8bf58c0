import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../../src/api/types';
import {
	describeFilter,
	filtersEqual,
	isEmptyFilter,
	matchesFilter,
	normalizeFilter,
	parseSavedViews,
	toServerFilters,
} from '../../../src/model/filter';

const TASK: TaskInfo = {
	TaskId: 't-1',
	RoleConfigurationId: 'rc-abc',
	RoleConfigurationName: 'Admin',
	TargetUin: 100012345678,
	TargetType: 'MemberUin',
	PrincipalId: 'u-123',
	PrincipalType: 'User',
	TaskType: 'CreateRoleAssignment',
	Status: 'Failed',
	FailureReason: 'x',
};

describe('filter', () => {
	it('knows an empty filter', () => {
		assert.ok(isEmptyFilter(undefined));
		assert.ok(isEmptyFilter({}));
		assert.ok(isEmptyFilter({ statuses: [], taskTypes: [], roleConfigurationIds: [] }));
		assert.ok(!isEmptyFilter({ statuses: ['Failed'] }));
		assert.ok(!isEmptyFilter({ target: { type: 'MemberUin', uin: 1 } }));
	});

	it('compares filters as sets', () => {
		assert.ok(filtersEqual({ statuses: ['Success', 'Failed', 'Failed'] }, { statuses: ['Failed', 'Success'] }));
		assert.ok(filtersEqual({}, { statuses: [] }));
		assert.ok(filtersEqual(undefined, {}));
		assert.ok(!filtersEqual({ statuses: ['Failed'] }, { statuses: ['Success'] }));
		assert.ok(!filtersEqual({ principal: { type: 'User', id: 'u-1' } }, { principal: { type: 'Group', id: 'u-1' } }));
		assert.ok(!filtersEqual({ target: { type: 'MemberUin', uin: 1 } }, { target: { type: 'MemberUin', uin: 2 } }));
		assert.deepEqual(normalizeFilter({ statuses: ['b', 'a', 'b'], taskTypes: [] }), { statuses: ['a', 'b'] });
	});

	it('matches every field with AND and each list with OR', () => {
		assert.ok(matchesFilter(TASK, {}));
		assert.ok(matchesFilter(TASK, { statuses: ['Success', 'Failed'] }));
		assert.ok(!matchesFilter(TASK, { statuses: ['Success'] }));
		assert.ok(matchesFilter(TASK, { statuses: ['Failed'], roleConfigurationIds: ['rc-abc'], taskTypes: ['CreateRoleAssignment'] }));
		assert.ok(!matchesFilter(TASK, { statuses: ['Failed'], taskTypes: ['DeleteRoleAssignment'] }));
		assert.ok(matchesFilter(TASK, { principal: { type: 'User', id: 'u-123' } }));
		assert.ok(!matchesFilter(TASK, { principal: { type: 'Group', id: 'u-123' } }));
		assert.ok(matchesFilter(TASK, { target: { type: 'MemberUin', uin: 100012345678 } }));
		assert.ok(!matchesFilter(TASK, { target: { type: 'ManagerUin', uin: 100012345678 } }));
	});

	it('expands multi-valued choices into the cartesian product of server filters', () => {
		assert.deepEqual(toServerFilters({}), [{}]);
		assert.deepEqual(toServerFilters(undefined), [{}]);
		const filters = toServerFilters({
			statuses: ['Success', 'Failed'],
			roleConfigurationIds: ['rc-1', 'rc-2', 'rc-1'],
			principal: { type: 'Group', id: 'g-1' },
			target: { type: 'MemberUin', uin: 7 },
		});
		assert.equal(filters.length, 4);
		assert.deepEqual(filters[0], {
			Status: 'Failed',
			PrincipalType: 'Group',
			PrincipalId: 'g-1',
			TargetType: 'MemberUin',
			TargetUin: 7,
			RoleConfigurationId: 'rc-1',
		});
		assert.deepEqual(
			filters.map((f) => `${f.Status}/${f.RoleConfigurationId}`),
			['Failed/rc-1', 'Failed/rc-2', 'Success/rc-1', 'Success/rc-2'],
		);
		assert.equal(toServerFilters({ statuses: ['Failed', 'Success'], taskTypes: ['A', 'B', 'C'] }).length, 6);
	});

	it('describes a filter briefly, statuses in tree order', () => {
		assert.equal(describeFilter({}), '');
		assert.equal(describeFilter({ statuses: ['Failed'], roleConfigurationIds: ['rc-abc'], principal: { type: 'User', id: 'u-123' } }), 'Failed · rc-abc · u-123');
		assert.equal(describeFilter({ statuses: ['Success', 'Failed', 'InProgress'] }), 'Failed, InProgress, Success');
		assert.equal(describeFilter({ taskTypes: ['CreateRoleAssignment'], target: { type: 'ManagerUin', uin: 9 } }), 'CreateRoleAssignment · manager 9');
		assert.equal(describeFilter({ target: { type: 'MemberUin', uin: 9 } }), '9');
	});

	describe('parseSavedViews', () => {
		it('keeps good views', () => {
			const { views, errors } = parseSavedViews([
				{ label: ' Failed admin ', filter: { statuses: ['Failed'], roleConfigurationIds: ['rc-abc'] } },
				{ label: 'Everything', filter: {} },
				{
					label: 'Mine',
					filter: { principal: { type: 'User', id: 'u-1' }, target: { type: 'ManagerUin', uin: 100012345678 }, taskTypes: ['SomethingNew'] },
				},
			]);
			assert.deepEqual(errors, []);
			assert.deepEqual(
				views.map((v) => v.label),
				['Failed admin', 'Everything', 'Mine'],
			);
			assert.deepEqual(views[0].filter, { statuses: ['Failed'], roleConfigurationIds: ['rc-abc'] });
			assert.deepEqual(views[2].filter.target, { type: 'ManagerUin', uin: 100012345678 });
		});

		it('treats an unset setting as no views', () => {
			assert.deepEqual(parseSavedViews(undefined), { views: [], errors: [] });
			assert.deepEqual(parseSavedViews(null), { views: [], errors: [] });
			assert.deepEqual(parseSavedViews([]), { views: [], errors: [] });
		});

		it('rejects a setting that is not a list', () => {
			const { views, errors } = parseSavedViews({ label: 'x', filter: {} });
			assert.deepEqual(views, []);
			assert.match(errors[0], /must be a list .* not an object/);
		});

		const BAD: [unknown, RegExp][] = [
			['just text', /Saved view 2: must be an object .* not a string/],
			[null, /Saved view 2: must be an object .* not null/],
			[[1], /Saved view 2: must be an object .* not an array/],
			[{ filter: {} }, /Saved view 2: "label" must be a non-empty string/],
			[{ label: '   ', filter: {} }, /"label" must be a non-empty string/],
			[{ label: 7, filter: {} }, /"label" must be a non-empty string/],
			[{ label: 'No filter' }, /Saved view 2 "No filter": "filter" is missing/],
			[{ label: 'Extra', filter: {}, colour: 'red' }, /Saved view 2 "Extra": unknown field "colour"/],
			[{ label: 'Str', filter: 'Failed' }, /"filter" must be an object, not a string/],
			[{ label: 'Arr', filter: [] }, /"filter" must be an object, not an array/],
			[{ label: 'Typo', filter: { status: ['Failed'] } }, /unknown field "status" \(allowed: statuses/],
			[{ label: 'Case', filter: { statuses: ['failed'] } }, /"statuses"\[0\]: unknown status "failed" \(use Failed, InProgress, Success\)/],
			[{ label: 'Scalar', filter: { statuses: 'Failed' } }, /"statuses" must be a list of strings, not a string/],
			[{ label: 'Num', filter: { statuses: [1] } }, /"statuses"\[0\] must be a string, not a number/],
			[{ label: 'Type', filter: { taskTypes: ['Create Role'] } }, /"taskTypes"\[0\]: "Create Role" is not a task type name/],
			[{ label: 'Rc', filter: { roleConfigurationIds: ['abc'] } }, /"roleConfigurationIds"\[0\]: A role configuration ID starts with "rc-"/],
			[{ label: 'P1', filter: { principal: 'u-1' } }, /"principal" must be an object/],
			[{ label: 'P2', filter: { principal: { type: 'Role', id: 'u-1' } } }, /"principal.type" must be "User" or "Group"/],
			[{ label: 'P3', filter: { principal: { type: 'Group', id: 'u-1' } } }, /"principal.id": A CIC user group ID starts with "g-"/],
			[{ label: 'P4', filter: { principal: { type: 'User' } } }, /"principal.id" is missing/],
			[{ label: 'T1', filter: { target: { type: 'Member', uin: 1 } } }, /"target.type" must be "MemberUin" or "ManagerUin"/],
			[{ label: 'T2', filter: { target: { type: 'MemberUin', uin: '100' } } }, /"target.uin" must be a positive whole number, not a string/],
			[{ label: 'T3', filter: { target: { type: 'MemberUin', uin: -4 } } }, /"target.uin" must be a positive whole number, not -4/],
			[{ label: 'T4', filter: { target: { type: 'MemberUin', uin: 1.5 } } }, /not 1.5/],
			[{ label: 'Good', filter: {} }, /Saved view 2 "Good": another saved view already uses this label/],
		];

		for (const [entry, expected] of BAD) {
			it(`rejects ${JSON.stringify(entry)} with a clear message and keeps the others`, () => {
				const { views, errors } = parseSavedViews([{ label: 'Good', filter: { statuses: ['Failed'] } }, entry, { label: 'Later', filter: {} }]);
				assert.deepEqual(
					views.map((v) => v.label),
					['Good', 'Later'],
				);
				assert.equal(errors.length, 1, errors.join('\n'));
				assert.match(errors[0], expected);
			});
		}
	});
});
