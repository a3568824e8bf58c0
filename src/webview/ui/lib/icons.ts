import type { StatusKind } from '../../protocol';

/**
 * Small line icons drawn for this extension (the codicon font is not shipped in media/). Only SVG geometry
 * attributes are set; colour and stroke come from the stylesheet, so the CSP needs no inline style.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

const PATHS = {
	copy: ['M5.5 5.5h7v8h-7z', 'M3.5 10.5v-8h7'],
	refresh: ['M13 8a5 5 0 1 1-1.6-3.7', 'M13 2v3h-3'],
	filter: ['M2 3h12l-4.5 5.5V13l-3 1.5v-6z'],
	external: ['M9 2.5h4.5V7', 'M13.5 2.5l-6 6', 'M11.5 9.5v4h-9v-9h4'],
	json: ['M5.5 2.5c-1.5 0-1.5 1-1.5 2.5s-1 2-1.5 3c.5 1 1.5 1.5 1.5 3s0 2.5 1.5 2.5', 'M10.5 2.5c1.5 0 1.5 1 1.5 2.5s1 2 1.5 3c-.5 1-1.5 1.5-1.5 3s0 2.5-1.5 2.5'],
	failed: ['M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z', 'M5.5 5.5l5 5', 'M10.5 5.5l-5 5'],
	success: ['M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z', 'M5 8.3l2 2l4-4.3'],
	inProgress: ['M13.5 8A5.5 5.5 0 0 1 3.2 10.7', 'M2.5 8A5.5 5.5 0 0 1 12.8 5.3', 'M13 2.5v3h-3', 'M3 13.5v-3h3'],
	unknown: ['M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z', 'M6.2 6.2a1.9 1.9 0 1 1 2.6 1.8c-.5.3-.8.6-.8 1.2v.6', 'M8 11.6v.2'],
	chart: ['M2.5 13.5h11', 'M4.5 11V7', 'M8 11V3.5', 'M11.5 11V6'],
	warning: ['M8 1.8l6.5 11.7h-13z', 'M8 6v3.6', 'M8 11.4v.2'],
} as const;

export type IconName = keyof typeof PATHS;

export function icon(name: IconName, extraClass = ''): SVGSVGElement {
	const svg = document.createElementNS(SVG_NS, 'svg');
	svg.setAttribute('viewBox', '0 0 16 16');
	svg.setAttribute('width', '16');
	svg.setAttribute('height', '16');
	svg.setAttribute('aria-hidden', 'true');
	svg.setAttribute('focusable', 'false');
	svg.setAttribute('class', `icon icon-${name}${extraClass ? ` ${extraClass}` : ''}`);
	for (const d of PATHS[name]) {
		const path = document.createElementNS(SVG_NS, 'path');
		path.setAttribute('d', d);
		svg.appendChild(path);
	}
	return svg;
}

export function statusIcon(kind: StatusKind): SVGSVGElement {
	return icon(kind);
}
