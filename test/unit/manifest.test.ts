import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// Lints package.json the way a reviewer would: the manifest is user-facing text and wiring that no compiler checks.
const root = path.resolve(__dirname, '../../..');
const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

interface CommandContribution {
	command: string;
	title: string;
	category?: string;
	icon?: string;
}
interface MenuItem {
	command?: string;
	submenu?: string;
	when?: string;
}
interface Manifest {
	engines: { vscode: string };
	activationEvents?: string[];
	devDependencies: Record<string, string>;
	contributes: {
		commands: CommandContribution[];
		views: Record<string, { id: string; name: string }[]>;
		viewsWelcome?: { view: string; contents: string; when?: string }[];
		menus: Record<string, MenuItem[]>;
		submenus?: { id: string; label: string }[];
		configuration: { properties: Record<string, { description?: string; markdownDescription?: string; scope?: string }> };
	};
	capabilities?: {
		untrustedWorkspaces?: { supported?: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
	};
}

const manifest = readJson('package.json') as unknown as Manifest;
const nlsEn = readJson('package.nls.json') as Record<string, string>;
const nlsZh = readJson('package.nls.zh-cn.json') as Record<string, string>;
const idsSource = fs.readFileSync(path.join(root, 'src/ids.ts'), 'utf8');

function resolveEn(value: string): string {
	const m = /^%(.+)%$/.exec(value);
	return m ? (nlsEn[m[1]] ?? `<missing ${m[1]}>`) : value;
}

/** Context keys declared in the typed ContextKeys interface of src/ids.ts. */
function declaredContextKeys(): Set<string> {
	const body = /export interface ContextKeys \{([\s\S]*?)\n\}/.exec(idsSource)?.[1] ?? '';
	return new Set([...body.matchAll(/'([^']+)':/g)].map((m) => m[1]));
}

function allWhenClauses(): string[] {
	const clauses: string[] = [];
	for (const items of Object.values(manifest.contributes.menus)) {
		for (const item of items) {
			if (item.when) {
				clauses.push(item.when);
			}
		}
	}
	for (const welcome of manifest.contributes.viewsWelcome ?? []) {
		if (welcome.when) {
			clauses.push(welcome.when);
		}
	}
	return clauses;
}

// Words VS Code's own command titles keep lower-case inside Title Case.
const MINOR_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

function isTitleCase(title: string): boolean {
	const words = title.replace(/…$/, '').split(/[\s/]+/).filter(Boolean);
	return words.every((word, i) => {
		const bare = word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
		if (!bare) {
			return true;
		}
		if (i > 0 && MINOR_WORDS.has(bare)) {
			return true;
		}
		return bare[0] === bare[0].toUpperCase();
	});
}

describe('package.json manifest', () => {
	it('targets VS Code ^1.100.0 with matching @types/vscode and never activates on *', () => {
		assert.equal(manifest.engines.vscode, '^1.100.0');
		assert.match(manifest.devDependencies['@types/vscode'], /^\^?1\.100\./);
		assert.ok(!(manifest.activationEvents ?? []).includes('*'));
	});

	it('gives every command the "CIC Tasks" category and a Title Case title', () => {
		assert.ok(manifest.contributes.commands.length > 0);
		for (const c of manifest.contributes.commands) {
			assert.equal(resolveEn(c.category ?? ''), 'CIC Tasks', `${c.command} category`);
			const title = resolveEn(c.title);
			assert.ok(isTitleCase(title), `${c.command} title "${title}" is not Title Case`);
		}
	});

	it('uses command ids declared in src/ids.ts and declares every command it menus', () => {
		const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
		for (const c of contributed) {
			assert.ok(idsSource.includes(`'${c}'`), `${c} is not declared in src/ids.ts`);
		}
		for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
			for (const item of items) {
				if (item.command) {
					assert.ok(contributed.has(item.command), `menu ${menu} names undeclared ${item.command}`);
				}
			}
		}
	});

	it('names only declared views and context keys in when clauses', () => {
		const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => v.id));
		const keys = declaredContextKeys();
		const builtIn = new Set(['view', 'viewItem', 'false', 'true', 'focusedView', 'listMultiSelection', 'viewContainer']);
		for (const clause of allWhenClauses()) {
			for (const m of clause.matchAll(/\bview\s*==\s*([\w.]+)/g)) {
				assert.ok(views.has(m[1]), `when "${clause}" names unknown view ${m[1]}`);
			}
			const identifiers = clause
				.replace(/'[^']*'|"[^"]*"|\/(?:\\.|[^/])+\/[a-z]*/g, ' ')
				// The right side of == / != is a literal value, not a key.
				.replace(/(==|!=)\s*[^\s&|)]+/g, ' ')
				.split(/[^\w.:-]+/)
				.filter((t) => /^[A-Za-z]/.test(t));
			for (const identifier of identifiers) {
				if (builtIn.has(identifier) || identifier.startsWith('config.') || views.has(identifier) || /^cicTasks\.tasks$/.test(identifier)) {
					continue;
				}
				if (/^(in|not)$/.test(identifier) || /^[A-Z]/.test(identifier)) {
					continue;
				}
				assert.ok(keys.has(identifier), `when "${clause}" uses undeclared context key ${identifier}`);
			}
		}
	});

	it('hides commands that need a tree item from the Command Palette', () => {
		const itemCommands = new Set((manifest.contributes.menus['view/item/context'] ?? []).map((i) => i.command));
		const palette = new Map((manifest.contributes.menus['commandPalette'] ?? []).map((i) => [i.command, i.when]));
		for (const command of itemCommands) {
			if (!command) {
				continue;
			}
			assert.ok(palette.has(command), `${command} is a tree-item command but has no commandPalette entry`);
		}
	});

	it('resolves every %key% in both English and Chinese, with the same key sets', () => {
		const text = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
		const keys = [...text.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
		assert.ok(keys.length > 5);
		for (const key of keys) {
			assert.ok(nlsEn[key], `package.nls.json lacks ${key}`);
			assert.ok(nlsZh[key], `package.nls.zh-cn.json lacks ${key}`);
		}
		assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nlsEn).sort());
	});

	// Issue 13: a cloned repository's .vscode/settings.json must not redirect the signed requests or raise the load.
	const USER_ONLY = ['cicTasks.site', 'cicTasks.endpoint', 'cicTasks.pageSize', 'cicTasks.loadAllThreshold', 'cicTasks.autoRefresh.interval', 'cicTasks.autoRefresh.backgroundCheckInterval', 'cicTasks.requestsPerSecond', 'cicTasks.allowChanges'];
	const SAFE_PER_WORKSPACE = ['cicTasks.groupBy', 'cicTasks.notifyOn', 'cicTasks.savedViews', 'cicTasks.language'];

	it('scopes the settings that decide where credentials go or how hard the API is hit to the user, and classifies every setting', () => {
		const properties = manifest.contributes.configuration.properties;
		for (const key of USER_ONLY) {
			assert.ok(properties[key], `${key} is not contributed`);
			assert.ok(['application', 'machine'].includes(properties[key].scope ?? 'window'), `${key} has scope ${properties[key].scope ?? 'window (the default)'}: a workspace could set it`);
		}
		const unclassified = Object.keys(properties).filter((k) => !USER_ONLY.includes(k) && !SAFE_PER_WORKSPACE.includes(k));
		assert.deepEqual(unclassified, [], 'a new setting: decide whether a workspace may set it, and list it in USER_ONLY or SAFE_PER_WORKSPACE');
		// readSettings() reads exactly these from the user's value only.
		const settingsSource = fs.readFileSync(path.join(root, 'src/host/settings.ts'), 'utf8');
		const declared = /export const USER_ONLY_SETTINGS = \[([^\]]*)\]/.exec(settingsSource)?.[1] ?? '';
		assert.deepEqual([...declared.matchAll(/'([^']+)'/g)].map((m) => `cicTasks.${m[1]}`).sort(), [...USER_ONLY].sort(), 'USER_ONLY_SETTINGS in src/host/settings.ts');
	});

	it('declares limited support for untrusted workspaces, restricting exactly the user-only settings', () => {
		const untrusted = manifest.capabilities?.untrustedWorkspaces;
		assert.ok(untrusted, 'no capabilities.untrustedWorkspaces');
		assert.equal(untrusted.supported, 'limited');
		assert.match(untrusted.description ?? '', /^%.+%$/, 'the description comes from package.nls*.json');
		assert.ok(resolveEn(untrusted.description ?? '').length > 20);
		assert.deepEqual([...(untrusted.restrictedConfigurations ?? [])].sort(), [...USER_ONLY].sort());
	});

	it('documents every setting', () => {
		for (const [key, prop] of Object.entries(manifest.contributes.configuration.properties)) {
			assert.ok(prop.description || prop.markdownDescription, `${key} has no description`);
		}
	});
});

describe('l10n bundle', () => {
	it('translates every vscode.l10n.t string used in src/', () => {
		const bundle = readJson('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
		const missing: string[] = [];
		const used = new Set<string>();
		const walk = (dir: string): void => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const p = path.join(dir, entry.name);
				if (entry.isDirectory()) {
					walk(p);
				} else if (entry.name.endsWith('.ts')) {
					const source = fs.readFileSync(p, 'utf8');
					for (const m of source.matchAll(/l10n\.t\(\s*'((?:\\.|[^'\\])*)'/g)) {
						const key = m[1].replace(/\\'/g, "'").replace(/\\\\/g, '\\');
						used.add(key);
						if (!bundle[key]) {
							missing.push(`${path.relative(root, p)}: ${key}`);
						}
					}
				}
			}
		};
		walk(path.join(root, 'src'));
		assert.deepEqual(missing, []);
		// And nothing else: a string no code asks for any more is a translation nobody checks.
		assert.deepEqual(Object.keys(bundle).filter((key) => !used.has(key)), [], 'translations of strings no code uses');
	});
});
