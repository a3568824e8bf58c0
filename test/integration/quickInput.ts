import * as fs from 'node:fs';
import * as path from 'node:path';
import { delay, queryWorkbench, waitFor, type WorkbenchElement } from './helpers';

/*
 * A person at the QuickInput: keys typed and buttons clicked in the workbench page by the web runner's [vsx-keys]
 * marker (scripts/run-web-tests.mjs), and what the QuickInput shows read back through [vsx-dom]. The extension host
 * has no other way to type into a QuickInput or to read the value it holds.
 */

export type KeyStep = { type: string } | { press: string } | { click: { selector: string; text: string } };

let keySequences = 0;

/** Plays `steps` on the workbench and waits until the runner has done them. */
export async function keys(...steps: KeyStep[]): Promise<void> {
	const dir = process.env.CIC_TEST_DOM_DIR;
	if (!dir) {
		throw new Error('typing into the workbench needs the web runner, which sets CIC_TEST_DOM_DIR (scripts/run-web-tests.mjs)');
	}
	const id = `keys-${process.pid}-${++keySequences}`;
	const file = path.join(dir, `${id}.json`);
	console.log(`[vsx-keys] ${id} ${Buffer.from(JSON.stringify(steps), 'utf8').toString('base64url')}`);
	const answer = await waitFor(`the runner to play ${steps.length} step(s)`, () =>
		fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { done?: boolean; error?: string }) : undefined, 20000);
	if (!answer.done) {
		throw new Error(`the workbench could not play the keys: ${answer.error}`);
	}
}

export interface QuickInputView {
	title: string;
	value: string;
	/** The input's placeholder: a QuickPick's question. */
	placeholder: string;
	/** The prompt or validation message under the input. */
	message: string;
	/** The labels of the visible list rows (a QuickPick), top first. */
	rows: string[];
}

const WIDGET = '.quick-input-widget';

function unescapeHtml(text: string): string {
	return text.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function isShown(widget: WorkbenchElement): boolean {
	return !/^<div[^>]*style="[^"]*display:\s*none/i.test(widget.outerHTML);
}

/** What the QuickInput shows once its title is `title` (and `ready` agrees): a step of a multi-step input has come up. */
export async function waitForQuickInput(title: string, ready: (view: QuickInputView) => boolean = () => true, timeoutMs = 20000): Promise<QuickInputView> {
	const end = Date.now() + timeoutMs;
	let last: QuickInputView | undefined;
	for (;;) {
		const [widget] = (await queryWorkbench(WIDGET)).filter(isShown);
		if (widget) {
			const [titleElement] = await queryWorkbench(`${WIDGET} .quick-input-title`);
			const [input] = await queryWorkbench(`${WIDGET} .quick-input-box input`);
			const rows = await queryWorkbench(`${WIDGET} .quick-input-list .monaco-list-row .label-name`);
			const [message] = await queryWorkbench(`${WIDGET} .quick-input-message`);
			last = {
				title: titleElement?.text.trim() ?? '',
				value: (input as (WorkbenchElement & { value?: string }) | undefined)?.value ?? '',
				placeholder: unescapeHtml(/\splaceholder="([^"]*)"/.exec(input?.outerHTML ?? '')?.[1] ?? ''),
				rows: rows.map((r) => r.text.trim()),
				message: message?.text.trim() ?? '',
			};
			if (last.title === title && ready(last)) {
				return last;
			}
		}
		if (Date.now() > end) {
			throw new Error(`timed out after ${timeoutMs} ms waiting for the QuickInput "${title}"; it shows ${JSON.stringify(last)}`);
		}
		await delay(200);
	}
}

/** Whether a QuickInput is on screen now. */
export async function quickInputShown(): Promise<boolean> {
	return (await queryWorkbench(WIDGET)).some(isShown);
}
