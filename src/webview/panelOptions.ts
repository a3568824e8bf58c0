import * as vscode from 'vscode';

/* What both TaskPanels (creating and restoring panels) and the panel classes need: small, stateless helpers. */

/** "Task t-…", shortened: a hostile or megabyte-long id must not take over the tab strip. */
export function detailTitle(taskId: string): string {
	const shown = taskId.length > 40 ? `${taskId.slice(0, 40)}…` : taskId;
	return vscode.l10n.t('Task {0}', shown);
}

/**
 * Options for every task webview: scripts on, but command: links and forms off, and only media/ loadable.
 * retainContextWhenHidden stays off: a hidden panel costs nothing and rebuilds from its state when shown.
 */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
	return {
		enableScripts: true,
		enableCommandUris: false,
		enableForms: false,
		localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
		enableFindWidget: true,
		retainContextWhenHidden: false,
	};
}
