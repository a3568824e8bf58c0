import * as os from 'node:os';
import * as vscode from 'vscode';
import { isAuthFailure, isTencentCloudError, TencentCloudError, type Credentials, type Language } from '../api';
import { validateEndpoint, validateSecretId, validateSecretKey, validateSessionToken, validateZoneId } from '../model/validators';
import { profilePickText } from '../model/displayText';
import { describeError, describeErrorText } from '../model/errorDescription';
import { inertText } from '../model/inertText';
import { uniqueProfileName } from '../model/profileNames';
import { sampleKeyNote, withSampleKeyLabel } from '../model/sampleKeyLabel';
import { discoverZone, probeKeys, zoneLabel, type DiscoveredZone } from '../model/zoneDiscovery';
import { endpointFor, type ClientFactory } from '../host/connection';
import { toAbortSignal } from '../host/cancellation';
import type { ImportOrigin } from '../host/credentialImport';
import { describeRejectedImport } from '../host/importedKeys';
import type { ExtensionLog } from '../host/log';
import { forgetNamesOfZone } from '../host/nameCacheStorage';
import { notifyError, notifyInfo, notifyWarning } from '../host/notify';
import type { Profile, ProfileStore } from '../host/profiles';
import { apiLanguage, readSettings, type Site } from '../host/settings';

/** What the prompts collect; Import Credentials passes them directly, and tests through testArguments.ts. */
export interface AddCredentialsArgs {
	name?: string;
	site?: Site | 'custom';
	endpoint?: string;
	secretId: string;
	secretKey: string;
	token?: string;
	zoneId?: string;
	/** Import Credentials only: where the keys were read, so a rejection names the variable or file to fix. */
	origin?: ImportOrigin;
	/** Test mode only: skip the live check. A production build ignores it. */
	skipCheck?: boolean;
}

/** Test mode only (testArguments.ts): which profile to remove, and `confirm: false` to skip the dialog. */
export interface RemoveCredentialsArgs {
	profileId?: string;
	confirm?: boolean;
}

export type CredentialCheck =
	| {
		ok: true;
		/** The keys work, but something stands in the way (CIC not open, the zone not found): what and what to do. */
		warning?: string;
		/** The zone DescribeIdentityCenter answered with, when no zone was given. */
		zone?: DiscoveredZone;
		/** Why the zone could not be found (e.g. CAM does not allow DescribeIdentityCenter): the user types it. */
		zoneFallback?: string;
	}
	| { ok: false; message: string; canSaveAnyway: boolean };

/**
 * The live check before keys are saved, through the model (zoneDiscovery.ts): DescribeIdentityCenter when no zone
 * was given, to find it, then one ListTasks MaxResults=1 in that zone. The client comes from the shared factory,
 * so the check waits its turn in the one rate limiter like every other request. `origin` names where imported keys
 * came from, so a rejection says what to fix there.
 */
export async function checkCredentials(
	clients: ClientFactory,
	endpoint: string,
	credentials: Credentials,
	zoneId: string | undefined,
	log: ExtensionLog,
	token?: vscode.CancellationToken,
	origin?: ImportOrigin,
): Promise<CredentialCheck> {
	const settings = readSettings();
	const language = apiLanguage(settings.language);
	log.addSecret(credentials.secretKey);
	log.addSecret(credentials.token);
	const cancel = token ? toAbortSignal(token) : undefined;
	const failure = (error: unknown): CredentialCheck => ({
		ok: false,
		message: `${describeFailure(error, language, origin)}${sampleKeyNote(credentials.secretId, vscode.l10n)}`,
		// Auth failures are definitive; network trouble may be local, so saving anyway stays possible.
		canSaveAnyway: !isAuthFailure(error),
	});
	try {
		const client = clients.create(endpoint, () => Promise.resolve(credentials), settings);
		let zone: DiscoveredZone | undefined;
		let zoneFallback: string | undefined;
		if (!zoneId) {
			const found = await discoverZone(client, cancel?.signal);
			switch (found.kind) {
				case 'found':
					zone = found.zone;
					break;
				case 'notOpen':
					// The service answered a signed request: the keys work, and there is no zone to show yet.
					return { ok: true, warning: describeErrorText(found.error ?? new TencentCloudError('FailedOperation.IdentityCenterNotOpen', ''), language) };
				case 'rejected':
				case 'unreachable':
					return failure(found.error);
				case 'notAllowed':
				case 'unavailable':
					zoneFallback = describeErrorText(found.error, language);
					break;
			}
		}
		const probe = await probeKeys(client, zone?.zoneId ?? zoneId, cancel?.signal);
		if (probe.kind === 'failed') {
			return failure(probe.error);
		}
		const warning = probe.kind === 'zoneProblem' ? describeErrorText(probe.error, language) : undefined;
		return { ok: true, ...(warning ? { warning } : {}), ...(zone ? { zone } : {}), ...(zoneFallback ? { zoneFallback } : {}) };
	} finally {
		cancel?.dispose();
	}
}

