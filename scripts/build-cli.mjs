// Bundles the CLI (bin/cli.ts + the engine) into one ES module so `npx tokumei` starts fast
// without a TypeScript loader. Runs on `npm install` (prepare) and before the engine benchmarks.
import { build } from 'esbuild';

await build({
	entryPoints: ['bin/cli.ts'],
	outfile: 'dist/cli.mjs',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	sourcemap: true,
	logLevel: 'warning',
	tsconfigRaw: { compilerOptions: { target: 'es2022' } },
	banner: {
		js: "import { createRequire as __tokumeiRequire } from 'node:module'; const require = __tokumeiRequire(import.meta.url);"
	}
});
