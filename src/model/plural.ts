/**
 * Picks the singular or plural form of a count-bearing string. vscode.l10n.t has no plural support, so each
 * such string exists twice ("{0} task", "{0} tasks") and both are translated. English and Chinese are the
 * languages that ship: English says "1 task" but "0 tasks", and Chinese has one form (both of its translations
 * are the same), so the English rule serves both. A language with more forms would need its own rule here.
 * Pure, so the host and the webviews (which get both forms from the host) share it.
 */

export interface PluralForms {
	one: string;
	other: string;
}

export function plural(count: number, one: string, other: string): string {
	return Math.abs(count) === 1 ? one : other;
}

export function pluralOf(forms: PluralForms, count: number): string {
	return plural(count, forms.one, forms.other);
}
