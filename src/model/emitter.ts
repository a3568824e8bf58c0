/** A registration that can be undone; the same shape as vscode.Disposable, so hosts can push it into subscriptions. */
export interface Disposable {
	dispose(): void;
}

export type Event<T> = (listener: (event: T) => void) => Disposable;

/**
 * A minimal event emitter for the model layer, which must not import vscode.
 * Every listener gets the event even if an earlier one throws; the first error is rethrown afterwards so
 * a bug in a listener is not swallowed.
 */
export class Emitter<T> implements Disposable {
	private listeners: ((event: T) => void)[] = [];
	private disposed = false;

	readonly event: Event<T> = (listener) => {
		if (this.disposed) {
			return { dispose: () => undefined };
		}
		// Copy on write, so fire() can iterate its snapshot without copying.
		this.listeners = [...this.listeners, listener];
		let registered = true;
		return {
			dispose: () => {
				if (registered) {
					registered = false;
					this.listeners = this.listeners.filter((l) => l !== listener);
				}
			},
		};
	};

	fire(event: T): void {
		// Listeners added or removed while firing do not disturb this round (the array is copy-on-write).
		const current = this.listeners;
		let firstError: unknown;
		let failed = false;
		for (const listener of current) {
			try {
				listener(event);
			} catch (error) {
				if (!failed) {
					failed = true;
					firstError = error;
				}
			}
		}
		if (failed) {
			throw firstError;
		}
	}

	get hasListeners(): boolean {
		return this.listeners.length > 0;
	}

	dispose(): void {
		this.disposed = true;
		this.listeners = [];
	}
}
