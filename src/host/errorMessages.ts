import * as vscode from 'vscode';
import { isTencentCloudError } from '../api';
import { describeError, unwrapApiError, type NextStep } from '../model/errorDescription';
import { Commands } from '../ids';
import { apiLanguage, readSettings } from './settings';

/** What a failed command tells the user: a sentence, what to do next, and buttons that do it. */
export interface UserFacingError {
	message: string;
	actions?: Action[];
}

interface Action {
	title: string;
	command: string;
	args?: unknown[];
}

/** The button for each next step the description names. */
function actionFor(next: NextStep): Action {
	switch (next) {
		case 'updateCredentials':
			return { title: vscode.l10n.t('Update Credentials…'), command: Commands.addCredentials };
		case 'selectZone':
			return { title: vscode.l10n.t('Select Zone…'), command: Commands.selectZone };
		case 'openEndpointSettings':
			return { title: vscode.l10n.t('Open Settings'), command: 'workbench.action.openSettings', args: ['cicTasks.endpoint'] };
		case 'retry':
			return { title: vscode.l10n.t('Retry'), command: Commands.refresh };
	}
}

/**
 * The host's one user-facing adapter of src/model/errorDescription.ts: any error a command, a panel or a load
 * can hit, as a sentence that says what to do, in the API language, with buttons that do it.
 */
export function describeErrorForUser(raw: unknown): UserFacingError {
	const error = unwrapApiError(raw);
	if (!isTencentCloudError(error)) {
		// Our own errors already say what to do, in the UI language.
		const message = error instanceof Error ? error.message : String(error);
		return { message: vscode.l10n.t('CIC Tasks: {0}', message) };
	}
	const d = describeError(error, apiLanguage(readSettings().language));
	const message = `${d.title}: ${d.advice}${d.requestId && !d.advice.includes(d.requestId) ? ` (RequestId ${d.requestId})` : ''}`;
	return { message, actions: d.next ? [actionFor(d.next)] : [] };
}