/** A failed check in words: for imported keys, the variable or file to fix instead of "Re-enter the SecretKey". */
function describeFailure(error: unknown, language: Language, origin: ImportOrigin | undefined): string {
	const d = describeError(error, language);
	const imported = origin && isTencentCloudError(error) ? describeRejectedImport(origin, error.code, os.homedir(), vscode.l10n) : undefined;
	return `${d.title}: ${imported ?? d.advice}`;
}

/** What Edit and Retry fills the steps with: everything the user typed except the SecretKey. */
type Prefill = Omit<AddCredentialsArgs, 'secretKey' | 'skipCheck'>;

async function promptSite(current: Profile | undefined, prefill: Prefill | undefined): Promise<{ site: Site | 'custom'; endpoint?: string } | undefined> {
	const items: (vscode.QuickPickItem & { site: Site | 'custom' })[] = [
		{ label: vscode.l10n.t('China site'), description: 'organization.tencentcloudapi.com', site: 'china' },
		{ label: vscode.l10n.t('International site'), description: 'organization.intl.tencentcloudapi.com', site: 'international' },
		{ label: vscode.l10n.t('Custom endpoint…'), description: vscode.l10n.t('https, or http to localhost, 127.0.0.1 or [::1] only'), site: 'custom' },
	];
	// The site chosen last time first, so Enter keeps it.
	const previous = items.findIndex((item) => item.site === prefill?.site);
	if (previous > 0) {
		items.unshift(...items.splice(previous, 1));
	}
	const picked = await vscode.window.showQuickPick(items, {
		title: vscode.l10n.t('Add Credentials: Site'),
		placeHolder: vscode.l10n.t('Which Tencent Cloud site does this account use?'),
		ignoreFocusOut: true,
	});
	if (!picked) {
		return undefined;
	}
	if (picked.site !== 'custom') {
		return { site: picked.site };
	}
	const endpoint = await vscode.window.showInputBox({
		title: vscode.l10n.t('Add Credentials: Endpoint'),
		value: prefill?.endpoint ?? current?.endpoint ?? 'https://',
		prompt: vscode.l10n.t('The API endpoint, e.g. https://organization.tencentcloudapi.com'),
		validateInput: (v) => validateEndpoint(v.trim()),
		ignoreFocusOut: true,
	});
	return endpoint === undefined ? undefined : { site: 'custom', endpoint: endpoint.trim() };
}

/** The name step: a new unique name pre-filled, and a modal question before an existing profile's keys are replaced. */
async function promptName(profiles: ProfileStore, prefill: Prefill | undefined): Promise<string | undefined> {
	const names = profiles.list().map((p) => p.name);
	let value = prefill?.name ?? uniqueProfileName('default', names);
	for (;;) {
		const typed = await vscode.window.showInputBox({
			title: vscode.l10n.t('Add Credentials: Profile Name'),
			value,
			prompt: vscode.l10n.t('A name for this key pair; an existing name replaces that profile\'s keys'),
			validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a name.')),
			ignoreFocusOut: true,
		});
		if (typed === undefined) {
			return undefined;
		}
		const name = typed.trim();
		// Edit and Retry comes back with a name the user already agreed to replace.
		if (!names.includes(name) || name === prefill?.name) {
			return name;
		}
		// Asked in the QuickInput itself, keeping both first: Enter twice never replaces keys.
		const keepBoth = { label: vscode.l10n.t('Choose another name'), description: vscode.l10n.t('Choose another name to keep both.'), replace: false };
		const replace = { label: vscode.l10n.t('Replace its keys'), replace: true };
		const choice = await vscode.window.showQuickPick([keepBoth, replace], {
			title: vscode.l10n.t('Add Credentials: Replace Profile?'),
			placeHolder: vscode.l10n.t('A profile named "{0}" exists. Replace its keys?', inertText(name)),
			ignoreFocusOut: true,
		});
		if (choice?.replace) {
			return name;
		}
		value = uniqueProfileName(name, names);
	}
}

