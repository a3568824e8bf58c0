import type { CopyField, DetailStateMessage, DetailStrings, FilterDimension, TaskDetailView } from '../protocol';
import { installTestHooks } from './lib/testHooks';
import { announce, el, format, renderInto, type Child } from './lib/dom';
import { icon, statusIcon, type IconName } from './lib/icons';
import { post, vscodeApi } from './lib/vscodeApi';

/**
 * The task detail page. It renders whatever state the host posts (every value as text), keeps that state
 * with setState so a hidden-and-shown panel or a window reload can draw at once, and ticks the elapsed time
 * of a task in progress locally (display only: fetching is the Tasks view's polling).
 */

interface SavedState {
	v: 1;
	taskId: string;
	task: DetailStateMessage['task'];
	message: DetailStateMessage;
	announced: number;
}

const api = vscodeApi();
installTestHooks(api);
const root = document.getElementById('root') as HTMLElement;
let announced = 0;
let ticker: ReturnType<typeof setInterval> | undefined;

function isDetailState(value: unknown): value is DetailStateMessage {
	return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'detail';
}

function restore(): void {
	const saved = api.getState() as Partial<SavedState> | undefined;
	if (saved && isDetailState(saved.message)) {
		announced = typeof saved.announced === 'number' ? saved.announced : 0;
		show(saved.message);
	}
}

function show(message: DetailStateMessage): void {
	if (message.announcement && message.announcement.id > announced) {
		announced = message.announcement.id;
		announce(message.announcement.text);
	}
	const state: SavedState = { v: 1, taskId: message.view.taskId, task: message.task, message, announced };
	api.setState(state);
	renderInto(root, page(message.view, message.strings, message.locale));
	startTicker(message.view, message.strings);
}

// ---- pieces ---------------------------------------------------------------------------------------------

function button(o: { key: string; label: string; icon?: IconName; iconOnly?: boolean; variant?: 'primary' | 'secondary' | 'icon'; disabled?: boolean; title?: string; busy?: boolean; onClick: () => void }): HTMLButtonElement {
	const b = el(
		'button',
		{
			class: `button ${o.variant === 'icon' ? 'icon-button' : (o.variant ?? 'secondary')}`,
			key: o.key,
			attrs: {
				type: 'button',
				title: o.title ?? (o.iconOnly ? o.label : undefined),
				'aria-label': o.iconOnly ? o.label : undefined,
				'aria-disabled': o.disabled || o.busy ? 'true' : undefined,
				'aria-busy': o.busy ? 'true' : undefined,
			},
		},
		o.icon ? icon(o.icon, o.busy ? 'spin' : '') : null,
		o.iconOnly ? null : el('span', {}, o.label),
	);
	// aria-disabled rather than disabled: a disabled button would drop keyboard focus mid-refresh.
	b.addEventListener('click', () => {
		if (b.getAttribute('aria-disabled') !== 'true') {
			o.onClick();
		}
	});
	return b;
}

function copyButton(field: Exclude<CopyField, 'json'>, strings: DetailStrings): HTMLButtonElement {
	return button({ key: `copy:${field}`, label: strings.copy[field], icon: 'copy', iconOnly: true, variant: 'icon', onClick: () => post({ type: 'copy', field }) });
}

function filterButton(by: FilterDimension, label: string, v: TaskDetailView, strings: DetailStrings): HTMLButtonElement {
	const allowed = v.canFilter[by];
	return button({ key: `filter:${by}`, label, icon: 'filter', variant: 'secondary', disabled: !allowed, title: allowed ? undefined : strings.cannotFilter, onClick: () => post({ type: 'filter', by }) });
}

/** One API value: isolated bidi (an RTL override stays inside it), wrapped anywhere, and shown as text. */
function value(text: string, field: string, strings: DetailStrings, tag: 'span' | 'code' = 'span'): HTMLElement {
	if (text.length === 0) {
		return el('span', { class: 'value empty' }, strings.emptyValue);
	}
	return el(tag, { class: 'value', field, attrs: { dir: 'auto' } }, text);
}

/** Words for a raw value, with the raw value beside them when they differ (an unknown value shows as-is). */
function worded(label: string, raw: string, labelField: string, rawField: string, strings: DetailStrings): HTMLElement {
	return el(
		'span',
		{ class: 'line' },
		...(label !== raw && label.length > 0 ? [value(label, labelField, strings), ' ', value(raw, rawField, strings, 'code')] : [value(raw, rawField, strings)]),
	);
}

function row(label: string, ...content: Child[]): Child[] {
	return [el('dt', {}, label), el('dd', {}, ...content)];
}

function formatTime(ms: number | undefined, locale: string): string | undefined {
	if (ms === undefined) {
		return undefined;
	}
	try {
		return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(ms);
	} catch {
		return new Date(ms).toISOString();
	}
}

