// What VS Code's Disposable and the model's emitters share; no vscode import, so plain mocha can test this file.
import type { Disposable as IDisposable } from '../model/emitter';

/**
 * The base of a class that owns disposables: `_register` them as they are made, and `dispose()` releases them
 * once, newest first (a listener goes before the emitter it listens to). Whatever is registered after that is
 * disposed at once, so a late subscription cannot leak. One that throws does not keep the rest from being disposed;
 * the first error is rethrown at the end.
 */
export class Disposable implements IDisposable {
	private readonly registered: IDisposable[] = [];
	private disposedAlready = false;

	protected get isDisposed(): boolean {
		return this.disposedAlready;
	}

	protected _register<T extends IDisposable>(disposable: T): T {
		if (this.disposedAlready) {
			disposable.dispose();
		} else {
			this.registered.push(disposable);
		}
		return disposable;
	}

	dispose(): void {
		if (this.disposedAlready) {
			return;
		}
		this.disposedAlready = true;
		disposeNewestFirst(this.registered.splice(0));
	}
}

/** Disposes the last first; one that throws does not stop the rest, and the first error is rethrown at the end. */
export function disposeNewestFirst(disposables: readonly IDisposable[]): void {
	let failure: { error: unknown } | undefined;
	for (const d of [...disposables].reverse()) {
		try {
			d.dispose();
		} catch (error) {
			failure ??= { error };
		}
	}
	if (failure) {
		throw failure.error;
	}
}
