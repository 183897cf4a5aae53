/**
 * Identifier and string-literal quoting per SQL dialect. SQLite, DuckDB and PostgreSQL follow the
 * SQL standard (double-quoted identifiers, '' inside literals; PostgreSQL with
 * standard_conforming_strings on, the default since 9.1). Spark SQL quotes identifiers with
 * backticks and reads backslash escapes inside string literals (spark.sql.parser.escapedStringLiterals
 * is false by default), so backslashes and quotes are escaped there.
 */
export type SqlDialect = 'sqlite' | 'duckdb' | 'spark' | 'postgres';

export const SQL_DIALECTS: readonly SqlDialect[] = ['sqlite', 'duckdb', 'spark', 'postgres'];

export function quoteIdentifier(name: string, dialect: SqlDialect): string {
	if (name.includes('\u0000')) throw new RangeError('SQL identifiers cannot contain NUL');
	return dialect === 'spark' ? `\`${name.replaceAll('`', '``')}\`` : `"${name.replaceAll('"', '""')}"`;
}

/** A possibly schema-qualified table name (`schema.table`), each part quoted. */
export function quoteTableName(name: string, dialect: SqlDialect): string {
	return name
		.split('.')
		.map((part) => quoteIdentifier(part, dialect))
		.join('.');
}

export function quoteString(value: string, dialect: SqlDialect): string {
	if (value.includes('\u0000')) throw new RangeError('SQL string literals cannot contain NUL');
	if (dialect === 'spark') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
	return `'${value.replaceAll("'", "''")}'`;
}