async function promptArgs(profiles: ProfileStore, prefill?: Prefill): Promise<AddCredentialsArgs | undefined> {
	const current = profiles.active();
	const name = await promptName(profiles, prefill);
	if (name === undefined) {
		return undefined;
	}
	const site = await promptSite(current, prefill);
	if (!site) {
		return undefined;
	}
	const secretId = await vscode.window.showInputBox({
		title: vscode.l10n.t('Add Credentials: SecretId'),
		value: prefill?.secretId ?? '',
		prompt: vscode.l10n.t('From the CAM console, API Keys (starts with AKID)'),
		validateInput: (v) => validateSecretId(v.trim()),
		ignoreFocusOut: true,
	});
	if (secretId === undefined) {
		return undefined;
	}
	const secretKey = await vscode.window.showInputBox({
		title: vscode.l10n.t('Add Credentials: SecretKey'),
		prompt: vscode.l10n.t('Stored only in VS Code\'s secret storage'),
		password: true,
		validateInput: (v) => validateSecretKey(v.trim()),
		ignoreFocusOut: true,
	});
	if (secretKey === undefined) {
		return undefined;
	}
	const token = await vscode.window.showInputBox({
		title: vscode.l10n.t('Add Credentials: Session Token (Optional)'),
		value: prefill?.token ?? '',
		prompt: vscode.l10n.t('Only for temporary credentials; leave empty for a permanent key pair'),
		password: true,
		validateInput: (v) => (v.trim() ? validateSessionToken(v.trim()) : undefined),
		ignoreFocusOut: true,
	});
	if (token === undefined) {
		return undefined;
	}
	return {
		name,
		site: site.site,
		endpoint: site.endpoint,
		secretId: secretId.trim(),
		secretKey: secretKey.trim(),
		token: token.trim() || undefined,
		// No zone step: the check asks DescribeIdentityCenter, and only if it cannot answer is the zone typed.
		zoneId: prefill?.zoneId,
	};
}

/**
 * The zone typed by hand, when DescribeIdentityCenter could not name it: `reason` says why (for a CAM denial, the
 * action to allow). Empty means "later, with Select Zone…"; undefined means the user cancelled.
 */
async function promptZoneFallback(reason: string): Promise<string | undefined> {
	const zoneId = await vscode.window.showInputBox({
		title: vscode.l10n.t('Add Credentials: Zone ID'),
		value: '',
		prompt: vscode.l10n.t('The zone could not be found automatically. {0} Type the CIC zone ID (z-…) from the Identity Center overview page, or leave this empty and choose it later with Select Zone….', inertText(reason)),
		validateInput: (v) => (v.trim() ? validateZoneId(v.trim()) : undefined),
		ignoreFocusOut: true,
	});
	return zoneId?.trim();
}

function firstProblem(args: AddCredentialsArgs): string | undefined {
	return (
		validateSecretId(args.secretId) ??
		validateSecretKey(args.secretKey) ??
		(args.token ? validateSessionToken(args.token) : undefined) ??
		(args.zoneId ? validateZoneId(args.zoneId) : undefined) ??
		(args.site === 'custom' ? validateEndpoint(args.endpoint ?? '') : undefined)
	);
}

