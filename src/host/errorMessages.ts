import * as vscode from 'vscode';
import { describeError, isAuthFailure, isTencentCloudError } from '../api';
import { Commands } from '../ids';
import type { UserFacingError } from './commandBoundary';
import { apiLanguage, readSettings } from './settings';

/** Turns any error a command can hit into a sentence that says what to do, with buttons that do it. */
export function describeErrorForUser(error: unknown): UserFacingError {
	const language = apiLanguage(readSettings().language);
	if (!isTencentCloudError(error)) {
		const message = error instanceof Error ? error.message : String(error);
		return { message: vscode.l10n.t('CIC Tasks: {0}', message) };
	}
	const d = describeError(error, language);
	const message = `${d.title}: ${d.advice}${d.requestId && !d.advice.includes(d.requestId) ? ` (RequestId ${d.requestId})` : ''}`;
	const actions: UserFacingError['actions'] = [];
	if (isAuthFailure(error)) {
		actions.push({ title: vscode.l10n.t('Update Credentials…'), command: Commands.addCredentials });
	} else if (error.code === 'FailedOperation.ZoneIdNotExist') {
		actions.push({ title: vscode.l10n.t('Select Zone…'), command: Commands.selectZone });
	} else if (error.code.startsWith('RequestLimitExceeded') || error.code.startsWith('ClientError.')) {
		actions.push({ title: vscode.l10n.t('Retry'), command: Commands.refresh });
	}
	return { message, actions };
}
