import * as vscode from 'vscode';
import { taskPickText } from '../model/displayText';
import { searchTasks } from '../model/search';
import { inertText } from '../model/inertText';
import { validateTaskId } from '../model/validators';
import { Commands } from '../ids';
import { toAbortSignal } from '../host/cancellation';
import { notifyInfo } from '../host/notify';
import type { TasksSession } from '../host/session';
import type { TasksStatusBar } from '../host/statusBar';
import type { TaskDocumentProvider } from '../host/taskDocuments';
import type { TasksView } from '../views/tasksView';
import type { TaskNode, TreeNode } from '../views/nodes';
import { taskWords } from './taskActions';
import { serviceNames } from '../host/sessionNames';

/** A reveal VS Code rejected, or whose selection did not arrive, is tried again this many times in all. */
const REVEAL_ATTEMPTS = 3;
/** How long a reveal's selection may take to reach the extension host before the reveal counts as lost. */
const SELECTION_WAIT_MS = 1500;

/** Reveals a loaded task in the tree, selected and focused; false if it is not in the tree. */
export function revealTask(view: TasksView, taskId: string): Promise<boolean> {
	return view.provider.holdingRebuilds(async () => {
		for (let attempt = 1; ; attempt++) {
			view.provider.rebuildNow();
			const node = view.provider.findTaskNode(taskId);
			if (!node) {
				return false;
			}
			try {
				if (await revealAndSelect(view, node)) {
					return true;
				}
			} catch (error) {
				// VS Code rejects a reveal whose node it cannot resolve ("Cannot resolve tree item"); the last failure is the user's.
				if (attempt === REVEAL_ATTEMPTS) {
					throw error;
				}
			}
			if (attempt === REVEAL_ATTEMPTS) {
				return true;
			}
		}
	});
}

/** Reveals the node and waits until the tree's selection holds it: true once it does. */
async function revealAndSelect(view: TasksView, node: TaskNode): Promise<boolean> {
	const isTarget = (selection: readonly TreeNode[]): boolean => selection.some((n) => n.type === 'task' && n.task.TaskId === node.task.TaskId);
	// Subscribed before the reveal: the selection can reach the extension host before the reveal's own answer.
	let arrived = false;
	let onArrival: (() => void) | undefined;
	const subscription = view.treeView.onDidChangeSelection((e) => {
		if (isTarget(e.selection)) {
			arrived = true;
			onArrival?.();
		}
	});
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		await view.treeView.reveal(node, { select: true, focus: true, expand: true });
		if (arrived || isTarget(view.treeView.selection)) {
			return true;
		}
		return await new Promise<boolean>((resolve) => {
			onArrival = () => resolve(true);
			timer = setTimeout(() => resolve(false), SELECTION_WAIT_MS);
		});
	} finally {
		subscription.dispose();
		clearTimeout(timer);
	}
}

/** Go to Task…: looks the id up with GetTaskStatus, then reveals it, or shows its status when it is not loaded. */
export async function goToTask(session: TasksSession, view: TasksView, documents: TaskDocumentProvider, arg?: unknown): Promise<void> {
	const service = session.service;
	if (!service.endpoint) {
		throw new Error(vscode.l10n.t('Add credentials and select a zone before going to a task.'));
	}
	const taskId = typeof arg === 'string'
		? arg.trim()
		: (await vscode.window.showInputBox({
			title: vscode.l10n.t('Go to Task'),
			prompt: vscode.l10n.t('Task ID (t-…)'),
			validateInput: (v) => validateTaskId(v.trim()),
		}))?.trim();
	if (!taskId) {
		return;
	}
	const problem = validateTaskId(taskId);
	if (problem) {
		throw new Error(problem);
	}
	const location = await vscode.window.withProgress(
		{ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking up {0}…', inertText(taskId)), cancellable: true },
		async (_p, token) => {
			const cancel = toAbortSignal(token);
			try {
				return await service.findTask(taskId, cancel.signal);
			} finally {
				cancel.dispose();
			}
		},
	);
	if (location.kind === 'notFound') {
		throw new Error(vscode.l10n.t('Task {0} does not exist in zone {1}.', taskId, location.zoneId));
	}
	if (await revealTask(view, taskId)) {
		return;
	}
	const { TaskId, TaskType, Status, FailureReason } = location.status;
	const uri = documents.set(taskId, {
		TaskId,
		TaskType,
		Status,
		...(FailureReason ? { FailureReason } : {}),
		Note: vscode.l10n.t('Not loaded under the current filter; GetTaskStatus returned this.'),
	});
	const document = await vscode.workspace.openTextDocument(uri);
	await vscode.languages.setTextDocumentLanguage(document, 'json');
	await vscode.window.showTextDocument(document);
}

/** Search Loaded Tasks…: matches ID, role configuration, principal, account and failure reason. */
export function searchLoaded(session: TasksSession, view: TasksView): void {
	const tasks = session.store.tasks();
	if (tasks.length === 0) {
		void notifyInfo(vscode.l10n.t('No tasks are loaded yet. Refresh the Tasks view first.'));
		return;
	}
	type Item = vscode.QuickPickItem & { taskId: string };
	const qp = vscode.window.createQuickPick<Item>();
	qp.title = vscode.l10n.t('Search Loaded Tasks');
	qp.placeholder = vscode.l10n.t('Task ID, role configuration, principal, account or failure reason');
	qp.matchOnDescription = true;
	qp.matchOnDetail = true;
	const names = serviceNames(session.service);
	const words = taskWords(names);
	const toItems = (query: string): Item[] =>
		searchTasks(tasks, query, names).slice(0, 200).map((task) => ({
			...taskPickText(task, words, true),
			alwaysShow: true,
			taskId: task.TaskId,
		}));
	qp.items = toItems('');
	const disposables = [
		qp.onDidChangeValue((v) => {
			qp.items = toItems(v);
		}),
		qp.onDidAccept(() => {
			const picked = qp.selectedItems[0];
			qp.hide();
			if (picked) {
				void revealTask(view, picked.taskId);
			}
		}),
		qp.onDidHide(() => {
			for (const d of disposables) {
				d.dispose();
			}
			qp.dispose();
		}),
	];
	qp.show();
}

/** The status bar's QuickPick: tasks in progress and tasks that failed while watched. */
export async function showTracked(session: TasksSession, view: TasksView, statusBar: TasksStatusBar): Promise<void> {
	const items = statusBar.trackedTaskIds()
		.map((id) => session.store.get(id)?.task)
		.filter((t) => t !== undefined)
		.map((task) => {
			const text = taskPickText(task, taskWords(serviceNames(session.service)));
			const icon = task.Status === 'Failed' ? 'error' : task.Status === 'InProgress' ? 'sync' : 'pass';
			return { ...text, label: `$(${icon}) ${text.label}`, taskId: task.TaskId };
		});
	statusBar.acknowledge();
	if (items.length === 0) {
		await vscode.commands.executeCommand(`${'cicTasks.tasks'}.focus`);
		return;
	}
	const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Tracked CIC tasks') });
	if (picked) {
		await revealTask(view, picked.taskId);
		await vscode.commands.executeCommand(Commands.showDetails, picked.taskId);
	}
}
