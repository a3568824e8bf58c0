import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeError } from '../../../src/model/errorDescription';
import { TencentCloudError } from '../../../src/api/errors';
import type { TaskInfo } from '../../../src/api/types';
import { profilePickText, profileStatusText, taskPickText, type TaskWords } from '../../../src/model/displayText';
import { parseSavedViews } from '../../../src/model/filter';
import { buildNotification, notificationText, savedViewsWarning, transitionMessage, type Localizer } from '../../../src/model/notifications';
import type { TaskTransition } from '../../../src/model/taskStore';
import { makeTask } from '../../fixtures/tasks';
import { assertInert, HOSTILE, notificationLinks } from './hostileStrings';

/*
 * Every message the extension builds from untrusted values, driven with the hostile corpus: notifications
 * (task transitions, the command boundary's error descriptions, the saved-view warning), QuickPick items and
 * the status bar. Whatever the value, VS Code must find no link and no icon in what we show.
 */

function repoRoot(): string {
	let dir = __dirname;
	while (!fs.existsSync(path.join(dir, 'l10n'))) {
		dir = path.dirname(dir);
	}
	return dir;
}

function format(message: string, args: readonly (string | number | boolean)[]): string {
	return message.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] === undefined ? whole : String(args[Number(i)])));
}

const zhBundle = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const LOCALIZERS: [string, Localizer][] = [
	['en', { t: (message, ...args) => format(message, args) }],
	['zh-cn', { t: (message, ...args) => format(zhBundle[message] ?? message, args) }],
];

/** presentation.ts falls back to the raw value for statuses and task types it does not know. */
const WORDS: TaskWords = {
	statusLabel: (s) => (s === 'Failed' ? 'Failed' : s),
	taskTypeLabel: (t) => (t === 'CreateRoleAssignment' ? 'Create role assignment' : t),
	taskDescription: (task) => `${task.PrincipalId} → ${task.TargetUin}`,
};

function hostileTask(value: string, status = 'Failed'): TaskInfo {
	return makeTask(value, {
		RoleConfigurationId: value,
		RoleConfigurationName: value,
		PrincipalId: value,
		PrincipalType: value,
		TargetType: value,
		TaskType: value,
		Status: status,
		FailureReason: value,
	});
}

function transition(task: TaskInfo, to: 'Failed' | 'Success'): TaskTransition {
	return { task, from: 'InProgress', to, observedAt: 0 };
}

/** The command boundary's sentence for an API error (src/host/errorMessages.ts describeErrorForUser). */
function boundaryMessage(error: unknown, language: 'en-US' | 'zh-CN'): string {
	const d = describeError(error, language);
	return `${d.title}: ${d.advice}${d.requestId && !d.advice.includes(d.requestId) ? ` (RequestId ${d.requestId})` : ''}`;
}

