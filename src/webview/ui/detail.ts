import type { ContextSectionView, CopyField, DetailStateMessage, DetailStrings, FilterDimension, NowItemView, NowView, TaskContextView, TaskDetailView } from '../protocol';
import { FIELD_LIMITS, PARAGRAPH_LIMITS } from '../../model/shorten';
import { installTestHooks } from './lib/testHooks';
import { clipped } from './lib/clip';
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

function copyButton(field: Exclude<CopyField, 'json'>, strings: DetailStrings, label = strings.copy[field]): HTMLButtonElement {
	return button({ key: `copy:${field}`, label, icon: 'copy', iconOnly: true, variant: 'icon', onClick: () => post({ type: 'copy', field }) });
}

function filterButton(by: FilterDimension, label: string, v: TaskDetailView, strings: DetailStrings): HTMLButtonElement {
	const allowed = v.canFilter[by];
	return button({ key: `filter:${by}`, label, icon: 'filter', variant: 'secondary', disabled: !allowed, title: allowed ? undefined : strings.cannotFilter, onClick: () => post({ type: 'filter', by }) });
}

/**
 * One API value: isolated bidi (an RTL override stays inside it), wrapped anywhere, shown as text, and shortened
 * when long, with "Show all" after it. `name` is the field's label, for the toggle's accessible name.
 */
function value(text: string, field: string, name: string, strings: DetailStrings, tag: 'span' | 'code' = 'span'): Child[] {
	if (text.length === 0) {
		return [el('span', { class: 'value empty' }, strings.emptyValue)];
	}
	return clipped({ text, key: field, limits: FIELD_LIMITS, tag, field, name, strings });
}

