import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { inertText } from '../model/inertText';
import {
	defaultTccliProfile,
	importFromEnvironment,
	importTccliProfile,
	importTencentCloudCredentials,
	listTccliProfiles,
	TCCLI_SUFFIX,
	tccliDirectory,
	tencentCloudCredentialsPaths,
	type CredentialImportResult,
} from '../host/credentialImport';
import {
	describeCredentialsFileStatus,
	describeEnvironmentStatus,
	describeTccliStatus,
	displayPath,
	environmentStatus,
	firstExistingFile,
} from '../host/credentialSources';
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
	// Every source says whether it was found: variable and file names only, never a value or a file's contents.
	const items: Item[] = [
		{
			label: vscode.l10n.t('Environment variables'),
			description: 'TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY',
			detail: describeEnvironmentStatus(environmentStatus(env), vscode.l10n),
			source: 'env',
		},
	];
	const tccliDir = tccliDirectory(home);
	const profiles = await listTccliProfiles(tccliDir);
	if (profiles.ok && profiles.profiles.length > 0) {
		const preferred = defaultTccliProfile(env);
		for (const profile of profiles.profiles) {
			// Profile names are file names in ~/.tccli: inert.
			items.push({
				label: vscode.l10n.t('tccli profile "{0}"', inertText(profile)),
				description: profile === preferred ? vscode.l10n.t('current tccli profile') : undefined,
				detail: vscode.l10n.t('Found: {0}', inertText(displayPath(path.join(tccliDir, `${profile}${TCCLI_SUFFIX}`), home))),
				source: 'tccli',
				profile,
			});
		}
	} else {
		items.push({ label: vscode.l10n.t('tccli profile…'), description: '~/.tccli', detail: inertText(describeTccliStatus(profiles, tccliDir, home, vscode.l10n)), source: 'tccli' });
	}
	const iniFiles = tencentCloudCredentialsPaths(home);
	items.push({
		label: vscode.l10n.t('Tencent Cloud SDK credentials file'),
		description: '~/.tencentcloud/credentials [default]',
		detail: inertText(describeCredentialsFileStatus(await firstExistingFile(iniFiles), iniFiles, home, vscode.l10n)),
		source: 'ini',
	});
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
			origin: result.origin,
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
