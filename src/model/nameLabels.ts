import type { TaskInfo } from '../api/types';
import { principalNameParts, type AccountEntry, type NameLookup, type PrincipalEntry } from './names';
import type { Localizer } from './notifications';
import { shortText, type ShortenLimits } from './shorten';

/*
 * The one way a principal and an account are named, from what the name directory knows (names.ts):
 *   user      Alice Wang (alice)       display name, then user name (the ID is in the tooltip)
 *   group     Developers (g-1a2b3c)    a group has no handle of its own, so its ID stands beside the name
 *   account   Prod Web · 100000243611  the UIN always stays
 *   unknown   u-h519934                not resolved (yet): the ID alone
 *   deleted   u-h519934 (not found)
 *   unlisted  100000000001             a manager account the member list leaves out: the UIN alone, never "not found"
 * Pure (words come through the Localizer), so the tree, QuickPicks and tests share it; names are untrusted,
 * and the callers make them inert for where they are shown (labelText, untrusted Markdown, inertText).
 */

/** One name in a row: two must fit beside a task type, so each is cut well below a whole label. */
export const NAME_LABEL_LIMITS: ShortenLimits = { maxChars: 40, maxLines: 1 };

function short(value: string): string {
	return shortText(value, NAME_LABEL_LIMITS);
}

export function principalLabel(entry: PrincipalEntry | undefined, principalId: string, l10n: Localizer): string {
	if (entry?.state === 'notFound') {
		return l10n.t('{0} (not found)', short(principalId));
	}
	const parts = principalNameParts(entry);
	if (!parts || !parts.name) {
		return short(principalId);
	}
	if (entry?.kind === 'Group') {
		return `${short(parts.name)} (${short(principalId)})`;
	}
	return parts.detail ? `${short(parts.name)} (${short(parts.detail)})` : short(parts.name);
}

export function accountLabel(entry: AccountEntry | undefined, uin: number, l10n: Localizer): string {
	if (entry?.state === 'notFound') {
		return l10n.t('{0} (not found)', String(uin));
	}
	const name = entry?.state === 'found' ? entry.name.trim() : '';
	return name ? `${short(name)} · ${uin}` : String(uin);
}

/**
 * "Alice Wang (alice) → Prod Web · 100000243611": who gets access, on which account. `bound` is applied to each
 * side on its own (the tree's labelText): one cut over the whole line could take the account's UIN with it.
 */
export function whoWhereLabel(task: TaskInfo, names: NameLookup, l10n: Localizer, bound: (side: string) => string = (side) => side): string {
	const principal = principalLabel(names.principal(task.PrincipalType, task.PrincipalId), task.PrincipalId, l10n);
	return `${bound(principal)} → ${bound(accountLabel(names.account(task.TargetUin), task.TargetUin, l10n))}`;
}

/** A labelled value for a tooltip or a detail list; the value is untrusted and whole (the caller bounds it). */
export interface NameRow {
	label: string;
	value: string;
}

/** The principal's names for a tooltip: user name, display name, email; or the group's name. None while unknown. */
export function principalNameRows(entry: PrincipalEntry | undefined, l10n: Localizer): NameRow[] {
	if (entry?.state !== 'found') {
		return [];
	}
	if (entry.kind === 'Group') {
		return entry.groupName ? [{ label: l10n.t('Group name'), value: entry.groupName }] : [];
	}
	return [
		{ label: l10n.t('User name'), value: entry.userName },
		{ label: l10n.t('Display name'), value: entry.displayName },
		{ label: l10n.t('Email'), value: entry.email },
	].filter((row) => row.value !== '');
}

export function accountNameRows(entry: AccountEntry | undefined, l10n: Localizer): NameRow[] {
	return entry?.state === 'found' && entry.name ? [{ label: l10n.t('Account name'), value: entry.name }] : [];
}

/** Appended to an ID the directory answered does not exist, or to a manager account the member list leaves out. */
export function notFoundSuffix(entry: PrincipalEntry | AccountEntry | undefined, l10n: Localizer): string {
	switch (entry?.state) {
		case 'notFound':
			return ` ${l10n.t('(not found)')}`;
		case 'unlisted':
			return ` ${l10n.t('(not in the member list)')}`;
		default:
			return '';
	}
}
