/**
 * `npx tokumei <command> <config.json> [options]`. Each command lives in bin/commands/<name>.ts
 * and exports `run(args: string[]): Promise<number>` (the exit code). Output is JSON on stdout;
 * errors go to stderr with exit code 2 for a bad config or bad arguments.
 */
const commands: Record<string, () => Promise<{ run(args: string[]): Promise<number> }>> = {
	search: () => import('./commands/search'),
	risk: () => import('./commands/risk'),
	apply: () => import('./commands/apply'),
	release: () => import('./commands/release'),
	sql: () => import('./commands/sql')
};

const usage = `Usage: tokumei <command> <config.json> [options]

Commands:
  search <config.json>                    optimal (or heuristic) anonymization search
  risk <config.json> [--records out.csv]  re-identification risk of the data or of a transformation
  apply <config.json> --out <file>        apply the project's rules to a whole file, streaming
  release <a.json> <b.json> … --out-dir <dir>
                                          apply several projects as one release (shared surrogates,
                                          one opt-out list across all the tables)
  sql <config.json> --dialect <d>         SQL applying the same rules (sqlite|duckdb|spark|postgres)
`;

export async function main(args: string[]): Promise<number> {
	const [name, ...rest] = args;
	if (!name || name === '--help' || name === '-h') {
		process.stdout.write(usage);
		return name ? 0 : 2;
	}
	const load = commands[name];
	if (!load) {
		process.stderr.write(`tokumei: unknown command "${name}"\n\n${usage}`);
		return 2;
	}
	const command = await load();
	return command.run(rest);
}
