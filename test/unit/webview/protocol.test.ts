import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../../src/api/types';
import { isFromWebviewMessage, isTaskInfo, MAX_MESSAGE_STRING, parseDetailPanelState } from '../../../src/webview/protocol';
import { isTestReplyMessage } from '../../../src/webview/testProtocol';

const TASK: TaskInfo = {
	TaskId: 't-abc123',
	RoleConfigurationId: 'rc-1',
	RoleConfigurationName: 'Admins',
	TargetUin: 100012345678,
	TargetType: 'MemberUin',
	PrincipalId: 'u-1',
	PrincipalType: 'User',
	TaskType: 'CreateRoleAssignment',
	Status: 'Failed',
	FailureReason: 'quota',
};

const VALID: unknown[] = [
	{ type: 'ready' },
	{ type: 'refresh' },
	{ type: 'copy', field: 'TaskId' },
	{ type: 'copy', field: 'json' },
	{ type: 'filter', by: 'principal' },
	{ type: 'openConsole' },
	{ type: 'openJson' },
	{ type: 'overviewFilter', dimension: 'status', value: 'Failed' },
	{ type: 'overviewFilter', dimension: 'roleConfiguration', value: 'rc-1', status: 'Failed' },
	{ type: 'overviewFilter', dimension: 'failureReason', value: '' },
	{ type: 'openTask', taskId: 't-abc' },
	{ type: 'clearFilter' },
	JSON.parse('{"type":"copy","field":"FailureReason"}'),
	Object.assign(Object.create(null), { type: 'refresh' }),
];

/** Parsed from JSON so "__proto__" is an own key, as a structured clone from the webview would deliver it. */
const polluted = (extra: string): unknown => JSON.parse(`{"type":"refresh",${extra}}`);

const HUGE = 'x'.repeat(MAX_MESSAGE_STRING + 1);
const MEGA = 'y'.repeat(1024 * 1024);

const MALFORMED: [string, unknown][] = [
	['undefined', undefined],
	['null', null],
	['a string', 'ready'],
	['a number', 42],
	['a boolean', true],
	['an array', [{ type: 'ready' }]],
	['a function', () => ({ type: 'ready' })],
	['a Date', new Date()],
	['a Map', new Map([['type', 'ready']])],
	['a class instance', new (class Msg { type = 'ready'; })()],
	['no type', {}],
	['type not a string', { type: 1 }],
	['type an object', { type: { toString: () => 'ready' } }],
	['unknown type', { type: 'deleteEverything' }],
	['type from Object.prototype', { type: 'toString' }],
	['type __proto__', { type: '__proto__' }],
	['type constructor', { type: 'constructor' }],
	['ready with an extra field', { type: 'ready', x: 1 }],
	['refresh with a command', { type: 'refresh', command: 'workbench.action.terminal.new' }],
	['copy without field', { type: 'copy' }],
	['copy of an unknown field', { type: 'copy', field: 'SecretKey' }],
	['copy of an inherited key', { type: 'copy', field: 'hasOwnProperty' }],
	['copy of __proto__', { type: 'copy', field: '__proto__' }],
	['copy field not a string', { type: 'copy', field: ['TaskId'] }],
	['copy with an extra value', { type: 'copy', field: 'TaskId', value: 'attacker text' }],
	['filter by an unknown dimension', { type: 'filter', by: 'zone' }],
	['filter without by', { type: 'filter' }],
	['overviewFilter without value', { type: 'overviewFilter', dimension: 'status' }],
	['overviewFilter value a number', { type: 'overviewFilter', dimension: 'status', value: 1 }],
	['overviewFilter unknown dimension', { type: 'overviewFilter', dimension: 'secretKey', value: 'x' }],
	['overviewFilter status empty', { type: 'overviewFilter', dimension: 'roleConfiguration', value: 'rc-1', status: '' }],
	['overviewFilter status null', { type: 'overviewFilter', dimension: 'roleConfiguration', value: 'rc-1', status: null }],
	['overviewFilter huge value', { type: 'overviewFilter', dimension: 'status', value: HUGE }],
	['overviewFilter megabyte value', { type: 'overviewFilter', dimension: 'taskType', value: MEGA }],
	['openTask huge id', { type: 'openTask', taskId: HUGE }],
	['openTask empty id', { type: 'openTask', taskId: '' }],
	['openTask id an object', { type: 'openTask', taskId: { length: 3 } }],
	['openTask missing id', { type: 'openTask' }],
	['own __proto__ key', polluted('"__proto__":{"isAdmin":true}')],
	['own constructor key', polluted('"constructor":{"prototype":{"x":1}}')],
	['own prototype key', polluted('"prototype":{}')],
	['copy with own __proto__', JSON.parse('{"type":"copy","field":"TaskId","__proto__":{"field":"x"}}')],
	['symbol key', { type: 'ready', [Symbol('x')]: 1 }],
	['testReply is not a product message', { type: 'testReply', requestId: 1 }],
	['a getter', Object.defineProperty({ type: 'copy' }, 'field', { get: () => 'TaskId', enumerable: true })],
];

