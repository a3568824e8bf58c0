import * as vscode from 'vscode';
import { BACK, searchPick, type SearchStepOptions } from './searchPick';

/** Thrown inside a step when the user pressed Back; the runner goes one step back. */
class BackSignal extends Error {}

export interface PickStepOptions<T extends vscode.QuickPickItem> {
	title: string;
	step: number;
	totalSteps: number;
	placeholder: string;
	items: readonly T[];
	canPickMany?: boolean;
	selected?: readonly T[];
}

export interface InputStepOptions {
	title: string;
	step: number;
	totalSteps: number;
	prompt: string;
	value: string;
	placeholder?: string;
	validate: (value: string) => string | undefined;
}

/**
 * A multi-step QuickPick/InputBox flow with a Back button on every step after the first, the way VS Code's
 * own multi-step inputs work. Each step is a function returning the next step, or undefined when done.
 */
export type Step = (input: MultiStepInput) => Promise<Step | undefined>;

export class MultiStepInput {
	private readonly history: Step[] = [];

	static async run(first: Step): Promise<boolean> {
		const input = new MultiStepInput();
		let step: Step | undefined = first;
		while (step) {
			input.history.push(step);
			try {
				step = await step(input);
			} catch (error) {
				if (!(error instanceof BackSignal)) {
					throw error;
				}
				input.history.pop();
				step = input.history.pop();
				if (!step) {
					return false;
				}
			}
		}
		return true;
	}

	/** Resolves with the picked items; rejects with CancellationError when the user escapes. */
	pick<T extends vscode.QuickPickItem>(options: PickStepOptions<T>): Promise<T[]> {
		return new Promise<T[]>((resolve, reject) => {
			const qp = vscode.window.createQuickPick<T>();
			qp.title = options.title;
			qp.step = options.step;
			qp.totalSteps = options.totalSteps;
			qp.placeholder = options.placeholder;
			qp.canSelectMany = options.canPickMany ?? false;
			qp.ignoreFocusOut = true;
			qp.items = options.items;
			if (options.selected) {
				qp.selectedItems = options.selected;
			}
			qp.buttons = this.history.length > 1 ? [vscode.QuickInputButtons.Back] : [];
			let settled = false;
			const finish = (action: () => void): void => {
				if (!settled) {
					settled = true;
					action();
					qp.dispose();
				}
			};
			qp.onDidTriggerButton((b) => {
				if (b === vscode.QuickInputButtons.Back) {
					finish(() => reject(new BackSignal()));
				}
			});
			qp.onDidAccept(() => finish(() => resolve(qp.canSelectMany ? [...qp.selectedItems] : [...qp.activeItems].slice(0, 1))));
			qp.onDidHide(() => finish(() => reject(new vscode.CancellationError())));
			qp.show();
		});
	}

	/** A pick whose items follow what the user types (src/host/searchPick.ts); resolves and rejects like pick(). */
	async search<T extends vscode.QuickPickItem>(options: SearchStepOptions<T>): Promise<T> {
		const picked = await searchPick(options, this.history.length > 1);
		if (picked === BACK) {
			throw new BackSignal();
		}
		return picked;
	}

	input(options: InputStepOptions): Promise<string> {
		return new Promise<string>((resolve, reject) => {
			const box = vscode.window.createInputBox();
			box.title = options.title;
			box.step = options.step;
			box.totalSteps = options.totalSteps;
			box.prompt = options.prompt;
			box.value = options.value;
			box.placeholder = options.placeholder;
			box.ignoreFocusOut = true;
			box.buttons = this.history.length > 1 ? [vscode.QuickInputButtons.Back] : [];
			let settled = false;
			const finish = (action: () => void): void => {
				if (!settled) {
					settled = true;
					action();
					box.dispose();
				}
			};
			box.onDidChangeValue((v) => {
				box.validationMessage = options.validate(v.trim());
			});
			box.onDidTriggerButton((b) => {
				if (b === vscode.QuickInputButtons.Back) {
					finish(() => reject(new BackSignal()));
				}
			});
			box.onDidAccept(() => {
				const problem = options.validate(box.value.trim());
				if (problem) {
					box.validationMessage = problem;
					return;
				}
				finish(() => resolve(box.value.trim()));
			});
			box.onDidHide(() => finish(() => reject(new vscode.CancellationError())));
			box.show();
		});
	}
}
