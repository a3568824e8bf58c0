import * as vscode from 'vscode';
import { isAuthFailure, isTencentCloudError } from '../api';
import { Commands } from '../ids';
import type { UserFacingError } from './commandBoundary';
import { describeApiError } from './errorAdvice';
import { apiLanguage, readSettings } from './settings';

/** The API error behind a wrapper such as the model's ListingError, whose `cause` carries the service's code. */
export function unwrapApiError(error: unknown): unknown {
	let current = error;
	for (let depth = 0; depth < 5 && !isTencentCloudError(current); depth++) {
		const cause = current instanceof Error ? (current as Error & { cause?: unknown }).cause : undefined;
		if (cause === undefined) {
			return error;
		}
		current = cause;
	}
	return isTencentCloudError(current) ? current : error;
}

/** Turns any error a command can hit into a sentence that says what to do, with buttons that do it. */
export function describeErrorForUser(raw: unknown): UserFacingError {
	const language = apiLanguage(readSettings().language);
	const error = unwrapApiError(raw);
	if (!isTencentCloudError(error)) {
		const message = error instanceof Error ? error.message : String(error);
		return { message: vscode.l10n.t('CIC Tasks: {0}', message) };
	}
	const d = describeApiError(error, language);
	const message = `${d.title}: ${d.advice}${d.requestId && !d.advice.includes(d.requestId) ? ` (RequestId ${d.requestId})` : ''}`;
	const actions: UserFacingError['actions'] = [];
	if (isAuthFailure(error)) {
		actions.push({ title: vscode.l10n.t('Update Credentials…'), command: Commands.addCredentials });
	} else if (error.code === 'FailedOperation.ZoneIdNotExist') {
		actions.push({ title: vscode.l10n.t('Select Zone…'), command: Commands.selectZone });
	} else if (error.code === 'ClientError.InvalidEndpoint' || error.code === 'ClientError.InsecureEndpoint') {
		actions.push({ title: vscode.l10n.t('Open Settings'), command: 'workbench.action.openSettings', args: ['cicTasks.endpoint'] });
	} else if (error.code.startsWith('RequestLimitExceeded') || error.code.startsWith('ClientError.')) {
		actions.push({ title: vscode.l10n.t('Retry'), command: Commands.refresh });
	}
	return { message, actions };
}
