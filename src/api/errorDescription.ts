import { isAbortError, isTencentCloudError } from './errors';
import type { Language } from './types';

/*
 * How an error becomes a title and advice, given the table of advice (src/api/errorAdviceTable.ts). The table
 * is a parameter so that the extension can keep it out of its main bundle and load it on first use; this part
 * stays in the main bundle because it checks errors against the extension's own TencentCloudError class.
 */

type Text = Readonly<Record<Language, string>>;

export interface AdviceEntry {
	readonly title: Text;
	readonly advice: Text;
}

export type AdviceTable = Readonly<Record<string, AdviceEntry>>;

export interface ErrorDescription {
	title: string;
	advice: string;
	code: string;
	requestId?: string;
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

/** Codes are looked up exactly first, then by dropping the last dotted segment. */
export function findAdviceIn(table: AdviceTable, code: string): AdviceEntry | undefined {
	for (let key = code; key !== ''; key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '') {
		// Own properties only: the code comes from the server, and "constructor" must not find Object's.
		const entry = Object.hasOwn(table, key) ? table[key] : undefined;
		if (entry) {
			return entry;
		}
	}
	return undefined;
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function describeErrorWith(table: AdviceTable, error: unknown, language: Language): ErrorDescription {
	if (isAbortError(error)) {
		return { title: ABORTED.title[language], advice: ABORTED.advice[language], code: 'Aborted' };
	}
	const code = isTencentCloudError(error) ? error.code : 'ClientError.Unknown';
	const message = error instanceof Error ? error.message : String(error);
	const requestId = isTencentCloudError(error) ? error.requestId : undefined;
	const action = isTencentCloudError(error) && error.action ? error.action : 'ListTasks';
	const requestIdSuffix = requestId
		? language === 'zh-CN'
			? `（RequestId：${requestId}）`
			: ` (RequestId: ${requestId})`
		: '';
	const entry = findAdviceIn(table, code) ?? FALLBACK;
	const values = { action: `organization:${action}`, code, message, requestIdSuffix };
	const description: ErrorDescription = {
		title: entry.title[language],
		advice: fill(entry.advice[language], values),
		code,
	};
	if (requestId !== undefined) {
		description.requestId = requestId;
	}
	return description;
}

/** True for every AuthFailure.* code: the credentials, their permissions or the clock need attention. */
export function isAuthFailure(error: unknown): boolean {
	return isTencentCloudError(error) && (error.code === 'AuthFailure' || error.code.startsWith('AuthFailure.'));
}
