/**
 * `tokumei sql <config.json> --dialect sqlite|duckdb|spark|postgres [--table name]`: prints one SQL
 * statement that applies the project's fixed transformation and the engine's suppression to a table
 * already inside a database (issue 6). The data file is read once (streaming, as `apply` pass 1) to
 * decide which classes are suppressed; the SQL names them by their generalized values.
 */
import { ConfigError, generateSql, planApply, SQL_DIALECTS, type SqlDialect } from '../../src/lib/engine';
import { openStreamingProject } from './apply';

const usage = `Usage: tokumei sql <config.json> --dialect sqlite|duckdb|spark|postgres [--table <name>]

Prints SQL applying the project's transformation (CASE lookups per quasi-identifier), identifier
removal and the engine's record suppression to the table <name> (default: data) whose columns are
named as in the data file. Pseudonyms, surrogates and date shifts need a key: use \`tokumei apply\`.
`;

export async function run(args: string[]): Promise<number> {
	if (args.includes('--help') || args.includes('-h')) {
		process.stdout.write(usage);
		return 0;
	}
	let configPath: string | undefined;
	let dialect: SqlDialect | undefined;
	let table = 'data';
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--dialect') {
			const value = args[++i];
			if (!SQL_DIALECTS.includes(value as SqlDialect)) {
				process.stderr.write(`tokumei sql: --dialect: expected one of ${SQL_DIALECTS.join(', ')}\n`);
				return 2;
			}
			dialect = value as SqlDialect;
		} else if (arg === '--table') {
			const value = args[++i];
			if (!value) {
				process.stderr.write('tokumei sql: --table: a name is needed\n');
				return 2;
			}
			table = value;
		} else if (!arg.startsWith('-') && configPath === undefined) configPath = arg;
		else {
			process.stderr.write(`tokumei sql: unexpected argument ${arg}\n\n${usage}`);
			return 2;
		}
	}
	if (!configPath || !dialect) {
		process.stderr.write(usage);
		return 2;
	}
	try {
		const { config, input, hierarchies } = await openStreamingProject(configPath);
		const plan = await planApply({ config, hierarchies }, input);
		process.stdout.write(generateSql(plan, { dialect, table }));
		return 0;
	} catch (error) {
		const code = (error as { code?: string })?.code;
		if (
			error instanceof ConfigError ||
			['BAD_CONFIG', 'BAD_INPUT', 'VALUE_NOT_IN_HIERARCHY', 'NOT_ANONYMOUS'].includes(code ?? '')
		) {
			process.stderr.write(`tokumei sql: ${(error as Error).message}\n`);
			return 2;
		}
		throw error;
	}
}