/** Add Credentials…: prompts (or takes args), checks the keys live, then saves them to SecretStorage. */
export async function addCredentials(profiles: ProfileStore, log: ExtensionLog, clients: ClientFactory, given?: AddCredentialsArgs, extra?: Partial<Profile>): Promise<Profile | undefined> {
	let prefill: Prefill | undefined;
	for (;;) {
		const args = given ?? (await promptArgs(profiles, prefill));
		if (!args) {
			return undefined;
		}
		const outcome = await checkAndSave(profiles, log, clients, args, extra, given === undefined);
		if (outcome !== 'editAndRetry') {
			return outcome;
		}
		// Everything but the SecretKey, which the user types again.
		prefill = { name: args.name, site: args.site, endpoint: args.endpoint, secretId: args.secretId, token: args.token, zoneId: args.zoneId };
	}
}

/** Checks the keys live and saves them; a failed check on prompted values may come back as Edit and Retry. */
async function checkAndSave(
	profiles: ProfileStore,
	log: ExtensionLog,
	clients: ClientFactory,
	args: AddCredentialsArgs,
	extra: Partial<Profile> | undefined,
	prompted: boolean,
): Promise<Profile | undefined | 'editAndRetry'> {
	const problem = firstProblem(args);
	if (problem) {
		throw new Error(problem);
	}
	const credentials: Credentials = args.token
		? { secretId: args.secretId, secretKey: args.secretKey, token: args.token }
		: { secretId: args.secretId, secretKey: args.secretKey };
	const site = args.site ?? readSettings().site;
	const endpoint = endpointFor({ site, endpoint: args.endpoint }, readSettings());
	let zoneId = args.zoneId;
	let zoneName: string | undefined;
	if (!(__CIC_TEST_HOOKS__ && args.skipCheck)) {
		const check = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the credentials and finding the zone…'), cancellable: true },
			(_progress, token) => checkCredentials(clients, endpoint, credentials, args.zoneId, log, token, args.origin),
		);
		if (!check.ok) {
			log.warn(`Credentials check failed: ${check.message}`);
			const saveAnyway = vscode.l10n.t('Save Anyway');
			const editAndRetry = vscode.l10n.t('Edit and Retry');
			const buttons = [...(prompted ? [editAndRetry] : []), ...(check.canSaveAnyway ? [saveAnyway] : [])];
			const message = check.canSaveAnyway ? check.message : vscode.l10n.t('The credentials were not saved. {0}', check.message);
			// Without a button the message is only news: not awaited, so the command does not wait on it.
			const choice = buttons.length > 0 ? await notifyError(log.forDisplay(message), ...buttons) : (void notifyError(log.forDisplay(message)), undefined);
			if (choice === editAndRetry) {
				return 'editAndRetry';
			}
			if (choice !== saveAnyway) {
				return undefined;
			}
		} else {
			if (check.zone) {
				zoneId = check.zone.zoneId;
				zoneName = check.zone.zoneName;
				log.info(`DescribeIdentityCenter: zone "${zoneName}" (${zoneId}).`);
			} else if (check.zoneFallback) {
				log.warn(`The zone could not be found with DescribeIdentityCenter: ${check.zoneFallback}`);
				if (prompted) {
					const typed = await promptZoneFallback(check.zoneFallback);
					if (typed === undefined) {
						return undefined;
					}
					zoneId = typed || undefined;
				} else {
					void notifyWarning(log.forDisplay(vscode.l10n.t('The zone could not be found automatically. {0} Choose it with Select Zone….', check.zoneFallback)));
				}
			}
			if (check.warning) {
				log.warn(`Credentials check: ${check.warning}`);
				void notifyWarning(log.forDisplay(check.warning));
			}
		}
	}
	const profile = await profiles.save(
		{ name: args.name ?? 'default', site, endpoint: site === 'custom' ? args.endpoint : undefined, zoneId, zoneName, ...extra },
		credentials,
	);
	log.info(`Saved credentials for profile "${profile.name}" (${profile.secretIdHint}) in secret storage.`);
	return profile;
}

/**
 * Sign Out / Remove Credentials: deletes a profile's keys from SecretStorage after confirmation, and its zone's
 * saved names; `forgetZone` drops what else is kept of that zone (its retry links).
 */
