/**
 * The only way these pages create DOM: elements by tag, text always as Text nodes (never parsed as HTML),
 * attributes through setAttribute with event handlers, URLs and inline styles refused. Nothing here reads
 * or writes innerHTML.
 */

export type Child = Node | string | number | false | null | undefined;

export interface Props {
	class?: string;
	attrs?: Record<string, string | undefined>;
	/** data-key: identifies an interactive element across re-renders (focus, disclosure state, test clicks). */
	key?: string;
	/** data-field: marks an element that shows one value, for the integration tests' snapshot. */
	field?: string;
}

/** Attributes that could run script, load something or style inline; never set from here. */
const FORBIDDEN_ATTRIBUTE = /^(?:on|style$|href$|src$|srcset$|srcdoc$|action$|formaction$|xlink:href$|data$)/i;
const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'object', 'embed', 'a', 'img', 'style', 'link', 'form', 'base', 'meta', 'template']);

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
	if (FORBIDDEN_TAGS.has(tag)) {
		throw new Error(`el: <${tag}> is not allowed`);
	}
	const element = document.createElement(tag);
	if (props.class) {
		element.className = props.class;
	}
	for (const [name, value] of Object.entries(props.attrs ?? {})) {
		if (value === undefined) {
			continue;
		}
		if (FORBIDDEN_ATTRIBUTE.test(name)) {
			throw new Error(`el: attribute ${name} is not allowed`);
		}
		element.setAttribute(name, value);
	}
	if (props.key !== undefined) {
		element.dataset.key = props.key;
	}
	if (props.field !== undefined) {
		element.dataset.field = props.field;
	}
	append(element, children);
	return element;
}

export function append(parent: Node, children: readonly Child[]): void {
	for (const child of children) {
		if (child === null || child === undefined || child === false) {
			continue;
		}
		parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
	}
}

/** "{0} of {1}" with the arguments as plain text; the template is a localized string from the host. */
export { format, formatCount } from '../../text';

/**
 * Replaces the page's content and puts back what a re-render would lose: keyboard focus (by data-key) and
 * which disclosures were open.
 */
export function renderInto(root: HTMLElement, content: readonly Child[]): void {
	const active = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.key : undefined;
	const open = new Set<string>();
	for (const details of root.querySelectorAll('details')) {
		if (details.open && details.dataset.key) {
			open.add(details.dataset.key);
		}
	}
	root.replaceChildren();
	append(root, content);
	for (const details of root.querySelectorAll('details')) {
		if (details.dataset.key && open.has(details.dataset.key)) {
			details.open = true;
		}
	}
	if (active !== undefined) {
		findByKey(active)?.focus();
	}
	root.removeAttribute('aria-busy');
}

/** Compared as strings, not through a CSS selector: keys can hold API values. */
export function findByKey(key: string): HTMLElement | undefined {
	for (const element of document.querySelectorAll<HTMLElement>('[data-key]')) {
		if (element.dataset.key === key) {
			return element;
		}
	}
	return undefined;
}

/** Speaks a message once through the page's aria-live region (emptied first so a repeat is heard too). */
export function announce(text: string): void {
	const region = document.getElementById('announcer');
	if (!region) {
		return;
	}
	region.textContent = '';
	setTimeout(() => {
		region.textContent = text;
	}, 100);
}
