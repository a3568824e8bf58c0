import { FIELD_LIMITS, LABEL_LIMITS, shortText } from '../../model/shorten';
import type { OverviewBar, OverviewDimension, OverviewStateMessage, OverviewStrings, OverviewView } from '../protocol';
import { installTestHooks } from './lib/testHooks';
import { clipped } from './lib/clip';
import { el, format, formatCount, renderInto, type Child } from './lib/dom';
import { icon } from './lib/icons';
import { post, vscodeApi } from './lib/vscodeApi';

/**
 * The overview page: CSS bars sized by a custom property set through the CSSOM (which the CSP allows; style
 * attributes in markup it would not), every label and value as text, every bar and reason a button that
 * filters the Tasks view.
 */

const api = vscodeApi();
installTestHooks(api);
const root = document.getElementById('root') as HTMLElement;

function isOverviewState(value: unknown): value is OverviewStateMessage {
	return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'overview';
}

function show(message: OverviewStateMessage): void {
	api.setState({ v: 1, message });
	renderInto(root, page(message.view, message.strings, message.locale));
}

function fill(className: string, fraction: number): HTMLElement {
	const bar = el('span', { class: className });
	bar.style.setProperty('--fraction', String(Math.max(0, Math.min(1, fraction))));
	return bar;
}

function number(n: number, locale: string): string {
	try {
		return new Intl.NumberFormat(locale).format(n);
	} catch {
		return String(n);
	}
}

function filterClick(dimension: OverviewDimension, value: string, status?: string): () => void {
	return () => post(status === undefined ? { type: 'overviewFilter', dimension, value } : { type: 'overviewFilter', dimension, value, status });
}

function button(key: string, label: string | undefined, onClick: () => void, className: string, ...children: Child[]): HTMLButtonElement {
	const b = el('button', { class: className, key, attrs: { type: 'button', 'aria-label': label } }, ...children);
	b.addEventListener('click', onClick);
	return b;
}

function bars(dimension: 'status' | 'taskType', items: readonly OverviewBar[], s: OverviewStrings, locale: string): HTMLElement {
	const max = Math.max(1, ...items.map((b) => b.count));
	return el(
		'ul',
		{ class: 'bars' },
		...items.map((b, i) => {
			// An unknown value is shown verbatim, so it can be any length: the label is cut, "Show all" beside it.
			const [label, toggle] = clipped({ text: b.label, key: `${dimension}:${b.value}`, limits: LABEL_LIMITS, class: 'bar-label', field: `${dimension}:${i}`, name: shortText(b.label, { maxChars: 40, maxLines: 1 }), strings: s });
			return el(
				'li',
				{ class: 'bar-item' },
				button(
					`${dimension}:${b.value}`,
					undefined,
					filterClick(dimension, b.value),
					'bar-row',
					label,
					el('span', { class: 'bar-track', attrs: { 'aria-hidden': 'true' } }, fill(`bar-fill kind-${b.kind ?? 'neutral'}`, b.count / max)),
					el('span', { class: 'bar-count', field: `count:${dimension}:${b.value}` }, number(b.count, locale)),
					el('span', { class: 'visually-hidden' }, ` ${formatCount(s.showTasks, b.count, number(b.count, locale))}`),
				),
				toggle,
			);
		}),
	);
}