/** Words for a raw value, with the raw value beside them when they differ (an unknown value shows as-is). */
function worded(label: string, raw: string, labelField: string, rawField: string, name: string, strings: DetailStrings): HTMLElement {
	return el(
		'span',
		{ class: 'line' },
		...(label !== raw && label.length > 0 ? [...value(label, labelField, name, strings), ' ', ...value(raw, rawField, name, strings, 'code')] : value(raw, rawField, name, strings)),
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
		el('h1', { class: 'title' }, el('span', { class: 'title-label' }, `${s.task} `), ...value(v.taskId, 'TaskId', s.task, s, 'code'), ' ', copyButton('TaskId', s)),
		el(
			'p',
			{ class: `status status-${v.statusKind}` },
			statusIcon(v.statusKind),
			el('span', { class: 'visually-hidden' }, `${s.status}: `),
			// An unknown status is shown verbatim: statusLabel falls back to the raw value.
			...value(v.statusLabel, 'statusLabel', s.status, s),
		),
		el(
			'div',
			{ class: 'toolbar', attrs: { role: 'group', 'aria-label': s.actions } },
			button({ key: 'refresh', label: v.refreshing ? s.refreshing : s.refresh, icon: 'refresh', variant: 'primary', busy: v.refreshing, onClick: () => post({ type: 'refresh' }) }),
			button({ key: 'copyJson', label: s.copyJson, icon: 'copy', onClick: () => post({ type: 'copy', field: 'json' }) }),
			button({ key: 'openJson', label: s.openJson, icon: 'json', onClick: () => post({ type: 'openJson' }) }),
			button({ key: 'openConsole', label: s.openConsole, icon: 'external', onClick: () => post({ type: 'openConsole' }) }),
			v.retry?.offered ? button({ key: 'retryTask', label: s.retryTask, icon: 'refresh', variant: 'secondary', onClick: () => post({ type: 'retryTask' }) }) : null,
		),
		retryLinks(v, s),
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
				? el(
					'div',
					{ class: 'failure-body' },
					// A few lines at most, so a 5,000-character reason leaves the fields below in view.
					el('div', { class: 'failure-reason' }, ...clipped({ text: v.failureReason, key: 'FailureReason', limits: PARAGRAPH_LIMITS, tag: 'p', class: 'failure-text value', field: 'FailureReason', name: s.failureReason, strings: s })),
					copyButton('FailureReason', s),
				)
				: el('p', { class: 'failure-text muted' }, s.noFailureReason),
		)
		: null;
	const firstSeen = formatTime(v.firstSeen, locale);
	const changed = formatTime(v.statusChangedAt, locale);
	const fields = el(
		'dl',
		{ class: 'fields', attrs: { 'aria-label': s.details } },
		...row(s.taskType, worded(v.taskTypeLabel, v.taskType, 'taskTypeLabel', 'TaskType', s.taskType, s)),
		...row(
			s.roleConfiguration,
			el('span', { class: 'line' }, ...value(v.roleConfigurationName, 'RoleConfigurationName', s.roleConfiguration, s), v.roleConfigurationName ? copyButton('RoleConfigurationName', s) : null),
			el('span', { class: 'line' }, ...value(v.roleConfigurationId, 'RoleConfigurationId', s.roleConfiguration, s, 'code'), v.roleConfigurationId ? copyButton('RoleConfigurationId', s) : null),
			el('span', { class: 'line' }, filterButton('roleConfiguration', s.showForRoleConfiguration, v, s)),
		),
		...row(
			s.principal,
			v.context.principalSummary ? el('span', { class: 'line' }, ...value(v.context.principalSummary, 'summary:principal', s.principal, s)) : null,
			worded(v.principalTypeLabel, v.principalType, 'principalTypeLabel', 'PrincipalType', s.principal, s),
			el('span', { class: 'line' }, ...value(v.principalId, 'PrincipalId', s.principal, s, 'code'), v.principalId ? copyButton('PrincipalId', s) : null),
			el('span', { class: 'line' }, filterButton('principal', s.showForPrincipal, v, s)),
		),
		...row(
			s.target,
			v.context.accountSummary ? el('span', { class: 'line' }, ...value(v.context.accountSummary, 'summary:account', s.target, s)) : null,
			worded(v.targetTypeLabel, v.targetType, 'targetTypeLabel', 'TargetType', s.target, s),
			el('span', { class: 'line' }, ...value(v.targetUin, 'TargetUin', s.target, s, 'code'), copyButton('TargetUin', s)),
			el('span', { class: 'line' }, filterButton('account', s.showForAccount, v, s)),
		),
		// The service sends FailureReason on any status (often "", sometimes text): only a failed task has a
		// failure reason; on any other the text is shown under a neutral label.
		...(!failed && v.failureReason.length > 0
			? row(
				s.message,
				el(
					'span',
					{ class: 'line' },
					...clipped({ text: v.failureReason, key: 'FailureReason', limits: PARAGRAPH_LIMITS, class: 'value message-text', field: 'message', name: s.message, strings: s }),
					copyButton('FailureReason', s, s.copyMessage),
				),
			)
			: []),
		...row(s.firstSeen, firstSeen ?? s.notSeenChanging),
		...row(s.statusChanged, changed ?? s.notSeenChanging),
		...(v.statusKind === 'inProgress' && v.firstSeen !== undefined ? row(s.elapsed, el('span', { field: 'elapsed', attrs: { id: 'elapsed' } })) : []),
	);
	const json = el(
		'details',
		{ class: 'json', key: 'details:json' },
		el('summary', { key: 'summary:json' }, s.rawJson),
		// Focusable, so the keyboard can scroll a long JSON block.
		el('pre', { attrs: { tabindex: '0' } }, el('code', { field: 'json' }, v.json)),
	);
	return [header, ...banners, failure, fields, el('p', { class: 'muted note' }, s.observedNote), nowSection(v.now, s, locale), contextSection(v.context, s, locale), json];
}

/** "Retried as t-…" / "Retry of t-…": each ID a button that opens that task's panel. */
function retryLinks(v: TaskDetailView, s: DetailStrings): Child {
	const r = v.retry;
	if (!r || (r.retriedAs.length === 0 && r.retryOf === undefined)) {
		return null;
	}
	const link = (taskId: string): HTMLButtonElement => button({ key: `openTask:${taskId}`, label: taskId, variant: 'secondary', onClick: () => post({ type: 'openTask', taskId }) });
	return el(
		'p',
		{ class: 'retry-links', field: 'retryLinks' },
		...(r.retriedAs.length > 0 ? [el('span', {}, `${s.retriedAs}: `), ...r.retriedAs.map(link)] : []),
		...(r.retryOf !== undefined ? [el('span', {}, ` ${s.retryOf}: `), link(r.retryOf)] : []),
	);
}

// ---- who and where, and Now ---------------------------------------------------------------------------

function checkedLine(ms: number, field: string, s: DetailStrings, locale: string): HTMLElement {
	return el('span', { class: 'muted checked', field }, format(s.checkedAt, formatTime(ms, locale) ?? ''));
}

