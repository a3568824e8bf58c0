import * as vscode from 'vscode';
import type { TaskInfo } from '../api/types';
import { isAbortError } from '../api/errors';
import type { TaskFilter } from '../model/filter';
import { inertText } from '../model/inertText';
import { accountLabel, principalLabel } from '../model/nameLabels';
import type { AccountEntry, NameLookup, PrincipalEntry } from '../model/names';
import { parseUin, validateGroupId, validateUin, validateUserId } from '../model/validators';
import { describeErrorForUser } from '../host/errorMessages';
import type { ExtensionLog } from '../host/log';
import type { SearchStepOptions } from '../host/searchPick';
import type { TasksSession } from '../host/session';
import { principalTypeLabel, targetTypeLabel } from '../host/presentation';

/*
 * The items of Filter Tasks…'s principal and account steps: "any", the typed ID, the principals and accounts of
 * the loaded tasks (by name where known), and what the directory finds as the user types. Every name and ID is
 * untrusted and goes through inertText; only our own icon prefixes stay live.
 */

export interface DirectoryItem<V> extends vscode.QuickPickItem {
	/** What picking it sets; undefined for "any". */
	value: V | undefined;
	/** An item that only explains (a bad ID, a failed search, "type more"): accepting it does nothing. */
	explains?: boolean;
}

export type PrincipalValue = NonNullable<TaskFilter['principal']>;
/** `typed`: the user typed the UIN, so whether it is a member or the manager account is asked next. */
export type AccountValue = { type: 'MemberUin' | 'ManagerUin'; uin: number; typed: boolean };

function explanation<V>(icon: string, text: string): DirectoryItem<V> {
	return { label: `$(${icon}) ${inertText(text)}`, value: undefined, explains: true, alwaysShow: true };
}

function directorySeparator<V>(): DirectoryItem<V> {
	return { label: vscode.l10n.t('Directory'), kind: vscode.QuickPickItemKind.Separator, value: undefined, explains: true };
}

function searchFailed<V>(error: unknown, log: ExtensionLog, what: string): DirectoryItem<V>[] {
	if (isAbortError(error)) {
		return [];
	}
	const message = describeErrorForUser(error).message;
	log.warn(`Directory search (${what}) failed: ${message}`);
	return [explanation('warning', vscode.l10n.t('Directory search failed: {0}', message))];
}

function principalItem(type: string, id: string, entry: PrincipalEntry | undefined, alwaysShow: boolean): DirectoryItem<PrincipalValue> {
	const email = entry?.state === 'found' && entry.kind === 'User' ? entry.email : '';
	return {
		label: inertText(principalLabel(entry, id, vscode.l10n)),
		description: inertText(`${principalTypeLabel(type)} · ${id}`),
		detail: email ? inertText(email) : undefined,
		value: { type: type === 'Group' ? 'Group' : 'User', id },
		alwaysShow,
	};
}

function principalOfText(text: string): PrincipalValue {
	return { type: text.startsWith('g-') ? 'Group' : 'User', id: text };
}

