import { shorten, type ShortenLimits } from '../../../model/shorten';
import { el, type Child } from './dom';

/**
 * A long API value, shortened (src/model/shorten.ts) with its whole text one click away: a real <button> after
 * it toggles between the two, with aria-expanded and aria-controls. Which values are shown whole is kept by
 * key across re-renders (the host re-posts state on every poll), so a refresh does not fold a value back.
 */

export interface ClipOptions {
	text: string;
	/** Identifies the value across re-renders; the toggle's data-key is `more:<key>`. */
	key: string;
	limits: ShortenLimits;
	tag?: 'span' | 'code' | 'p';
	class?: string;
	/** data-field of the value element, for the integration tests' snapshot. */
	field?: string;
	/** What the value is ("Failure reason"), so each toggle has its own accessible name. */
	name: string;
	strings: { showAll: string; showLess: string };
}

const expanded = new Set<string>();
let nextId = 0;

export function clipped(o: ClipOptions): Child[] {
	const short = shorten(o.text, o.limits);
	const value = el(o.tag ?? 'span', { class: o.class ?? 'value', field: o.field, attrs: { dir: 'auto' } });
	if (!short.shortened) {
		value.textContent = o.text;
		return [value];
	}
	value.id = `clip-${++nextId}`;
	value.classList.add('clipped');
	const label = el('span', {});
	const toggle = el(
		'button',
		{ class: 'link-button clip-toggle', key: `more:${o.key}`, attrs: { type: 'button', 'aria-controls': value.id } },
		label,
		// The visible words stay first in the accessible name (WCAG 2.5.3); the field name tells the toggles apart.
		el('span', { class: 'visually-hidden' }, ` (${o.name})`),
	);
	const apply = (whole: boolean): void => {
		value.textContent = whole ? o.text : short.text;
		value.classList.toggle('whole', whole);
		label.textContent = whole ? o.strings.showLess : o.strings.showAll;
		toggle.setAttribute('aria-expanded', String(whole));
	};
	toggle.addEventListener('click', () => {
		const whole = !expanded.has(o.key);
		if (whole) {
			expanded.add(o.key);
		} else {
			expanded.delete(o.key);
		}
		apply(whole);
	});
	apply(expanded.has(o.key));
	return [value, toggle];
}
