/**
 * SQL that applies a project's fixed transformation inside a database (issue 6), for data that
 * outgrows one machine: each QI generalized by a CASE lookup built from its hierarchy, identifiers
 * removed, and the records of the classes the engine suppresses masked with the marker (or left out)
 * through a join with the list of suppressed class keys (generalized values). The suppression itself
 * is the engine's decision (apply/planApply), so the SQL and `tokumei apply` produce the same rows.
 */
import type { ApplyPlan } from '../apply/apply-rows';
import { quoteIdentifier, quoteString, quoteTableName, type SqlDialect } from './dialect';

export class SqlError extends Error {
	readonly code = 'BAD_INPUT';
	constructor(message: string) {
		super(message);
		this.name = 'SqlError';
	}
}

/** A helper column name not used by the data (`tokumei_suppressed`, `tokumei_decided`). */
function helperColumn(header: readonly string[], base: string): string {
	let name = base;
	while (header.includes(name)) name += '_';
	return name;
}

/** CASE expression mapping each leaf of the hierarchy to its value at the level (NULL for unknown values). */
function generalization(column: string, leaves: Iterable<[string, string]>, dialect: SqlDialect): string {
	const lines = [`CASE ${column}`];
	for (const [leaf, value] of leaves)
		lines.push(`\t\tWHEN ${quoteString(leaf, dialect)} THEN ${quoteString(value, dialect)}`);
	lines.push('\t\tELSE NULL END');
	return lines.join('\n');
}

export interface SqlOptions {
	dialect: SqlDialect;
	/** Source table (default `data`), optionally `schema.table`. */
	table?: string;
}

/** One SELECT statement (with CTEs) returning the released table. */
export function generateSql(plan: ApplyPlan, options: SqlOptions): string {
	const { dialect } = options;
	const q = (name: string) => quoteIdentifier(name, dialect);
	const table = quoteTableName(options.table ?? 'data', dialect);
	const { header, settings, qis, decision } = plan;
	for (const name of header) {
		const treatment = settings.treatments[name];
		if (treatment === 'pseudonym' || treatment === 'surrogate' || treatment === 'date-shift') {
			throw new SqlError(
				`attributes.${name}.treatment: "${treatment}" needs a key and is not portable across SQL engines; ` +
					'remove the column or use `tokumei apply`'
			);
		}
	}
	const output = header.filter((name) => settings.treatments[name] !== 'remove');
	const qiByName = new Map(qis.map((g) => [g.name, g]));
	const lines: string[] = [];

	// Peculiar-value decisions first (peculiar/decisions.ts): decided values rewritten over the
	// hierarchy's leaves, and a flag on the records a `suppress` decision takes out.
	const decidedQis = qis.filter((g) => g.decided?.active);
	const decidedFlag = helperColumn(header, 'tokumei_decided');
	let source = table;
	if (decidedQis.length > 0) {
		const columns = output.map((name) => {
			const decided = qiByName.get(name)?.decided;
			if (!decided?.active) return `\t${q(name)}`;
			const rewrites = qiByName
				.get(name)!
				.hierarchy.levels[0].map((leaf): [string, string] => [leaf, decided.replacement(leaf)])
				.filter(([leaf, value]) => leaf !== value);
			if (rewrites.length === 0) return `\t${q(name)}`;
			const cases = rewrites.map(
				([leaf, value]) => `\t\tWHEN ${quoteString(leaf, dialect)} THEN ${quoteString(value, dialect)}`
			);
			return `\tCASE ${q(name)}\n${cases.join('\n')}\n\t\tELSE ${q(name)} END AS ${q(name)}`;
		});
		const suppressing = decidedQis
			.filter((g) => g.decided!.suppressed.size > 0)
			.map(
				(g) =>
					`${q(g.name)} IN (${[...g.decided!.suppressed].map((v) => quoteString(v, dialect)).join(', ')})`
			);
		const flag = suppressing.length > 0 ? `CASE WHEN ${suppressing.join(' OR ')} THEN 1 ELSE 0 END` : '0';
		columns.push(`\t${flag} AS ${q(decidedFlag)}`);
		lines.push('WITH decided AS (', 'SELECT', columns.join(',\n'), `FROM ${table}`, '),');
		source = 'decided';
	}

	const generalized = output.map((name) => {
		const qi = qiByName.get(name);
		if (!qi || qi.level === 0) return `\t${q(name)} AS ${q(name)}`;
		const codes = qi.hierarchy.codes[qi.level];
		const leaves = [...qi.hierarchy.leafIndex].map(([leaf, index]): [string, string] => [
			leaf,
			qi.values[codes[index]]
		]);
		return `\t${generalization(q(name), leaves, dialect)} AS ${q(name)}`;
	});
	if (decidedQis.length > 0) generalized.push(`\t${q(decidedFlag)}`);
	lines.push(
		`${lines.length === 0 ? 'WITH ' : ''}generalized AS (`,
		'SELECT',
		generalized.join(',\n'),
		`FROM ${source}`,
		')'
	);

	// Suppressed class keys as generalized values, in the order of the QIs.
	const suppressed = decision.suppressedCodes.map((codes) =>
		Array.from(codes, (code, i) => qis[i].values[code])
	);
	const hit = helperColumn(header, 'tokumei_suppressed');
	const bySuppressedClass = suppressed.length > 0;
	const byDecision = decidedQis.some((g) => g.decided!.suppressed.size > 0);
	const maskOrRemove = bySuppressedClass || byDecision;
	if (bySuppressedClass) {
		const columns = [...qis.map((g) => q(g.name)), q(hit)];
		const rows = suppressed.map(
			(values) => `\t(${[...values.map((v) => quoteString(v, dialect)), '1'].join(', ')})`
		);
		if (dialect === 'spark') {
			lines[lines.length - 1] = '),';
			lines.push(
				'suppressed AS (',
				`SELECT * FROM VALUES\n${rows.join(',\n')}\nAS t(${columns.join(', ')})`,
				')'
			);
		} else {
			lines[lines.length - 1] = '),';
			lines.push(`suppressed (${columns.join(', ')}) AS (`, `VALUES\n${rows.join(',\n')}`, ')');
		}
	}
	const remove = settings.output.suppressedRecords === 'remove';
	// A record is released when no suppressed class matches it and no decision suppresses it.
	const releasedIf = [
		...(bySuppressedClass ? [`s.${q(hit)} IS NULL`] : []),
		...(byDecision ? [`g.${q(decidedFlag)} = 0`] : [])
	].join(' AND ');
	const select = output.map((name) => {
		if (!maskOrRemove || remove || !qiByName.has(name)) return `\tg.${q(name)}`;
		return `\tCASE WHEN ${releasedIf} THEN g.${q(name)} ELSE ${quoteString(settings.output.marker, dialect)} END AS ${q(name)}`;
	});
	lines.push('SELECT', select.join(',\n'), 'FROM generalized g');
	if (bySuppressedClass) {
		const on = qis.map((g) => `g.${q(g.name)} = s.${q(g.name)}`).join(' AND ');
		lines.push(`LEFT JOIN suppressed s ON ${on}`);
	}
	if (maskOrRemove && remove) lines.push(`WHERE ${releasedIf}`);
	return lines.join('\n') + ';\n';
}
