import * as vscode from 'vscode';

export interface SearchStepOptions<T extends vscode.QuickPickItem> {
	title: string;
	step: number;
	totalSteps: number;
	placeholder: string;
	/** The text the box starts with. */
	value: string;
	/** What is known at once for the text (the typed ID, "any", names already loaded): shown while a search runs. */
	itemsFor(text: string): readonly T[];
	/**
	 * Every item to show once a search for the text is done (the known ones and what it found), after the user
	 * paused typing; `signal` aborts when the text changes or the pick closes. Should not reject: turn a failure
	 * into an item that says so (after a rejection the known items stay).
	 */
	search(text: string, signal: AbortSignal): Promise<readonly T[]>;
	/** The item Enter should take for the text (a typed ID), whatever VS Code's own ranking puts first. */
	preferred?(text: string, items: readonly T[]): T | undefined;
	/** Whether accepting this item is allowed (an item that only explains something keeps the pick open). */
	accepts?(item: T): boolean;
	/** Pause after the last keystroke before searching; default 300 ms. */
	debounceMs?: number;
}

export const BACK = Symbol('back');

const DEFAULT_DEBOUNCE_MS = 300;

/**
 * A QuickPick whose items follow what the user types: the known items at once, then (debounced, cancellable,
 * with the busy indicator) what a search finds. Resolves with the accepted item, or BACK; rejects with
 * CancellationError when the user escapes. Results come from a service that already filtered them, so the
 * caller marks them alwaysShow: VS Code's own matching must not hide an email match behind a display name.
 */
export function searchPick<T extends vscode.QuickPickItem>(options: SearchStepOptions<T>, withBack: boolean): Promise<T | typeof BACK> {
	return new Promise<T | typeof BACK>((resolve, reject) => {
		const qp = vscode.window.createQuickPick<T>();
		qp.title = options.title;
		qp.step = options.step;
		qp.totalSteps = options.totalSteps;
		qp.placeholder = options.placeholder;
		qp.ignoreFocusOut = true;
		qp.matchOnDescription = true;
		qp.matchOnDetail = true;
		qp.value = options.value;
		const show = (text: string, items: readonly T[]): void => {
			qp.items = items;
			const preferred = options.preferred?.(text, items);
			if (preferred) {
				qp.activeItems = [preferred];
			}
		};
		show(options.value.trim(), options.itemsFor(options.value.trim()));
		qp.buttons = withBack ? [vscode.QuickInputButtons.Back] : [];
		let timer: ReturnType<typeof setTimeout> | undefined;
		let running: AbortController | undefined;
		let settled = false;
		const stopSearch = (): void => {
			if (timer) {
				clearTimeout(timer);
				timer = undefined;
			}
			running?.abort();
			running = undefined;
			qp.busy = false;
		};
		const runSearch = (text: string): void => {
			const controller = new AbortController();
			running = controller;
			qp.busy = true;
			void options.search(text, controller.signal).then(
				(found) => {
					if (running === controller && !controller.signal.aborted) {
						show(text, found);
					}
				},
				() => undefined,
			).finally(() => {
				if (running === controller) {
					running = undefined;
					qp.busy = false;
				}
			});
		};
		const onText = (value: string): void => {
			stopSearch();
			const text = value.trim();
			show(text, options.itemsFor(text));
			timer = setTimeout(() => {
				timer = undefined;
				runSearch(text);
			}, options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
		};
		const finish = (action: () => void): void => {
			if (!settled) {
				settled = true;
				stopSearch();
				action();
				for (const d of disposables) {
					d.dispose();
				}
				qp.dispose();
			}
		};
		const disposables = [
			qp.onDidChangeValue(onText),
			qp.onDidTriggerButton((b) => {
				if (b === vscode.QuickInputButtons.Back) {
					finish(() => resolve(BACK));
				}
			}),
			qp.onDidAccept(() => {
				const item = qp.activeItems[0];
				if (item && (options.accepts?.(item) ?? true)) {
					finish(() => resolve(item));
				}
			}),
			qp.onDidHide(() => finish(() => reject(new vscode.CancellationError()))),
		];
		qp.show();
		runSearch(options.value.trim());
	});
}
