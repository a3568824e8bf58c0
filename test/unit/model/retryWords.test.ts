import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../../src/api/types';
import { NO_NAMES, type NameLookup } from '../../../src/model/names';
import { notificationText, type Localizer } from '../../../src/model/notifications';
import { changesFor } from '../../../src/model/retryPlan';
import { changesOffText, confirmationText, describeChange } from '../../../src/model/retryWords';
import { assertInert, HOSTILE } from './hostileStrings';

/** Retry Task's words: every change in names and IDs, and nothing a hostile name can turn into a link. */

const l10n: Localizer = { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] === undefined ? whole : String(args[Number(i)]))) };

function task(overrides: Partial<TaskInfo>): TaskInfo {
	return {
		TaskId: 't-old1',
		RoleConfigurationId: 'rc-admins',
		RoleConfigurationName: 'Admins',
		TargetUin: 100012345678,
		TargetType: 'MemberUin',
		PrincipalId: 'u-alice',
		PrincipalType: 'User',
		TaskType: 'CreateRoleAssignment',
		Status: 'Failed',
		FailureReason: 'quota',
		...overrides,
	};
}

function namesWith(name: string): NameLookup {
	return {
		...NO_NAMES,
		principal: (_type, id) => ({ state: 'found', kind: 'User', id, userName: `${name}-login`, displayName: name, email: '', status: 'Enabled', checkedAt: 0 }),
		account: (uin) => ({ state: 'found', uin, name: `${name} account`, memberType: 'Create', nodeName: '', checkedAt: 0 }),
		roleConfiguration: (id) => ({ state: 'found', id, name: `${name} role`, description: '', sessionDuration: undefined, checkedAt: 0 }),
	};
}

describe('Retry Task words', () => {
	it('names the action, the role configuration, the principal and the account, in words and IDs', () => {
		const [c] = changesFor([task({})]);
		const text = describeChange(c, namesWith('Alice Wang'), l10n);
		for (const part of ['CreateRoleAssignment', 'Alice Wang role', 'rc-admins', 'Alice Wang', 'u-alice', 'Alice Wang account', '100012345678']) {
			assert.ok(text.includes(part), `${part} missing from ${text}`);
		}
		const unknown = describeChange(c, NO_NAMES, l10n);
		assert.ok(unknown.includes('"Admins" (rc-admins)') && unknown.includes('u-alice') && unknown.includes('100012345678'), unknown);
	});

	it('says what each type does, and which DeprovisionStrategy a deletion uses', () => {
		const [del] = changesFor([task({ TaskType: 'DeleteRolesAssignment' })]);
		assert.match(describeChange(del, NO_NAMES, l10n, 'None'), /^DeleteRoleAssignment: .*DeprovisionStrategy None/);
		assert.match(describeChange(del, NO_NAMES, l10n, 'DeprovisionForLastRoleAssignmentOnAccount'), /DeprovisionForLastRoleAssignmentOnAccount/);
		const [prov] = changesFor([task({ TaskType: 'ProvisionRoleConfiguration' })]);
		assert.match(describeChange(prov, NO_NAMES, l10n), /^ProvisionRoleConfiguration: deploy/);
		assert.doesNotMatch(describeChange(prov, NO_NAMES, l10n), /u-alice/, 'a deployment is about no principal');
		const [dis] = changesFor([task({ TaskType: 'DeprovisionRoleConfiguration' })]);
		assert.match(describeChange(dis, NO_NAMES, l10n), /^DismantleRoleConfiguration: remove the deployment/);
	});

	it('lists at most a dozen changes and counts the rest', () => {
		const many = changesFor(Array.from({ length: 30 }, (_, i) => task({ TaskId: `t-${i}`, TargetUin: 1000 + i })));
		const { message, detail } = confirmationText(many, NO_NAMES, l10n, 'None', 2);
		assert.match(message, /Retry 30 failed tasks/);
		assert.equal(detail.split('\n').filter((l) => l.startsWith('• ')).length, 12);
		assert.match(detail, /and 18 more/);
		assert.match(detail, /2 selected task\(s\) need no retry/);
	});

	it('with changes off, says what it would send and how to allow it', () => {
		const { message, detail } = changesOffText(changesFor([task({})]), NO_NAMES, l10n);
		assert.match(message, /Nothing was sent/);
		assert.match(detail, /CreateRoleAssignment/);
		assert.match(detail, /cicTasks\.allowChanges/);
		assert.match(detail, /user settings/);
	});

	it('a hostile name or ID never becomes a link in the confirmation as shown', () => {
		for (const h of HOSTILE) {
			const changes = changesFor([task({ RoleConfigurationName: h.value, PrincipalId: `u-${h.value}`.slice(0, 2000) })]);
			const { message, detail } = confirmationText(changes, namesWith(h.value), l10n, 'None', 0);
			assertInert(notificationText(message), `${h.name} message`);
			assertInert(notificationText(detail), `${h.name} detail`);
		}
	});
});