export async function removeCredentials(profiles: ProfileStore, log: ExtensionLog, given?: RemoveCredentialsArgs, forgetZone?: (zoneId: string) => void): Promise<void> {
	const all = profiles.list();
	if (all.length === 0) {
		void notifyInfo(vscode.l10n.t('There are no saved credentials to remove.'));
		return;
	}
	const confirmed = __CIC_TEST_HOOKS__ && given?.confirm === false;
	let target = given?.profileId === undefined ? undefined : all.find((p) => p.id === given.profileId);
	if (!target) {
		const picked = all.length === 1
			? { profile: all[0] }
			: await vscode.window.showQuickPick(
				all.map((p) => ({ label: inertText(p.name), description: withSampleKeyLabel(inertText(p.secretIdHint), p.secretIdHint, vscode.l10n), detail: p.zoneId && inertText(p.zoneId), profile: p })),
				{ title: vscode.l10n.t('Remove Credentials'), placeHolder: vscode.l10n.t('Which profile\'s keys should be removed?') },
			);
		target = picked?.profile;
	}
	if (!target) {
		return;
	}
	if (!confirmed) {
		const remove = vscode.l10n.t('Remove');
		const answer = await notifyWarning(
			vscode.l10n.t('Remove the keys of profile "{0}" ({1}) from this machine?', inertText(target.name), inertText(target.secretIdHint)),
			{ modal: true },
			remove,
		);
		if (answer !== remove) {
			return;
		}
	}
	await profiles.remove(target.id);
	await forgetNamesOfZone(target.zoneId);
	if (target.zoneId) {
		forgetZone?.(target.zoneId);
	}
	log.info(`Removed credentials of profile "${target.name}".`);
}

/** Switch Profile…: a QuickPick of the saved profiles. */
export async function switchProfile(profiles: ProfileStore, raw?: unknown): Promise<void> {
	const all = profiles.list();
	const byArg = typeof raw === 'string' ? all.find((p) => p.id === raw || p.name === raw) : undefined;
	if (byArg) {
		await profiles.setActive(byArg.id);
		return;
	}
	const active = profiles.active();
	type Item = vscode.QuickPickItem & { profile?: Profile; command?: string };
	const items: Item[] = all.map((p) => ({
		...profilePickText({ ...p, secretIdHint: withSampleKeyLabel(p.secretIdHint, p.secretIdHint, vscode.l10n) }, p.id === active?.id),
		profile: p,
	}));
	items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
	items.push({ label: `$(add) ${vscode.l10n.t('Add Credentials…')}`, command: 'cicTasks.addCredentials' });
	items.push({ label: `$(beaker) ${vscode.l10n.t('Explore Sample Data')}`, command: 'cicTasks.exploreSampleData' });
	const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Switch Profile'), placeHolder: vscode.l10n.t('Profile to show tasks for') });
	if (picked?.profile) {
		await profiles.setActive(picked.profile.id);
	} else if (picked?.command) {
		await vscode.commands.executeCommand(picked.command);
	}
}

/**
 * Select Zone…: the CIC zone (z-…) of the active profile, remembered per profile. A QuickPick offers the zone that
 * DescribeIdentityCenter finds for the profile's keys (looked up while the picker is open), the current one, and
 * typing an ID; a string argument (a zone ID a user could type) sets it directly.
 */
export async function selectZone(profiles: ProfileStore, clients: ClientFactory, log: ExtensionLog, raw?: unknown): Promise<void> {
	const active = profiles.active();
	if (!active) {
		throw new Error(vscode.l10n.t('Add credentials before selecting a zone.'));
	}
	const chosen = typeof raw === 'string' ? { zoneId: raw.trim(), zoneName: undefined } : await pickZone(active, profiles, clients, log);
	if (chosen === undefined) {
		return;
	}
	const { zoneId } = chosen;
	const problem = validateZoneId(zoneId);
	if (problem) {
		throw new Error(problem);
	}
	const zoneName = chosen.zoneName ?? (zoneId === active.zoneId ? active.zoneName : undefined);
	// A name belongs to its zone: another zone's is learnt on its next successful load.
	await profiles.update(active.id, { zoneId, zoneName, needsAttention: undefined });
}

interface ZoneItem extends vscode.QuickPickItem {
	zone?: DiscoveredZone;
	type?: true;
}