/** The principal step: search by name, email or ID; or type a u-… / g-… ID. */
export function principalSearchStep(
	session: TasksSession,
	loaded: readonly TaskInfo[],
	names: NameLookup,
	log: ExtensionLog,
	base: Omit<SearchStepOptions<DirectoryItem<PrincipalValue>>, 'itemsFor' | 'search' | 'value'>,
	current: TaskFilter['principal'],
): SearchStepOptions<DirectoryItem<PrincipalValue>> {
	const known = new Map<string, DirectoryItem<PrincipalValue>>();
	for (const task of loaded) {
		const key = `${task.PrincipalType}:${task.PrincipalId}`;
		if (!known.has(key) && (task.PrincipalType === 'User' || task.PrincipalType === 'Group')) {
			known.set(key, principalItem(task.PrincipalType, task.PrincipalId, names.principal(task.PrincipalType, task.PrincipalId), false));
		}
	}
	const any: DirectoryItem<PrincipalValue> = { label: `$(circle-slash) ${vscode.l10n.t('Any principal')}`, value: undefined };
	const itemsFor = (text: string): DirectoryItem<PrincipalValue>[] => {
		const items: DirectoryItem<PrincipalValue>[] = [any];
		if (/^[ug]-/.test(text)) {
			const problem = text.startsWith('g-') ? validateGroupId(text) : validateUserId(text);
			items.push(problem
				? explanation('warning', problem)
				: { label: `$(edit) ${vscode.l10n.t('Use ID {0}', inertText(text))}`, value: principalOfText(text), alwaysShow: true });
		}
		return [...items, ...known.values()];
	};
	return {
		...base,
		value: current?.id ?? '',
		itemsFor,
		preferred: (text, items) => items.find((i) => i.value?.id === text && i.label.startsWith('$(edit)')),
		search: async (text, signal) => {
			try {
				const found = await session.service.searchPrincipals(text, signal);
				const keys = new Set(found.principals.map((p) => `${p.kind}:${p.id}`));
				const items = found.principals.map((p) => principalItem(p.kind, p.id, p, true));
				if (found.truncated) {
					items.push(explanation('info', vscode.l10n.t('More users or groups match; type more to narrow the list.')));
				}
				// What the directory found is shown whatever VS Code's own matching thinks, so it replaces the loaded entry.
				const rest = itemsFor(text).filter((i) => !(i.value && keys.has(`${i.value.type}:${i.value.id}`)));
				return [...rest, directorySeparator(), ...(items.length > 0 ? items : [explanation<PrincipalValue>('info', vscode.l10n.t('No users or groups in the directory match.'))])];
			} catch (error) {
				return [...itemsFor(text), ...searchFailed<PrincipalValue>(error, log, 'users and groups')];
			}
		},
		accepts: (item) => !item.explains,
	};
}

function accountItem(type: string, uin: number, entry: AccountEntry | undefined, alwaysShow: boolean): DirectoryItem<AccountValue> {
	return {
		label: inertText(accountLabel(entry, uin, vscode.l10n)),
		description: inertText(targetTypeLabel(type)),
		value: { type: type === 'ManagerUin' ? 'ManagerUin' : 'MemberUin', uin, typed: false },
		alwaysShow,
	};
}

/** The account step: search member accounts by name or UIN; or type a UIN. */
export function accountSearchStep(
	session: TasksSession,
	loaded: readonly TaskInfo[],
	names: NameLookup,
	log: ExtensionLog,
	base: Omit<SearchStepOptions<DirectoryItem<AccountValue>>, 'itemsFor' | 'search' | 'value'>,
	current: TaskFilter['target'],
): SearchStepOptions<DirectoryItem<AccountValue>> {
	const known = new Map<number, DirectoryItem<AccountValue>>();
	for (const task of loaded) {
		if (!known.has(task.TargetUin)) {
			known.set(task.TargetUin, accountItem(task.TargetType, task.TargetUin, names.account(task.TargetUin), false));
		}
	}
	const any: DirectoryItem<AccountValue> = { label: `$(circle-slash) ${vscode.l10n.t('Any account')}`, value: undefined };
	const itemsFor = (text: string): DirectoryItem<AccountValue>[] => {
		const items: DirectoryItem<AccountValue>[] = [any];
		if (/^\d/.test(text)) {
			const uin = parseUin(text);
			items.push(uin === undefined
				? explanation('warning', validateUin(text) ?? '')
				: { label: `$(edit) ${vscode.l10n.t('Use account {0}', String(uin))}`, value: { type: 'MemberUin', uin, typed: true }, alwaysShow: true });
		}
		return [...items, ...known.values()];
	};
	return {
		...base,
		value: current ? String(current.uin) : '',
		itemsFor,
		preferred: (_text, items) => items.find((i) => i.value?.typed === true),
		search: async (text, signal) => {
			try {
				const found = await session.service.searchAccounts(text, signal);
				const uins = new Set(found.accounts.map((a) => a.uin));
				// DescribeOrganizationMembers lists member accounts; a loaded task's own target type wins for its UIN.
				const items = found.accounts.map((a) => accountItem(known.get(a.uin)?.value?.type ?? 'MemberUin', a.uin, a, true));
				if (found.truncated) {
					items.push(explanation('info', vscode.l10n.t('More accounts match; type more to narrow the list.')));
				}
				const rest = itemsFor(text).filter((i) => !(i.value && !i.value.typed && uins.has(i.value.uin)));
				return [...rest, directorySeparator(), ...(items.length > 0 ? items : [explanation<AccountValue>('info', vscode.l10n.t('No member accounts in the directory match.'))])];
			} catch (error) {
				return [...itemsFor(text), ...searchFailed<AccountValue>(error, log, 'member accounts')];
			}
		},
		accepts: (item) => !item.explains,
	};
}
