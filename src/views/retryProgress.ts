import * as vscode from 'vscode';
import type { RetryNotice } from '../api/organizationClient';

/**
 * The view's word for a retry the client is waiting on: "Retrying (2 of 5)…". Never the raw code or reason: a retry
 * that succeeds is not news, and one that fails for good gets the one error description through the stale row.
 * Undefined when nothing waits (the service drops the notice when its load ends).
 */
export function retryProgressText(notice: RetryNotice | undefined): string | undefined {
	return notice ? vscode.l10n.t('Retrying ({0} of {1})…', notice.attempt, notice.maxAttempts) : undefined;
}
