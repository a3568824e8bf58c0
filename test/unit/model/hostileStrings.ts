import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * The hostile corpus (test/fixtures/hostile-strings.json) and VS Code's own parsers, copied here as data so the
 * tests check inertness the way the workbench decides it, not the way our helper thinks about it.
 */

/**
 * microsoft/vscode src/vs/base/common/linkedText.ts `LINK_REGEX`, used by the notifications
 * (src/vs/workbench/common/notifications.ts, NotificationViewItem.parseNotificationMessage) and by QuickInput
 * messages; byte for byte the same in code-server 4.100.3 (VS Code 1.100.3), the version the integration
 * suite runs, lib/vscode/out/vs/code/browser/workbench/workbench.js.
 */
export const VSCODE_LINK_REGEX = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^\)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

/**
 * microsoft/vscode src/vs/base/browser/ui/iconLabel/iconLabels.ts `renderLabelWithIcons` (ThemeIcon.iconNameExpression
 * and iconModifierExpression): what labels draw as an icon; group 1 set means escaped, drawn as text.
 */
export const VSCODE_ICON_REGEX = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;

/** NotificationViewItem.MAX_MESSAGE_LENGTH. */
const NOTIFICATION_MAX = 1000;

/** The links VS Code would render in a notification with this message, after its own cut and newline folding. */
export function notificationLinks(message: string): { label: string; href: string }[] {
	let text = message.length > NOTIFICATION_MAX ? `${message.substr(0, NOTIFICATION_MAX)}...` : message;
	text = text.replace(/(\r\n|\n|\r)/gm, ' ').trim();
	const links: { label: string; href: string }[] = [];
	const regex = new RegExp(VSCODE_LINK_REGEX.source, VSCODE_LINK_REGEX.flags);
	let match: RegExpExecArray | null;
	while ((match = regex.exec(text))) {
		links.push({ label: match[1], href: match[2] });
	}
	return links;
}

/** Icons a label would draw from this text (escaped ones are drawn as text and not counted). */
export function iconsIn(text: string): string[] {
	return [...text.matchAll(new RegExp(VSCODE_ICON_REGEX.source, 'g'))].filter((m) => !m[1]).map((m) => m[2]);
}

function repoRoot(): string {
	let dir = __dirname;
	while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'test', 'fixtures'))) {
		const up = path.dirname(dir);
		if (up === dir) {
			throw new Error(`no repository root above ${__dirname}`);
		}
		dir = up;
	}
	return dir;
}

interface Corpus {
	hostile: { name: string; value: string }[];
	generated: { name: string; repeat: string; length: number; suffix?: string }[];
	ordinary: string[];
}

const corpus = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'hostile-strings.json'), 'utf8')) as Corpus;

/** Every hostile value, the generated long ones included. */
export const HOSTILE: readonly { name: string; value: string }[] = [
	...corpus.hostile,
	...corpus.generated.map((g) => ({ name: g.name, value: g.repeat.repeat(Math.ceil(g.length / g.repeat.length)).slice(0, g.length) + (g.suffix ?? '') })),
];

/** Text that must come back unchanged. */
export const ORDINARY: readonly string[] = corpus.ordinary;

const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
const INVISIBLE_OR_CONTROL = /[\p{Cf}\p{Cc}\u2028\u2029]/u;

/**
 * Asserts that `text` is inert wherever it is shown: no link in a notification, no icon in a label, no bidi
 * control or invisible character, one line. `ownIcons` are the icon prefixes our own code puts in front.
 */
export function assertInert(text: string | undefined, where: string, ownIcons: readonly string[] = []): void {
	if (text === undefined) {
		return;
	}
	assert.deepEqual(notificationLinks(text), [], `${where}: a link in ${JSON.stringify(text.slice(0, 200))}`);
	let rest = text;
	for (const icon of ownIcons) {
		rest = rest.startsWith(`$(${icon}) `) ? rest.slice(icon.length + 4) : rest;
	}
	assert.deepEqual(iconsIn(rest), [], `${where}: an icon in ${JSON.stringify(text.slice(0, 200))}`);
	assert.ok(!rest.includes('$('), `${where}: "$(" in ${JSON.stringify(text.slice(0, 200))}`);
	assert.ok(!BIDI.test(text), `${where}: a bidi control in ${JSON.stringify(text.slice(0, 200))}`);
	assert.ok(!INVISIBLE_OR_CONTROL.test(text), `${where}: an invisible or control character in ${JSON.stringify(text.slice(0, 200))}`);
}
