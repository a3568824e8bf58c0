import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitFor } from './helpers';

/** What axe-core found in one extension webview page (see `[vsx-axe]` in scripts/run-web-tests.mjs). */
export interface AxeFrame {
	title: string;
	themeKind: string;
	/** The detail page's task id, '' for the overview. */
	taskId: string;
	/** How many rules ran (passed, failed, incomplete or not applicable). */
	rules: number;
	violations: { id: string; impact: string | null; help: string; nodes: { target: string; html: string; summary: string }[] }[];
	/** color-contrast checks axe left undecided, with axe's reason (messageKey). */
	undecidedContrast: { target: string; html: string; reason: string }[];
}

let axeRuns = 0;

/**
 * Runs axe-core's WCAG 2 A/AA rules, color-contrast among them, in every extension webview on screen. The web
 * runner does it through Playwright (the pages' CSP admits no injected script) and answers in $CIC_TEST_DOM_DIR.
 */
export async function axeWebviews(timeoutMs = 60000): Promise<AxeFrame[]> {
	const dir = process.env.CIC_TEST_DOM_DIR;
	if (!dir) {
		throw new Error('axe runs in the web runner, which sets CIC_TEST_DOM_DIR (scripts/run-web-tests.mjs)');
	}
	const id = `axe-${process.pid}-${++axeRuns}`;
	const file = path.join(dir, `${id}.json`);
	console.log(`[vsx-axe] ${id}`);
	const answer = await waitFor('the runner\'s axe results', () =>
		fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { frames?: AxeFrame[]; error?: string }) : undefined, timeoutMs);
	if (answer.error !== undefined || !answer.frames) {
		throw new Error(`axe could not run: ${answer.error}`);
	}
	return answer.frames;
}

/**
 * Text drawn in its background's colour: axe files it as undecided ("equalRatio"), not as a violation, and it
 * is exactly how High Contrast hid the detail panel's ids (issue 14, item 15).
 */
export function invisibleText(frame: AxeFrame): AxeFrame['undecidedContrast'] {
	return frame.undecidedContrast.filter((n) => /equalRatio/.test(n.reason));
}

/** The violations and the invisible text, one readable line per rule and element, for an assertion message. */
export function describeViolations(frame: AxeFrame): string {
	return [
		...frame.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target}: ${n.summary.replace(/\s+/g, ' ')} ${n.html}`)),
		...invisibleText(frame).map((n) => `invisible text (same colour as its background) at ${n.target}: ${n.html}`),
	].join('\n');
}
