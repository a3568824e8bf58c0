/**
 * A profile name no saved profile has: `base`, else `base-2`, `base-3`… Add Credentials pre-fills it, so pressing
 * Enter at the name step adds a profile instead of replacing one. Names match exactly, as ProfileStore.save does.
 */
export function uniqueProfileName(base: string, existing: readonly string[]): string {
	const taken = new Set(existing);
	if (!taken.has(base)) {
		return base;
	}
	for (let n = 2; ; n++) {
		const candidate = `${base}-${n}`;
		if (!taken.has(candidate)) {
			return candidate;
		}
	}
}
