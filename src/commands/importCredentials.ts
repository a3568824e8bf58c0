import * as os from 'node:os';
import * as vscode from 'vscode';
import { inertText } from '../model/inertText';
import {
	defaultTccliProfile,
	importFromEnvironment,
	importTccliProfile,
	importTencentCloudCredentials,
	listTccliProfiles,
	tccliDirectory,
	tencentCloudCredentialsPaths,
	type CredentialImportResult,
} from '../host/credentialImport';
import type { ClientFactory } from '../host/connection';
import type { ExtensionLog } from '../host/log';
import { notifyInfo } from '../host/notify';
import type { ProfileStore } from '../host/profiles';
import { addCredentials } from './credentials';

type Source = 'env' | 'tccli' | 'ini';

/** Test mode only (testArguments.ts): a source, home folder and environment to import from, without the prompts. */
export interface ImportArgs {
	source: Source;
	profile?: string;
	home?: string;
	env?: Record<string, string | undefined>;
	name?: string;
	zoneId?: string;
	site?: 'china' | 'international' | 'custom';
	endpoint?: string;
}

async function pickSource(home: string, env: NodeJS.ProcessEnv): Promise<{ source: Source; profile?: string } | undefined> {
	type Item = vscode.QuickPickItem & { source: Source; profile?: string };
	const items: Item[] = [
		{ label: vscode.l10n.t('Environment variables'), description: 'TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY', source: 'env' },
	];
	const profiles = await listTccliProfiles(tccliDirectory(home));
	if (profiles.ok) {
		const preferred = defaultTccliProfile(env);
		for (const profile of profiles.profiles) {
			// Profile names are file names in ~/.tccli, and the error may quote a file: inert.
			items.push({ label: vscode.l10n.t('tccli profile "{0}"', inertText(profile)), description: profile === preferred ? vscode.l10n.t('current tccli profile') : undefined, source: 'tccli', profile });
		}
	} else {
		items.push({ label: vscode.l10n.t('tccli profile…'), description: '~/.tccli', detail: inertText(profiles.error), source: 'tccli' });
	}
	items.push({ label: vscode.l10n.t('Tencent Cloud SDK credentials file'), description: '~/.tencentcloud/credentials [default]', source: 'ini' });
	const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Import Credentials'), placeHolder: vscode.l10n.t('Where are your keys now? They are copied once into secret storage.') });
	return picked && { source: picked.source, profile: picked.profile };
}

/**
 * Import Credentials…: copies keys once from the environment, a tccli profile or the SDK's INI file into
 * SecretStorage (after the same live check as Add Credentials). The source is never written back.
 */
export async function importCredentials(profiles: ProfileStore, log: ExtensionLog, clients: ClientFactory, args?: ImportArgs): Promise<void> {
	const home = args?.home || os.homedir();
	const env = args?.env ?? process.env;
	const choice = args ? { source: args.source, profile: args.profile } : await pickSource(home, env);
	if (!choice) {
		return;
	}
	let result: CredentialImportResult;
	let name: string;
	if (choice.source === 'env') {
		result = importFromEnvironment(env);
		name = 'env';
	} else if (choice.source === 'tccli') {
		const profile = choice.profile ?? defaultTccliProfile(env);
		result = await importTccliProfile(tccliDirectory(home), profile);
		name = `tccli-${profile}`;
	} else {
		result = await importTencentCloudCredentials(tencentCloudCredentialsPaths(home));
		name = 'tencentcloud-default';
	}
	if (!result.ok) {
		throw new Error(result.error);
	}
	log.info(`Importing credentials from ${result.source}${result.temporary ? ' (temporary)' : ''}`);
	const saved = await addCredentials(
		profiles,
		log,
		clients,
		{
			name: args?.name ?? name,
			secretId: result.credentials.secretId,
			secretKey: result.credentials.secretKey,
			token: result.credentials.token,
			zoneId: args?.zoneId,
			site: args?.site,
			endpoint: args?.endpoint,
		},
		{ temporary: result.temporary, expiresAt: result.expiresAt ? Math.floor(result.expiresAt.getTime() / 1000) : undefined },
	);
	if (saved && !args) {
		void notifyInfo(vscode.l10n.t('Imported credentials from {0} as profile "{1}".', inertText(result.source), inertText(saved.name)));
		if (!saved.zoneId) {
			await vscode.commands.executeCommand('cicTasks.selectZone');
		}
	}
}
