// `npm run bench [-- --json]`: bundles scripts/bench.ts (with the src/ modules it measures) into .bench/ and runs it
// with `node --expose-gc`, which the memory figure needs. See docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, '.bench', 'bench.js');
await esbuild.build({
	entryPoints: [path.join(root, 'scripts', 'bench.ts')],
	outfile,
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	// The SDK stays in node_modules, loaded as the benchmark's baseline is meant to be: unbundled, as published.
	packages: 'external',
	sourcemap: 'inline',
	logLevel: 'warning',
});
const result = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
