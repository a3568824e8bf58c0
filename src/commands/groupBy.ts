import * as vscode from 'vscode';
import { GROUP_BY_MODES, updateSetting, type GroupByMode } from '../host/settings';

export function groupByLabel(mode: GroupByMode): string {
	switch (mode) {
		case 'statusRoleConfiguration':
			return vscode.l10n.t('Status › Role configuration');
		case 'roleConfigurationStatus':
			return vscode.l10n.t('Role configuration › Status');
		case 'statusTargetAccount':
			return vscode.l10n.t('Status › Target account');
		case 'statusPrincipal':
			return vscode.l10n.t('Status › Principal');
		case 'taskTypeStatus':
			return vscode.l10n.t('Task type › Status');
		case 'flat':
			return vscode.l10n.t('No grouping');
	}
}

/** Group By…: writes the cicTasks.groupBy setting; the view follows the setting. */
export async function groupBy(current: GroupByMode, arg?: unknown): Promise<void> {
	let mode: GroupByMode | undefined = typeof arg === 'string' && (GROUP_BY_MODES as readonly string[]).includes(arg) ? (arg as GroupByMode) : undefined;
	if (!mode) {
		const picked = await vscode.window.showQuickPick(
			GROUP_BY_MODES.map((m) => ({ label: `${m === current ? '$(check) ' : ''}${groupByLabel(m)}`, mode: m })),
			{ placeHolder: vscode.l10n.t('Group tasks by') },
		);
		mode = picked?.mode;
	}
	if (mode) {
		await updateSetting('groupBy', mode);
	}
}