function matrix(v: OverviewView, s: OverviewStrings, locale: string): HTMLElement {
	const max = Math.max(1, ...v.roleConfigurations.map((r) => r.total));
	const head = el(
		'tr',
		{},
		el('th', { attrs: { scope: 'col' } }, s.roleConfiguration),
		el('th', { class: 'stack-col', attrs: { 'aria-hidden': 'true' } }),
		...v.statusColumns.map((c) => el('th', { class: 'num', attrs: { scope: 'col', dir: 'auto' } }, shortText(c.label))),
		el('th', { class: 'num', attrs: { scope: 'col' } }, s.total),
	);
	const rows = v.roleConfigurations.map((r, i) => {
		const name = r.name || r.id;
		// One line each in the table; the whole name (and id) is behind "Show all", so a 5,000-character name
		// cannot turn its column into hundreds of wrapped lines.
		const [nameText, nameToggle] = clipped({ text: name, key: `rcName:${r.id}`, limits: LABEL_LIMITS, field: `rcName:${i}`, name: shortText(name, { maxChars: 40, maxLines: 1 }), strings: s });
		const [idText, idToggle] = r.name ? clipped({ text: r.id, key: `rcId:${r.id}`, limits: LABEL_LIMITS, tag: 'code', class: 'value muted', field: `rcId:${i}`, name: shortText(r.id, { maxChars: 40, maxLines: 1 }), strings: s }) : [];
		const label = shortText(name);
		return el(
			'tr',
			{},
			el(
				'th',
				{ class: 'rc-cell', attrs: { scope: 'row' } },
				button(
					`rc:${r.id}`,
					undefined,
					filterClick('roleConfiguration', r.id),
					'link-button rc-name',
					nameText,
					idText,
					el('span', { class: 'visually-hidden' }, ` ${formatCount(s.showTasks, r.total, number(r.total, locale))}`),
				),
				nameToggle || idToggle ? el('span', { class: 'clip-toggles' }, nameToggle, idToggle) : null,
			),
			el(
				'td',
				{ class: 'stack-col', attrs: { 'aria-hidden': 'true' } },
				el('span', { class: 'stack' }, ...r.counts.map((count, c) => fill(`stack-seg kind-${v.statusColumns[c]?.kind ?? 'neutral'}`, count / max))),
			),
			...r.counts.map((count, c) => {
				const column = v.statusColumns[c];
				return el(
					'td',
					{ class: 'num' },
					count > 0 && column
						? button(`cell:${r.id}:${column.value}`, formatCount(s.cellLabel, count, label, shortText(column.label), number(count, locale)), filterClick('roleConfiguration', r.id, column.value), 'link-button', number(count, locale))
						: el('span', { class: 'muted' }, '0'),
				);
			}),
			el('td', { class: 'num' }, number(r.total, locale)),
		);
	});
	// Scrolls sideways inside its card on a narrow panel, never the page.
	return el(
		'div',
		{ class: 'table-scroll' },
		el(
			'table',
			{ class: 'matrix' },
			el('caption', { class: 'visually-hidden' }, s.byRoleConfiguration),
			el('thead', {}, head),
			el('tbody', {}, ...rows),
		),
	);
}

function reasons(v: OverviewView, s: OverviewStrings, locale: string): HTMLElement {
	if (v.failureReasons.length === 0) {
		return el('p', { class: 'muted' }, s.noFailures);
	}
	const max = Math.max(1, ...v.failureReasons.map((r) => r.count));
	return el(
		'ol',
		{ class: 'reasons' },
		...v.failureReasons.map((r, i) => {
			const [reasonText, reasonToggle] = r.reason
				? clipped({ text: r.reason, key: `reason:${r.reason}`, limits: FIELD_LIMITS, class: 'reason-text value', field: `reason:${i}`, name: shortText(r.reason, { maxChars: 40, maxLines: 1 }), strings: s })
				: [el('span', { class: 'reason-text value muted', field: `reason:${i}` }, s.noReason)];
			return el(
				'li',
				{},
				el(
					'div',
					{ class: 'reason-line' },
					button(
						`reason:${r.reason}`,
						undefined,
						filterClick('failureReason', r.reason),
						'reason',
						el('span', { class: 'bar-count' }, number(r.count, locale)),
						reasonText,
						el('span', { class: 'bar-track small', attrs: { 'aria-hidden': 'true' } }, fill('bar-fill kind-failed', r.count / max)),
						el('span', { class: 'visually-hidden' }, `. ${formatCount(s.reasonLabel, r.count, number(r.count, locale))}`),
					),
					reasonToggle,
				),
				el(
					'details',
					{ class: 'reason-tasks', key: `details:reason:${r.reason}` },
					el('summary', { key: `summary:reason:${r.reason}` }, formatCount(s.tasksCount, r.count, number(r.count, locale))),
					el(
						'ul',
						{ class: 'task-links' },
						...r.taskIds.map((id) =>
							el('li', {}, button(`task:${id}`, format(s.openTask, shortText(id)), () => post({ type: 'openTask', taskId: id }), 'link-button', el('code', { class: 'value', attrs: { dir: 'auto' } }, shortText(id)))),
						),
					),
					r.moreTasks > 0 ? el('p', { class: 'muted' }, format(s.more, number(r.moreTasks, locale))) : null,
				),
			);
		}),
	);
}

