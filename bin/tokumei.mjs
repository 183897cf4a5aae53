#!/usr/bin/env node
// Entry point of `npx tokumei`: runs the bundled CLI (built by `npm install` via scripts/build-cli.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(bundle)) {
	process.stderr.write(
		'tokumei: the CLI is not built yet; run `npm install` (or `npm run build:cli`) first.\n'
	);
	process.exit(2);
}
// A closed pipe (e.g. `tokumei sql … | head`) ends the output quietly instead of crashing.
process.stdout.on('error', (error) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});
const { main } = await import(bundle);
process.exitCode = await main(process.argv.slice(2));
