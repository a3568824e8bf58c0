import { describeErrorWith, findAdviceIn, type AdviceEntry, type ErrorDescription } from './errorDescription';
import { ERROR_ADVICE } from './errorAdviceTable';
import type { Language } from './types';

/*
 * The advice table bound to the functions that read it, for callers that can afford to load it up front
 * (tests, the bench). The extension itself loads the table lazily: src/host/errorAdvice.ts.
 */

export { isAuthFailure, type AdviceEntry, type ErrorDescription } from './errorDescription';
export { ERROR_ADVICE };

export function findAdvice(code: string): AdviceEntry | undefined {
	return findAdviceIn(ERROR_ADVICE, code);
}

export function describeError(error: unknown, language: Language): ErrorDescription {
	return describeErrorWith(ERROR_ADVICE, error, language);
}
