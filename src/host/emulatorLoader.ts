import * as path from 'node:path';

/**
 * The emulator ships as its own bundle (dist/emulator.js) so activation never pays for it; it is required
 * only when the user explores sample data. The shape below is the part of src/emulator's API the extension uses.
 */
export interface SampleEmulator {
	readonly url: string;
	readonly zoneId: string;
	readonly credentials: { secretId: string; secretKey: string };
	close(): Promise<void>;
}

export interface SampleEmulatorOptions {
	port: number;
	tasks: number;
	seed: number;
	evolve: boolean | { intervalMs: number };
	fixture?: string;
}

interface EmulatorModule {
	startEmulator(options: SampleEmulatorOptions): Promise<SampleEmulator>;
}

function isEmulatorModule(value: unknown): value is EmulatorModule {
	return typeof value === 'object' && value !== null && typeof (value as { startEmulator?: unknown }).startEmulator === 'function';
}

export function loadEmulator(extensionPath: string): EmulatorModule {
	const bundle = path.join(extensionPath, 'dist', 'emulator.js');
	// A computed path keeps esbuild from inlining the emulator into the extension bundle.
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the emulator is the one lazily loaded bundle, and only require() takes a computed path
	const loaded: unknown = require(bundle);
	if (!isEmulatorModule(loaded)) {
		throw new Error(`${bundle} does not export startEmulator`);
	}
	return loaded;
}
