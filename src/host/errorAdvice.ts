import { describeErrorWith, type AdviceTable, type ErrorDescription, type Language } from '../api';
import { loadBundle } from './lazyBundles';

/*
 * The bilingual advice table (src/api/errorAdviceTable.ts) is pure data needed only once something has failed,
 * so it ships as dist/errorAdvice.js and is required on the first description; Node's module cache keeps it.
 * Only the data comes from that bundle: describeErrorWith stays in the main bundle, whose instanceof checks
 * know the extension's own TencentCloudError.
 */

let extensionPath: string | undefined;
let table: AdviceTable | undefined;

/** Called at activation: error descriptions happen far from any ExtensionContext. */
export function setErrorAdviceRoot(path: string): void {
	extensionPath = path;
}

function adviceTable(): AdviceTable {
	if (table) {
		return table;
	}
	if (extensionPath === undefined) {
		throw new Error('the error advice table was asked for before activation set its location');
	}
	table = loadBundle(extensionPath, 'errorAdvice').ERROR_ADVICE;
	return table;
}

/** describeError (src/api) with the lazily loaded table: same titles and advice, same fallbacks. */
export function describeApiError(error: unknown, language: Language): ErrorDescription {
	return describeErrorWith(adviceTable(), error, language);
}
