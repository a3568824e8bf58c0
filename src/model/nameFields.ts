import type { AccountEntry, PrincipalEntry } from './names';

/*
 * The values of a directory entry that the model reads (sorting, search, exports), without any words: the labels
 * are in nameLabels.ts. Kept apart so grouping and search can use them without importing the l10n side.
 */

/** The name a principal sorts by: a user's display name (else user name), a group's name; undefined while unknown. */
export function principalSortName(entry: PrincipalEntry | undefined): string | undefined {
	if (!entry || entry.state !== 'found') {
		return undefined;
	}
	const name = entry.kind === 'User' ? entry.displayName.trim() || entry.userName.trim() : entry.groupName.trim();
	return name || undefined;
}

/** The name an account sorts by; undefined while unknown, not found, or nameless. */
export function accountSortName(entry: AccountEntry | undefined): string | undefined {
	return entry?.state === 'found' ? entry.name.trim() || undefined : undefined;
}

/** What Search Loaded Tasks matches of a principal: display name, user name and email, or the group's name. */
export function principalSearchStrings(entry: PrincipalEntry | undefined): string[] {
	if (!entry || entry.state !== 'found') {
		return [];
	}
	const values = entry.kind === 'User' ? [entry.displayName, entry.userName, entry.email] : [entry.groupName];
	return values.filter((v) => v !== '');
}

export function accountSearchStrings(entry: AccountEntry | undefined): string[] {
	return entry?.state === 'found' && entry.name !== '' ? [entry.name] : [];
}

/**
 * `found`, `notFound` (the service said the ID does not exist), `unlisted` (a manager account the member list
 * leaves out: names.ts) or `unknown` (not resolved yet).
 */
export type NameState = 'found' | 'notFound' | 'unlisted' | 'unknown';

/** The name columns of an export (README, "Export"). Empty strings where a value does not apply or is not known. */
export interface ExportNameFields {
	PrincipalNameState: NameState;
	/** A user's user name, a group's name. */
	PrincipalName: string;
	/** Users only. */
	PrincipalDisplayName: string;
	/** Users only. */
	PrincipalEmail: string;
	AccountNameState: NameState;
	AccountName: string;
}

export const EXPORT_NAME_COLUMNS = [
	'PrincipalNameState',
	'PrincipalName',
	'PrincipalDisplayName',
	'PrincipalEmail',
	'AccountNameState',
	'AccountName',
] as const satisfies readonly (keyof ExportNameFields)[];

export function exportNameFields(principal: PrincipalEntry | undefined, account: AccountEntry | undefined): ExportNameFields {
	const fields: ExportNameFields = {
		PrincipalNameState: principal ? principal.state : 'unknown',
		PrincipalName: '',
		PrincipalDisplayName: '',
		PrincipalEmail: '',
		AccountNameState: account ? account.state : 'unknown',
		AccountName: account?.state === 'found' ? account.name : '',
	};
	if (principal?.state === 'found') {
		if (principal.kind === 'User') {
			fields.PrincipalName = principal.userName;
			fields.PrincipalDisplayName = principal.displayName;
			fields.PrincipalEmail = principal.email;
		} else {
			fields.PrincipalName = principal.groupName;
		}
	}
	return fields;
}
