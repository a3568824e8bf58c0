import { ClientErrorCode, isAbortError, isAuthFailure, isTencentCloudError, type Language, type TencentCloudError } from '../api';
import { ERROR_ADVICE, type AdviceEntry } from './errorAdviceTable';

/*
 * The one way an error becomes words for a person: what happened (title), what to do (advice), and the next step
 * as a symbol the host turns into a button. The tree's stale reasons, notifications, panels and the log all read
 * it, through describeError or describeErrorText here and src/host/errorMessages.ts for the buttons.
 */

/** What the user can do next, by name; src/host/errorMessages.ts maps each to a button and its command. */
export type NextStep = 'updateCredentials' | 'selectZone' | 'openEndpointSettings' | 'retry';

export interface ErrorDescription {
	title: string;
	advice: string;
	code: string;
	requestId?: string;
	next?: NextStep;
}

const FALLBACK: AdviceEntry = {
	title: { 'en-US': 'Request failed', 'zh-CN': '请求失败' },
	advice: {
		'en-US': 'The service returned {code}: {message}{requestIdSuffix}',
		'zh-CN': '服务端返回 {code}：{message}{requestIdSuffix}',
	},
};

const ABORTED: AdviceEntry = {
	title: { 'en-US': 'Cancelled', 'zh-CN': '已取消' },
	advice: { 'en-US': 'The request was cancelled.', 'zh-CN': '请求已取消。' },
};

/** How deep a chain of `cause`s is followed: wrappers nest a level or two, and a cycle must not hang. */
const MAX_CAUSE_DEPTH = 5;

/** The API error behind a wrapper such as the model's ListingError, whose `cause` carries the service's code. */
export function unwrapApiError(error: unknown): unknown {
	let current = error;
	for (let depth = 0; depth < MAX_CAUSE_DEPTH && !isTencentCloudError(current); depth++) {
		const cause = current instanceof Error ? (current as Error & { cause?: unknown }).cause : undefined;
		if (cause === undefined) {
			return error;
		}
		current = cause;
	}
	return isTencentCloudError(current) ? current : error;
}

/** Codes are looked up exactly first, then by dropping the last dotted segment. */
function findAdvice(code: string): AdviceEntry | undefined {
	for (let key = code; key !== ''; key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '') {
		// Own properties only: the code comes from the server, and "constructor" must not find Object's.
		const entry = Object.hasOwn(ERROR_ADVICE, key) ? ERROR_ADVICE[key] : undefined;
		if (entry) {
			return entry;
		}
	}
	return undefined;
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function nextStep(error: TencentCloudError): NextStep | undefined {
	const code = error.code;
	if (isAuthFailure(error)) {
		return 'updateCredentials';
	}
	if (code === 'FailedOperation.ZoneIdNotExist') {
		return 'selectZone';
	}
	if (code === ClientErrorCode.InvalidEndpoint || code === ClientErrorCode.InsecureEndpoint) {
		return 'openEndpointSettings';
	}
	// A failed database operation is the service's own trouble: trying again is all there is to do.
	if (code.startsWith('RequestLimitExceeded') || code.startsWith('ClientError.') || code === 'FailedOperation.DBOperationError') {
		return 'retry';
	}
	return undefined;
}

/** Any error (wrapped or not) as a title, advice and next step in `language`; errors that are not the API's get the generic advice and no next step. */
export function describeError(raw: unknown, language: Language): ErrorDescription {
	const error = unwrapApiError(raw);
	if (isAbortError(error)) {
		return { title: ABORTED.title[language], advice: ABORTED.advice[language], code: 'Aborted' };
	}
	const code = isTencentCloudError(error) ? error.code : ClientErrorCode.Unknown;
	const message = error instanceof Error ? error.message : String(error);
	const requestId = isTencentCloudError(error) ? error.requestId : undefined;
	const action = isTencentCloudError(error) && error.action ? error.action : 'ListTasks';
	const requestIdSuffix = requestId
		? language === 'zh-CN'
			? `（RequestId：${requestId}）`
			: ` (RequestId: ${requestId})`
		: '';
	const entry = findAdvice(code) ?? FALLBACK;
	const values = { action: `organization:${action}`, code, message, requestIdSuffix };
	const description: ErrorDescription = {
		title: entry.title[language],
		advice: fill(entry.advice[language], values),
		code,
	};
	if (requestId !== undefined) {
		description.requestId = requestId;
	}
	const next = isTencentCloudError(error) ? nextStep(error) : undefined;
	if (next !== undefined) {
		description.next = next;
	}
	return description;
}

/** "Title: advice", for the tree's stale reasons, a profile's attention note and the log. */
export function describeErrorText(error: unknown, language: Language): string {
	const d = describeError(error, language);
	return `${d.title}: ${d.advice}`;
}
