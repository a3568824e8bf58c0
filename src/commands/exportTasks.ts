import * as os from 'node:os';
import * as vscode from 'vscode';
import { defaultExportPath, type ExportFormat } from '../model/exportLocation';
import { toCsv, toJson } from '../model/exportTasks';
import { describeFilter } from '../model/filter';
import { plural } from '../model/plural';
import type { TasksSession } from '../host/session';
import type { ExtensionLog } from '../host/log';
import { notifyInfo } from '../host/notify';
import { serviceNames } from '../host/sessionNames';

/** A file to export to without the save dialog: test mode only (src/commands/testArguments.ts). */
export interface ExportTarget {
	path: string;
	format?: ExportFormat;
}

/** Export Tasks…: the loaded (filtered) tasks to JSON or CSV, with zone, filter and export time in the file. */
export async function exportTasks(session: TasksSession, log: ExtensionLog, given?: ExportTarget): Promise<vscode.Uri | undefined> {
	const tasks = session.store.tasks();
	const zoneId = session.zoneId;
	if (tasks.length === 0 || !zoneId) {
		void notifyInfo(vscode.l10n.t('No tasks are loaded to export.'));
		return undefined;
	}
	const format = given ? given.format ?? (given.path.toLowerCase().endsWith('.csv') ? 'csv' : 'json') : await pickFormat();
	if (!format) {
		return undefined;
	}
	const uri = given
		? vscode.Uri.file(given.path)
		: await vscode.window.showSaveDialog({
			title: vscode.l10n.t('Export Tasks'),
			defaultUri: defaultExportUri(zoneId, format),
			filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
		});
	if (!uri) {
		return undefined;
	}
	const meta = { zoneId, filter: describeFilter(session.currentFilter), exportedAt: new Date().toISOString() };
	const names = serviceNames(session.service);
	const text = format === 'csv' ? toCsv(tasks, meta, names) : toJson(tasks, meta, names);
	await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
	log.info(`Exported ${tasks.length} tasks as ${format.toUpperCase()} to ${uri.fsPath}`);
	const incomplete = session.store.statusGroups().some((s) => !s.complete);
	const message = incomplete
		? plural(
			tasks.length,
			vscode.l10n.t('Exported {0} loaded task (not every task is loaded; use Load All first for a complete export).', tasks.length),
			vscode.l10n.t('Exported {0} loaded tasks (not every task is loaded; use Load All first for a complete export).', tasks.length),
		)
		: plural(tasks.length, vscode.l10n.t('Exported {0} task.', tasks.length), vscode.l10n.t('Exported {0} tasks.', tasks.length));
	if (!given) {
		const open = vscode.l10n.t('Open');
		void notifyInfo(message, open).then((c) => (c === open ? vscode.window.showTextDocument(uri) : undefined));
	}
	return uri;
}

async function pickFormat(): Promise<ExportFormat | undefined> {
	const items: (vscode.QuickPickItem & { format: ExportFormat })[] = [
		{ label: 'JSON', description: vscode.l10n.t('Every field, with zone, filter and export time'), format: 'json' },
		{ label: 'CSV', description: vscode.l10n.t('One row per task, for a spreadsheet'), format: 'csv' },
	];
	const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export Tasks'), placeHolder: vscode.l10n.t('Export format') });
	return picked?.format;
}

/** The save dialog's starting file: in the first workspace folder, or the home folder when none is open. */
export function defaultExportUri(zoneId: string, format: ExportFormat): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
	if (folder && folder.scheme !== 'file') {
		return vscode.Uri.joinPath(folder, `cic-tasks-${zoneId}.${format}`);
	}
	return vscode.Uri.file(defaultExportPath(folder?.fsPath, os.homedir(), zoneId, format));
}
