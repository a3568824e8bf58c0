import * as vscode from 'vscode';
import { isAbortError } from '../api';

/** Bridges a VS Code CancellationToken to the AbortSignal the API and model layers take. */
export function toAbortSignal(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
	const controller = new AbortController();
	if (token.isCancellationRequested) {
		controller.abort();
		return { signal: controller.signal, dispose: () => undefined };
	}
	const listener = token.onCancellationRequested(() => {
		controller.abort();
	});
	return {
		signal: controller.signal,
		dispose: () => {
			listener.dispose();
		},
	};
}

/** The user (or a newer load) cancelled: VS Code's CancellationError, its "Canceled" errors, or an AbortError. */
export function isCancellation(error: unknown): boolean {
	return error instanceof vscode.CancellationError || isAbortError(error) || (error instanceof Error && error.name === 'Canceled');
}
