import type { FromWebviewMessage } from '../../protocol';

/** The part of the webview API these pages use; acquireVsCodeApi may be called only once per page. */
export interface VsCodeApi {
	postMessage(message: unknown): void;
	getState(): unknown;
	setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

export function vscodeApi(): VsCodeApi {
	api ??= acquireVsCodeApi();
	return api;
}

/** Every message to the host goes through here, so only protocol messages can be sent. */
export function post(message: FromWebviewMessage): void {
	vscodeApi().postMessage(message);
}