/** One part of who and where: its values, or why there are none (not found, an error, still looking). */
function contextGroup(key: string, heading: string, v: ContextSectionView, s: DetailStrings, locale: string): HTMLElement {
	const headingId = `context-${key}-heading`;
	const message = (cls: string, text: string): HTMLElement =>
		el('p', { class: `context-message ${cls}` }, ...clipped({ text, key: `${key}:message`, limits: PARAGRAPH_LIMITS, class: 'value', field: `${key}:${cls}`, name: heading, strings: s }));
	let body: Child[];
	switch (v.state) {
		case 'found':
			body = [
				el('dl', { class: 'fields context-fields' }, ...v.rows.flatMap((r) =>
					row(r.label, ...value(r.value, r.field, r.label, s, r.code ? 'code' : 'span'), r.omitted ? el('span', { class: 'muted omitted' }, ' ', format(s.omittedChars, r.omitted)) : null),
				)),
				checkedLine(v.checkedAt, `${key}:checkedAt`, s, locale),
			];
			break;
		case 'notFound':
			body = [message('notFound', v.message), checkedLine(v.checkedAt, `${key}:checkedAt`, s, locale)];
			break;
		case 'error':
			body = [message('error', v.message), checkedLine(v.checkedAt, `${key}:checkedAt`, s, locale)];
			break;
		case 'loading':
		case 'unavailable':
			body = [el('p', { class: 'context-message muted', field: `${key}:${v.state}` }, v.message)];
			break;
	}
	return el('div', { class: `context-group context-${v.state}`, attrs: { role: 'group', 'aria-labelledby': headingId } }, el('h3', { attrs: { id: headingId } }, heading), ...body);
}

function contextSection(v: TaskContextView, s: DetailStrings, locale: string): HTMLElement {
	return el(
		'section',
		{ class: 'context', attrs: { 'aria-labelledby': 'context-heading' } },
		el('h2', { attrs: { id: 'context-heading' } }, s.contextHeading),
		el(
			'div',
			{ class: 'context-grid' },
			contextGroup('principal', v.principalHeading, v.principal, s, locale),
			contextGroup('account', s.account, v.account, s, locale),
			contextGroup('roleConfiguration', s.roleConfiguration, v.roleConfiguration, s, locale),
		),
	);
}

const TONE_ICONS: Record<Exclude<Extract<NowItemView, { state: 'answered' }>['tone'], 'neutral'>, IconName> = { good: 'success', warning: 'warning', bad: 'failed' };

function nowItem(key: string, v: NowItemView, s: DetailStrings, locale: string, name: string): Child[] {
	switch (v.state) {
		case 'answered':
			return [
				el(
					'span',
					{ class: `line now-answer tone-${v.tone}` },
					v.tone === 'neutral' ? null : icon(TONE_ICONS[v.tone]),
					el('span', { class: 'value', field: `now:${key}` }, v.text),
					v.code && v.code !== v.text ? el('code', { class: 'value', field: `now:${key}Code`, attrs: { dir: 'auto' } }, v.code) : null,
				),
				checkedLine(v.checkedAt, `now:${key}CheckedAt`, s, locale),
			];
		case 'error':
			return [
				el('span', { class: 'line now-error' }, icon('failed'), ...clipped({ text: v.message, key: `now:${key}:error`, limits: PARAGRAPH_LIMITS, class: 'value', field: `now:${key}Error`, name, strings: s })),
				checkedLine(v.checkedAt, `now:${key}CheckedAt`, s, locale),
			];
		case 'pending':
		case 'notApplicable':
			return [el('span', { class: 'muted', field: `now:${key}` }, v.message)];
	}
}

function nowSection(v: NowView, s: DetailStrings, locale: string): HTMLElement {
	return el(
		'section',
		{ class: 'now', attrs: { 'aria-labelledby': 'now-heading', 'aria-busy': v.checking ? 'true' : undefined } },
		el(
			'div',
			{ class: 'section-header' },
			el('h2', { attrs: { id: 'now-heading' } }, s.nowHeading),
			button({ key: 'checkNow', label: v.checking ? s.checking : s.checkNow, icon: 'refresh', variant: 'secondary', busy: v.checking, disabled: !v.canCheck, onClick: () => post({ type: 'checkNow' }) }),
		),
		el('p', { class: 'muted note' }, s.nowIntro),
		el('dl', { class: 'fields now-fields' }, ...row(s.assignment, ...nowItem('assignment', v.assignment, s, locale, s.assignment)), ...row(s.provisioning, ...nowItem('provisioning', v.provisioning, s, locale, s.provisioning))),
	);
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
