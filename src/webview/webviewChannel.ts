import * as vscode from 'vscode';
import { reportError } from '../host/commandBoundary';
import { Disposable } from '../host/disposable';
import type { ExtensionLog } from '../host/log';
import { buildWebviewHtml, createNonce } from './html';
import { webviewOptions } from './panelOptions';
import type { FromWebviewMessage, ToWebviewMessage } from './protocol';
import { isFromWebviewMessage } from './protocol';
import type { TestAsk, TestReplyMessage, TestRequestMessage, WebviewSnapshot } from './testProtocol';
import { isTestReplyMessage } from './testProtocol';

export interface ChannelOptions {
	extensionUri: vscode.Uri;
	/** media/dist/<script>.js is the page's only script. */
	script: 'detail' | 'overview';
	title: string;
	testHooks: boolean;
	log: ExtensionLog;
	/** Names the panel in log lines. */
	source: string;
	onMessage: (message: FromWebviewMessage) => void | Promise<void>;
}

/**
 * One webview's side of the protocol: builds its page, gates posting behind the webview's "ready" (sent
 * each time the page loads, also after being hidden and shown again), keeps only the latest state to post,
 * checks every incoming message with the protocol guard before anyone acts on it, and runs actions inside
 * the command error boundary.
 */
export class WebviewChannel extends Disposable {
	private ready = false;
	private latest: ToWebviewMessage | undefined;
	private readonly pending = new Map<number, { resolve: (reply: TestReplyMessage) => void; timer: ReturnType<typeof setTimeout> }>();
	private nextRequestId = 1;

	constructor(private readonly panel: vscode.WebviewPanel, private readonly o: ChannelOptions) {
		super();
		const webview = panel.webview;
		webview.options = webviewOptions(o.extensionUri);
		const media = vscode.Uri.joinPath(o.extensionUri, 'media');
		webview.html = buildWebviewHtml({
			cspSource: webview.cspSource,
			nonce: createNonce(),
			scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'dist', `${o.script}.js`)).toString(),
			styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'tasks-webview.css')).toString(),
			title: o.title,
			lang: vscode.env.language,
			loadingText: vscode.l10n.t('Loading…'),
			testHooks: o.testHooks,
		});
		this._register(webview.onDidReceiveMessage((message: unknown) => this.receive(message)));
		this._register(
			panel.onDidChangeViewState((e) => {
				// A hidden webview's page is discarded; the next one says "ready" again when it loads.
				if (!e.webviewPanel.visible) {
					this.ready = false;
				}
			}),
		);
	}

	get isReady(): boolean {
		return this.ready;
	}

	/** Posts now if the page is ready, else when it is; an older unsent state is simply replaced. */
	setState(message: ToWebviewMessage): void {
		this.latest = message;
		if (this.ready) {
			void this.panel.webview.postMessage(message);
		}
	}

	/** Test hook: asks the page for a DOM snapshot or a click; rejects unless the page was built with hooks on. */
	request(ask: TestAsk, timeoutMs = 10000): Promise<TestReplyMessage> {
		// The build-time constant drops the rest from a production bundle (src/host/testMode.ts).
		if (!__CIC_TEST_HOOKS__ || !this.o.testHooks) {
			return Promise.reject(new Error('test hooks are off'));
		}
		const requestId = this.nextRequestId++;
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.pending.delete(requestId);
				reject(new Error(`the webview did not answer ${ask.kind} within ${timeoutMs} ms (ready: ${this.ready})`));
			}, timeoutMs);
			this.pending.set(requestId, { resolve, timer });
			const message: TestRequestMessage = { type: 'test', request: { ...ask, requestId } };
			void this.panel.webview.postMessage(message);
		});
	}

	/** Test hook: the webview DOM as it is now. */
	async snapshot(): Promise<WebviewSnapshot> {
		const reply = await this.request({ kind: 'snapshot' });
		if (!reply.snapshot) {
			throw new Error('the webview sent no snapshot');
		}
		return reply.snapshot;
	}

	/** Test hook: clicks the element with this data-key in the webview, as a user would. */
	async click(key: string): Promise<boolean> {
		return (await this.request({ kind: 'click', key })).clicked === true;
	}

	private receive(message: unknown): void {
		if (__CIC_TEST_HOOKS__ && this.o.testHooks && isTestReplyMessage(message)) {
			const waiter = this.pending.get(message.requestId);
			if (waiter) {
				clearTimeout(waiter.timer);
				this.pending.delete(message.requestId);
				waiter.resolve(message);
			}
			return;
		}
		if (!isFromWebviewMessage(message)) {
			this.o.log.warn(`${this.o.source}: ignored a message from the webview that is not part of the protocol`);
			return;
		}
		if (message.type === 'ready') {
			this.ready = true;
			if (this.latest) {
				void this.panel.webview.postMessage(this.latest);
			}
		}
		void (async () => {
			try {
				await this.o.onMessage(message);
			} catch (error) {
				reportError(`${this.o.source} ${message.type}`, error, this.o.log);
			}
		})();
	}

	override dispose(): void {
		for (const { timer } of this.pending.values()) {
			clearTimeout(timer);
		}
		this.pending.clear();
		super.dispose();
	}
}