function duration(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const two = (n: number): string => String(n).padStart(2, '0');
	return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

function page(v: TaskDetailView, s: DetailStrings, locale: string): Child[] {
	const failed = v.statusKind === 'failed';
	const header = el(
		'header',
		{ class: 'detail-header' },
		el('h1', { class: 'title' }, el('span', { class: 'title-label' }, `${s.task} `), value(v.taskId, 'TaskId', s, 'code'), ' ', copyButton('TaskId', s)),
		el(
			'p',
			{ class: `status status-${v.statusKind}` },
			statusIcon(v.statusKind),
			el('span', { class: 'visually-hidden' }, `${s.status}: `),
			// An unknown status is shown verbatim: statusLabel falls back to the raw value.
			value(v.statusLabel, 'statusLabel', s),
		),
		el(
			'div',
			{ class: 'toolbar', attrs: { role: 'group', 'aria-label': s.actions } },
			button({ key: 'refresh', label: v.refreshing ? s.refreshing : s.refresh, icon: 'refresh', variant: 'primary', busy: v.refreshing, onClick: () => post({ type: 'refresh' }) }),
			button({ key: 'copyJson', label: s.copyJson, icon: 'copy', onClick: () => post({ type: 'copy', field: 'json' }) }),
			button({ key: 'openJson', label: s.openJson, icon: 'json', onClick: () => post({ type: 'openJson' }) }),
			button({ key: 'openConsole', label: s.openConsole, icon: 'external', onClick: () => post({ type: 'openConsole' }) }),
		),
	);
	const banners: Child[] = [
		v.error ? el('p', { class: 'banner error', field: 'error', attrs: { role: 'alert' } }, v.error) : null,
		v.restored ? el('p', { class: 'banner info' }, s.restored) : null,
		!v.inTree && !v.restored ? el('p', { class: 'banner info', field: 'notInTree' }, s.notInTree) : null,
	];
	const failure = failed
		? el(
			'section',
			{ class: 'failure', attrs: { 'aria-labelledby': 'failure-heading' } },
			el('h2', { attrs: { id: 'failure-heading' } }, statusIcon('failed'), el('span', {}, s.failureReason)),
			v.failureReason.length > 0
				? el('div', { class: 'failure-body' }, el('p', { class: 'failure-text value', field: 'FailureReason', attrs: { dir: 'auto' } }, v.failureReason), copyButton('FailureReason', s))
				: el('p', { class: 'failure-text muted' }, s.noFailureReason),
		)
		: null;
	const firstSeen = formatTime(v.firstSeen, locale);
	const changed = formatTime(v.statusChangedAt, locale);
	const fields = el(
		'dl',
		{ class: 'fields', attrs: { 'aria-label': s.details } },
		...row(s.taskType, worded(v.taskTypeLabel, v.taskType, 'taskTypeLabel', 'TaskType', s)),
		...row(
			s.roleConfiguration,
			el('span', { class: 'line' }, value(v.roleConfigurationName, 'RoleConfigurationName', s), v.roleConfigurationName ? copyButton('RoleConfigurationName', s) : null),
			el('span', { class: 'line' }, value(v.roleConfigurationId, 'RoleConfigurationId', s, 'code'), v.roleConfigurationId ? copyButton('RoleConfigurationId', s) : null),
			el('span', { class: 'line' }, filterButton('roleConfiguration', s.showForRoleConfiguration, v, s)),
		),
		...row(
			s.principal,
			worded(v.principalTypeLabel, v.principalType, 'principalTypeLabel', 'PrincipalType', s),
			el('span', { class: 'line' }, value(v.principalId, 'PrincipalId', s, 'code'), v.principalId ? copyButton('PrincipalId', s) : null),
			el('span', { class: 'line' }, filterButton('principal', s.showForPrincipal, v, s)),
		),
		...row(
			s.target,
			worded(v.targetTypeLabel, v.targetType, 'targetTypeLabel', 'TargetType', s),
			el('span', { class: 'line' }, value(v.targetUin, 'TargetUin', s, 'code'), copyButton('TargetUin', s)),
			el('span', { class: 'line' }, filterButton('account', s.showForAccount, v, s)),
		),
		...(!failed && v.failureReason.length > 0 ? row(s.failureReason, value(v.failureReason, 'FailureReason', s), copyButton('FailureReason', s)) : []),
		...row(s.firstSeen, firstSeen ?? s.notSeenChanging),
		...row(s.statusChanged, changed ?? s.notSeenChanging),
		...(v.statusKind === 'inProgress' && v.firstSeen !== undefined ? row(s.elapsed, el('span', { field: 'elapsed', attrs: { id: 'elapsed' } })) : []),
	);
	const json = el(
		'details',
		{ class: 'json', key: 'details:json' },
		el('summary', { key: 'summary:json' }, s.rawJson),
		el('pre', {}, el('code', { field: 'json' }, v.json)),
	);
	return [header, ...banners, failure, fields, el('p', { class: 'muted note' }, s.observedNote), json];
}

function startTicker(v: TaskDetailView, s: DetailStrings): void {
	if (ticker !== undefined) {
		clearInterval(ticker);
		ticker = undefined;
	}
	const firstSeen = v.firstSeen;
	if (v.statusKind !== 'inProgress' || firstSeen === undefined) {
		return;
	}
	const tick = (): void => {
		const target = document.getElementById('elapsed');
		if (target) {
			target.textContent = format(s.elapsedValue, duration(Date.now() - firstSeen));
		}
	};
	tick();
	ticker = setInterval(tick, 1000);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
	if (isDetailState(event.data)) {
		show(event.data);
	}
});

restore();
// The handshake: the host posts state only after this, so nothing is lost while the page loads.
post({ type: 'ready' });