/**
 * The mark of a figure that counts loaded tasks only, not an exact total, with the one click that makes it exact.
 * Undefined when the figure is exact.
 */
function loadedOnlyMark(which: string, exact: boolean, v: OverviewView, s: OverviewStrings, locale: string): HTMLElement | undefined {
	if (exact) {
		return undefined;
	}
	return el(
		'p',
		{ class: 'loaded-only muted', field: `loadedOnly:${which}` },
		icon('unknown'),
		el('span', {}, ` ${formatCount(s.loadedOnly, v.loaded, number(v.loaded, locale))} `),
		button(`loadAll:${which}`, undefined, () => post({ type: 'loadAll' }), 'link-button', s.loadAll),
	);
}

function section(id: string, title: string, ...content: Child[]): HTMLElement {
	return el('section', { class: 'card', attrs: { 'aria-labelledby': id } }, el('h2', { attrs: { id } }, title), ...content);
}

function page(v: OverviewView, s: OverviewStrings, locale: string): Child[] {
	const toolbarButtons = [
		button('refresh', undefined, () => post({ type: 'refresh' }), 'button primary', icon('refresh', v.loading ? 'spin' : ''), el('span', {}, s.refresh)),
		v.filterText !== undefined ? button('clearFilter', undefined, () => post({ type: 'clearFilter' }), 'button secondary', icon('filter'), el('span', {}, s.clearFilter)) : null,
	];
	const header = el(
		'header',
		{ class: 'detail-header' },
		el('h1', { class: 'title' }, icon('chart'), el('span', {}, s.title)),
		el(
			'p',
			{ class: 'scope' },
			el('span', { field: 'loaded' }, formatCount(s.loadedTasks, v.loaded, number(v.loaded, locale))),
			v.filterText !== undefined ? el('span', { class: 'filter-text', field: 'filter', attrs: { dir: 'auto' } }, ` · ${format(s.filter, shortText(v.filterText, { maxChars: 200, maxLines: 1 }))}`) : null,
		),
		el('div', { class: 'toolbar', attrs: { role: 'group' } }, ...toolbarButtons),
	);
	if (v.byStatus.length === 0) {
		return [header, el('p', { class: 'banner info' }, s.empty)];
	}
	const partial = v.total !== undefined && v.total > v.loaded;
	return [
		header,
		el(
			'div',
			{ class: 'grid' },
			section('by-status', s.byStatus, bars('status', v.byStatus, s, locale)),
			section('by-type', s.byTaskType, loadedOnlyMark('types', v.byTaskTypeExact || v.allLoaded, v, s, locale), bars('taskType', v.byTaskType, s, locale)),
		),
		section(
			'by-rc',
			s.byRoleConfiguration,
			loadedOnlyMark('roleConfigurations', v.allLoaded, v, s, locale),
			matrix(v, s, locale),
			v.moreRoleConfigurations > 0 ? el('p', { class: 'muted' }, format(s.more, number(v.moreRoleConfigurations, locale))) : null,
		),
		section(
			'reasons',
			s.failureReasons,
			loadedOnlyMark('reasons', v.allLoaded, v, s, locale),
			reasons(v, s, locale),
			v.moreFailureReasons > 0 ? el('p', { class: 'muted' }, format(s.more, number(v.moreFailureReasons, locale))) : null,
		),
		el('p', { class: 'muted note' }, partial || !v.allLoaded ? (v.byTaskTypeExact ? s.exactTypesNote : s.exactNote) : s.loadedNote),
	];
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
	if (isOverviewState(event.data)) {
		show(event.data);
	}
});

const saved = api.getState() as { message?: unknown } | undefined;
if (saved && isOverviewState(saved.message)) {
	show(saved.message);
}
post({ type: 'ready' });