/** The picker of Select Zone…; undefined when dismissed. */
async function pickZone(active: Profile, profiles: ProfileStore, clients: ClientFactory, log: ExtensionLog): Promise<{ zoneId: string; zoneName: string | undefined } | undefined> {
	const picker = vscode.window.createQuickPick<ZoneItem>();
	const lookup = new AbortController();
	const typeItem: ZoneItem = { label: `$(edit) ${vscode.l10n.t('Type a Zone ID…')}`, detail: vscode.l10n.t('The CIC zone ID (z-…) shown on the Identity Center overview page'), type: true };
	const current: ZoneItem[] = active.zoneId
		? [{ label: inertText(zoneLabel(active.zoneId, active.zoneName)), description: vscode.l10n.t('current'), zone: { zoneId: active.zoneId, zoneName: active.zoneName ?? '' } }]
		: [];
	picker.title = vscode.l10n.t('Select Zone');
	picker.placeholder = vscode.l10n.t('The CIC zone of profile "{0}"', inertText(active.name));
	picker.items = [...current, typeItem];
	picker.busy = true;
	picker.ignoreFocusOut = true;
	const settings = readSettings();
	const describe = (error: unknown): string => describeErrorText(error, apiLanguage(settings.language));
	const notFound = (reason: string): ZoneItem[] => [...current, { ...typeItem, detail: inertText(vscode.l10n.t('The zone could not be found automatically. {0}', reason)) }];
	const found = (async (): Promise<void> => {
		const credentials = await profiles.credentials(active.id);
		if (!credentials) {
			throw new Error(vscode.l10n.t('The credentials of this profile are missing. Add them again.'));
		}
		log.addSecret(credentials.secretKey);
		log.addSecret(credentials.token);
		const client = clients.create(endpointFor(active, settings), () => Promise.resolve(credentials), settings);
		const result = await discoverZone(client, lookup.signal);
		if (lookup.signal.aborted) {
			return;
		}
		if (result.kind === 'found') {
			log.info(`Select Zone: DescribeIdentityCenter found zone ${JSON.stringify(result.zone.zoneName)} (${result.zone.zoneId}).`);
			const isCurrent = result.zone.zoneId === active.zoneId;
			const discovered: ZoneItem = {
				label: `$(organization) ${inertText(zoneLabel(result.zone.zoneId, result.zone.zoneName))}`,
				description: isCurrent ? vscode.l10n.t('current · found for these keys') : vscode.l10n.t('found for these keys'),
				zone: result.zone,
			};
			picker.items = [discovered, ...current.filter(() => !isCurrent), typeItem];
			return;
		}
		log.warn(`Select Zone: the zone could not be found automatically (${result.kind}).`);
		picker.items = notFound(result.kind === 'notOpen' ? vscode.l10n.t('CIC is not enabled for this account yet.') : describe(result.error));
	})()
		.catch((error: unknown) => {
			if (!lookup.signal.aborted) {
				log.warn(`Select Zone: the zone lookup failed: ${error instanceof Error ? error.message : String(error)}`);
				picker.items = notFound(describe(error));
			}
		})
		.finally(() => {
			picker.busy = false;
		});
	const picked = await new Promise<ZoneItem | undefined>((resolve) => {
		picker.onDidAccept(() => resolve(picker.selectedItems[0]));
		picker.onDidHide(() => resolve(undefined));
		picker.show();
	});
	lookup.abort();
	picker.dispose();
	await found;
	if (picked?.zone) {
		return { zoneId: picked.zone.zoneId, zoneName: picked.zone.zoneName || undefined };
	}
	if (!picked?.type) {
		return undefined;
	}
	const typed = await vscode.window.showInputBox({
		title: vscode.l10n.t('Select Zone'),
		value: active.zoneId ?? 'z-',
		prompt: vscode.l10n.t('The CIC zone ID (z-…) shown on the Identity Center overview page'),
		validateInput: (v) => validateZoneId(v.trim()),
		ignoreFocusOut: true,
	});
	return typed === undefined ? undefined : { zoneId: typed.trim(), zoneName: undefined };
}
