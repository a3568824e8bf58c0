import * as path from 'node:path';

export type ExportFormat = 'json' | 'csv';

/**
 * Where the Export save dialog opens: the first workspace folder, else the home folder. Never the filesystem root,
 * which is where a bare file name lands when no folder is given.
 */
export function defaultExportPath(workspaceFolder: string | undefined, homeDir: string, zoneId: string, format: ExportFormat): string {
	const folder = workspaceFolder || homeDir;
	return path.join(folder, `cic-tasks-${zoneId}.${format}`);
}
