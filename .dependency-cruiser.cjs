// The import-cycle check of `npm run lint` (the layer rules live in eslint.config.mjs). dependency-cruiser,
// because eslint-plugin-import(-x)'s no-cycle skips type-only imports, and a cycle through a type-only import
// still means two files cannot be understood, moved or tested apart.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			comment: 'No import cycles in src/, type-only imports included: break the cycle by moving what both sides need into the lower layer.',
			from: {},
			to: { circular: true },
		},
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		// Keep `import type` edges: they are removed by the compiler, not from the design.
		tsPreCompilationDeps: true,
		// Resolve `../protocol` to protocol.ts the way tsc and esbuild do.
		tsConfig: { fileName: 'tsconfig.json' },
		moduleSystems: ['es6', 'cjs'],
	},
};
