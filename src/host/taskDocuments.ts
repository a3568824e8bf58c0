import * as vscode from 'vscode';
import type { TaskInfo } from '../api/types';

export const TASK_DOCUMENT_SCHEME = 'cic-task';

/**
 * Serves a task as read-only JSON (`cic-task:/t-….json`). Documents from a content provider cannot be
 * edited or saved in place, which is what "read-only" must mean for data that came from the service.
 */
export class TaskDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
	private readonly _onDidChange = new vscode.EventEmitter<vscode.Uri>();
	readonly onDidChange = this._onDidChange.event;
	private readonly documents = new Map<string, unknown>();

	uriFor(taskId: string): vscode.Uri {
		return vscode.Uri.from({ scheme: TASK_DOCUMENT_SCHEME, path: `/${encodeURIComponent(taskId)}.json` });
	}

	set(taskId: string, value: TaskInfo | Record<string, unknown>): vscode.Uri {
		const uri = this.uriFor(taskId);
		this.documents.set(uri.toString(), value);
		this._onDidChange.fire(uri);
		return uri;
	}

	provideTextDocumentContent(uri: vscode.Uri): string {
		const value = this.documents.get(uri.toString());
		return value === undefined ? '{}\n' : `${JSON.stringify(value, null, 2)}\n`;
	}

	dispose(): void {
		this._onDidChange.dispose();
	}
}
