import { pluralOf, type PluralForms } from '../model/plural';

/**
 * Filling the host's localized templates, shared by both webview pages and their unit tests (pure: no DOM,
 * no vscode). The arguments are inserted as plain text; the pages put the result in Text nodes.
 */

/** "{0} of {1}" with the arguments in place; a placeholder without an argument stays as it is. */
export function format(template: string, ...args: readonly (string | number)[]): string {
	return template.replace(/\{(\d+)\}/g, (match, index: string) => {
		const value = args[Number(index)];
		return value === undefined ? match : String(value);
	});
}

/** The form for `count` ("1 task", "2 tasks"), filled; `args` usually starts with the formatted count. */
export function formatCount(forms: PluralForms, count: number, ...args: readonly (string | number)[]): string {
	return format(pluralOf(forms, count), ...args);
}