describe('webview protocol guard', () => {
	it('accepts every well-formed message', () => {
		for (const message of VALID) {
			assert.ok(isFromWebviewMessage(message), JSON.stringify(message));
		}
	});

	for (const [name, message] of MALFORMED) {
		it(`rejects ${name}`, () => {
			assert.equal(isFromWebviewMessage(message), false);
		});
	}

	it('does not let a rejected message pollute Object.prototype', () => {
		isFromWebviewMessage(polluted('"__proto__":{"polluted":true}'));
		assert.equal(({} as Record<string, unknown>).polluted, undefined);
	});

	it('accepts test replies only in their own shape', () => {
		assert.ok(isTestReplyMessage({ type: 'testReply', requestId: 3, clicked: true }));
		assert.ok(isTestReplyMessage({ type: 'testReply', requestId: 3, snapshot: { html: '', csp: '', fields: {} } }));
		assert.ok(!isTestReplyMessage({ type: 'testReply', requestId: '3' }));
		assert.ok(!isTestReplyMessage({ type: 'testReply', requestId: 3, snapshot: 'x' }));
		assert.ok(!isTestReplyMessage({ type: 'ready' }));
	});
});

describe('saved detail panel state', () => {
	it('restores the task id and an intact task', () => {
		assert.deepEqual(parseDetailPanelState({ v: 1, taskId: 't-abc123', task: TASK, message: {} }), { taskId: 't-abc123', task: TASK });
		assert.ok(isTaskInfo(TASK));
	});

	it('keeps only the id when the saved task is damaged or belongs to another id', () => {
		assert.deepEqual(parseDetailPanelState({ v: 1, taskId: 't-abc123', task: { ...TASK, TargetUin: '1' } }), { taskId: 't-abc123' });
		assert.deepEqual(parseDetailPanelState({ v: 1, taskId: 't-abc123', task: { ...TASK, Extra: 1 } }), { taskId: 't-abc123' });
		assert.deepEqual(parseDetailPanelState({ v: 1, taskId: 't-abc123', task: { ...TASK, TaskId: 't-other' } }), { taskId: 't-abc123' });
		assert.deepEqual(parseDetailPanelState({ v: 1, taskId: 't-abc123', task: { ...TASK, TargetUin: -1 } }), { taskId: 't-abc123' });
	});

	it('rejects unusable states', () => {
		for (const state of [undefined, null, 'x', [], {}, { v: 2, taskId: 't-1' }, { v: 1 }, { v: 1, taskId: '' }, { v: 1, taskId: HUGE }, { v: 1, taskId: 7 }]) {
			assert.equal(parseDetailPanelState(state), undefined, JSON.stringify(state));
		}
	});
});