describe('messages built from untrusted values', () => {
	for (const { name, value } of HOSTILE) {
		describe(name, () => {
			it('task transition notifications', () => {
				for (const [lang, l10n] of LOCALIZERS) {
					for (const to of ['Failed', 'Success'] as const) {
						const n = buildNotification([transition(hostileTask(value, to), to)], 'all');
						assert.ok(n);
						assertInert(n.message, `English log text (${to})`);
						assertInert(transitionMessage(n, l10n), `${lang} toast (${to})`);
						assertInert(notificationText(transitionMessage(n, l10n)), `${lang} toast as shown (${to})`);
					}
				}
			});

			it('the command boundary\'s description of an API error', () => {
				const errors = [
					new TencentCloudError(value, value, { requestId: value, action: value }),
					new TencentCloudError('AuthFailure.SignatureFailure', value, { requestId: value }),
					new TencentCloudError('FailedOperation.ZoneIdNotExist', value),
					new Error(value),
				];
				for (const error of errors) {
					for (const language of ['en-US', 'zh-CN'] as const) {
						assertInert(notificationText(boundaryMessage(error, language)), `${language} ${(error as { code?: string }).code ?? 'Error'}`);
					}
				}
			});

			it('the saved-view warning', () => {
				const setting = [
					{ label: value, filter: { statuses: ['Broken'] } },
					{ label: value, filter: { statuses: [value] } },
					{ label: 'types', filter: { taskTypes: [value] } },
					{ label: 'roles', filter: { roleConfigurationIds: [value] } },
					{ label: 'principal', filter: { principal: { type: 'User', id: value } } },
					{ label: 'key', filter: { [value]: [] } },
					{ label: 'extra', filter: {}, [value]: 1 },
				];
				const { errors } = parseSavedViews(setting);
				assert.equal(errors.length, setting.length, errors.join('\n'));
				for (const e of errors) {
					assertInert(e, 'a saved-view problem');
				}
				for (const [lang, l10n] of LOCALIZERS) {
					assertInert(notificationText(savedViewsWarning(errors, l10n)), `${lang} warning`);
				}
			});

			it('task QuickPick items', () => {
				for (const nameFirst of [false, true]) {
					const item = taskPickText(hostileTask(value), WORDS, nameFirst);
					assertInert(item.label, 'label');
					assertInert(item.description, 'description');
					assertInert(item.detail, 'detail');
				}
			});

			it('profile QuickPick items and the status bar', () => {
				const profile = { name: value, secretIdHint: value, zoneId: value, zoneName: value, needsAttention: value };
				for (const active of [false, true]) {
					const item = profilePickText(profile, active);
					assertInert(item.label, 'profile label', ['check']);
					assertInert(item.description, 'profile description');
					assertInert(item.detail, 'profile detail', ['warning']);
				}
				for (const [lang, l10n] of LOCALIZERS) {
					const status = profileStatusText(profile, l10n);
					assertInert(status.text, `${lang} status-bar text`, ['warning', 'account']);
					assertInert(status.tooltip, `${lang} status-bar tooltip`);
				}
			});
		});
	}

	it('keeps our own icons in front of inert values', () => {
		const item = profilePickText({ name: '$(zap) x', secretIdHint: 'AKID…WXYZ', needsAttention: 'Expired' }, true);
		assert.equal(item.label, '$(check) $ (zap) x');
		assert.equal(item.detail, '$(warning) Expired');
		assert.equal(profileStatusText({ name: 'work', secretIdHint: 'h' }, LOCALIZERS[0][1]).text, '$(account) work');
		const named = { name: 'work', secretIdHint: 'AKID…WXYZ', zoneId: 'z-prod0001', zoneName: 'Production' };
		assert.equal(profilePickText(named, false).description, 'AKID…WXYZ · Production (z-prod0001)', 'the zone by name, its ID beside it');
		assert.match(profileStatusText(named, LOCALIZERS[0][1]).tooltip, /Production \(z-prod0001\)/);
	});

	it('leaves ordinary messages as they read', () => {
		const task = makeTask('t-9dk3m2s8', { Status: 'Failed', FailureReason: 'CAM policy quota exceeded on the member account' });
		const n = buildNotification([transition(task, 'Failed')], 'failed')!;
		assert.equal(transitionMessage(n, LOCALIZERS[0][1]), 'CIC task t-9dk3m2s8 failed: CAM policy quota exceeded on the member account');
		assert.equal(taskPickText(task, WORDS).detail, 'Admin · u-1 → 100012345678 · CAM policy quota exceeded on the member account');
	});

	it('is inert as a whole, so values side by side cannot form a link across a template', () => {
		// Each half is harmless alone; only the final pass over the whole message sees the pair.
		assert.deepEqual(notificationLinks('x [a]'), []);
		assert.equal(notificationLinks('x [a](command:y)').length, 1);
		assert.deepEqual(notificationLinks(notificationText('x [a]' + '(command:y)')), []);
		// A redacted secret next to a parenthesis is a link label too; commandBoundary scrubs before this pass.
		assert.deepEqual(notificationLinks(notificationText('[REDACTED](command:y)')), []);
	});

	it('would show links without the helper (the corpus really attacks these messages)', () => {
		const reason = '[click me](command:cicTasks.removeCredentials)';
		const task = makeTask('t-1', { Status: 'Failed', FailureReason: reason });
		assert.equal(notificationLinks(`CIC task t-1 failed: ${task.FailureReason}`).length, 1);
		assert.equal(notificationLinks(boundaryMessage(new TencentCloudError(reason, reason), 'en-US')).length, 2);
	});
});

describe('notification call sites', () => {
	it('show every notification through src/host/notify.ts, which makes the whole text inert', () => {
		const direct: string[] = [];
		const walk = (dir: string): void => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const p = path.join(dir, entry.name);
				if (entry.isDirectory()) {
					walk(p);
				} else if (entry.name.endsWith('.ts') && p !== path.join(repoRoot(), 'src', 'host', 'notify.ts')) {
					const source = fs.readFileSync(p, 'utf8');
					for (const m of source.matchAll(/\bshow(?:Error|Warning|Information)Message\b/g)) {
						direct.push(`${path.relative(repoRoot(), p)}:${source.slice(0, m.index).split('\n').length}`);
					}
				}
			}
		};
		walk(path.join(repoRoot(), 'src'));
		assert.deepEqual(direct, [], 'use notifyError / notifyWarning / notifyInfo from src/host/notify.ts');
	});
});
