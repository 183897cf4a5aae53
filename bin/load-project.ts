/**
 * Node-only loader of a project file: reads the config, the data file and the hierarchy files
 * (paths relative to the config file), encodes the table and checks that every value of every
 * quasi-identifier is covered by its hierarchy. Shared by the `search`, `risk` and `apply` commands.
 */
import path from 'node:path';
import {
	buildHierarchyRows,
	ConfigError,
	type EncodedColumn,
	type EncodedTable,
	type Hierarchy,
	type HierarchyConfig,
	hierarchyFromCsv,
	hierarchyFromRows,
	importTable,
	type ImportWarning,
	levelZeroHierarchy,
	missingValues,
	type ProjectConfig,
	type TextEncodingName,
	validateHierarchySpec
} from '../src/lib/engine';
import { decideTable, decisionBounds } from '../src/lib/engine/peculiar';
import { encodingOption, readBytes, readProjectConfig, readText } from './read-input';

export interface LoadedQuasiIdentifier {
	name: string;
	column: EncodedColumn;
	hierarchy: Hierarchy;
}

export interface LoadedProject {
	config: ProjectConfig;
	baseDir: string;
	table: EncodedTable;
	/** The data file's encoding: `data.encoding`, or the one detected. */
	encoding: TextEncodingName;
	/** What the importer repaired (renamed header names, ragged rows, …), as in the browser. */
	warnings: ImportWarning[];
	/** In data column order; a QI without a hierarchy gets its one-level hierarchy (levelZeroHierarchy). */
	quasiIdentifiers: LoadedQuasiIdentifier[];
	sensitive: string[];
	identifying: string[];
	/** Columns listed as insensitive plus columns the config does not mention. */
	insensitive: string[];
	/** Every hierarchy the config gives, by attribute, plus the one-level hierarchies of bare QIs. */
	hierarchies: Record<string, Hierarchy>;
	/**
	 * Rows of the research subset (δ-presence, k-map with a subset): 1 = in the subset. Rows are matched
	 * by content, each subset row claiming one data row, as ARX's DataSubset.create(data, subset) does.
	 */
	researchSubset?: Uint8Array;
	/**
	 * Records suppressed by the project's `decisions` (peculiar values): `table` holds the other rows,
	 * with decided values replaced in the quasi-identifiers (peculiar/decided-table, as the live session).
	 */
	suppressedByDecision: number;
	/** Data-file record index (0-based) of each row of `table`; null when no record was suppressed. */
	keptRows: Int32Array | null;
}

/** The distinct values of the named columns (for builders and one-level hierarchies). */
export type DistinctValues = (names: string[]) => Promise<Record<string, readonly string[]>>;

async function loadHierarchy(
	attribute: string,
	spec: HierarchyConfig,
	baseDir: string,
	values: readonly string[] | undefined
): Promise<{ hierarchy: Hierarchy; source: string }> {
	const field = `attributes.${attribute}.hierarchy`;
	try {
		if ('builder' in spec) {
			// Builders (hierarchy/builders) generate the rows from the column's distinct values.
			const rows = buildHierarchyRows(values ?? [], validateHierarchySpec(spec, field));
			return {
				hierarchy: hierarchyFromRows(attribute, rows),
				source: `${field} (builder "${spec.builder}")`
			};
		}
		if ('path' in spec) {
			const file = path.resolve(baseDir, spec.path);
			const text = await readText(file, `${field}.path`);
			return { hierarchy: hierarchyFromCsv(attribute, text, spec.delimiter), source: `"${file}"` };
		}
		return { hierarchy: hierarchyFromRows(attribute, spec.rows), source: `${field}.rows` };
	} catch (error) {
		if (error instanceof ConfigError) throw error;
		const message = (error as Error).message;
		throw new ConfigError(message.startsWith(field) ? message : `${field}: ${message}`);
	}
}

/**
 * Every hierarchy of the project, by attribute: files (paths relative to baseDir; encoding detected),
 * inline rows, builder specs, and a one-level hierarchy for each QI without one. `distinctValues` is
 * asked once, only for the columns a builder or a bare QI needs. `sources` receives where each came from.
 */
export async function loadHierarchies(
	config: ProjectConfig,
	baseDir: string,
	distinctValues: DistinctValues,
	sources: Record<string, string> = {}
): Promise<Record<string, Hierarchy>> {
	const needValues = Object.entries(config.attributes)
		.filter(([, a]) => (a.hierarchy ? 'builder' in a.hierarchy : a.role === 'quasi-identifying'))
		.map(([name]) => name);
	const values = needValues.length > 0 ? await distinctValues(needValues) : {};
	const hierarchies: Record<string, Hierarchy> = {};
	for (const [name, attribute] of Object.entries(config.attributes)) {
		if (attribute.hierarchy) {
			// A builder also covers the bounds of top/bottom-coding decisions, as in the live session.
			const bounds = decisionBounds(config.decisions ?? [], name);
			const given = values[name] && bounds.length > 0 ? [...values[name], ...bounds] : values[name];
			const loaded = await loadHierarchy(name, attribute.hierarchy, baseDir, given);
			hierarchies[name] = loaded.hierarchy;
			sources[name] = loaded.source;
		} else if (attribute.role === 'quasi-identifying') {
			hierarchies[name] = levelZeroHierarchy(name, values[name] ?? []);
			sources[name] = `the values of "${name}" (no hierarchy: level 0 only)`;
		}
	}
	return hierarchies;
}

/** Reads a delimited file with the engine's importer (encoding detection, header repairs). */
async function importFile(
	file: string,
	field: string,
	config: ProjectConfig
): Promise<{ table: EncodedTable; encoding: TextEncodingName; warnings: ImportWarning[] }> {
	const bytes = await readBytes(file, field);
	const encoding = encodingOption(config.data.encoding);
	try {
		return await importTable(bytes, { encoding, delimiter: config.data.delimiter ?? 'auto' });
	} catch (error) {
		if (error instanceof ConfigError) throw error;
		throw new ConfigError(`${field}: "${file}": ${(error as Error).message}`);
	}
}

/** Marks the data rows that the subset rows match (by the values of every subset column). */
function matchSubset(table: EncodedTable, subset: EncodedTable, file: string): Uint8Array {
	const columns = subset.columns.map((sc) => {
		const dc = table.columns.find((c) => c.name === sc.name);
		if (!dc) throw new ConfigError(`research subset "${file}": column "${sc.name}" is not in the data`);
		return { data: dc, sub: sc };
	});
	const key = (values: (code: number) => string, count: number) =>
		Array.from({ length: count }, (_, i) => values(i)).join('\u0000');
	const wanted = new Map<string, number>();
	for (let row = 0; row < subset.rowCount; row++) {
		const k = key((i) => columns[i].sub.values[columns[i].sub.codes[row]], columns.length);
		wanted.set(k, (wanted.get(k) ?? 0) + 1);
	}
	const flags = new Uint8Array(table.rowCount);
	let matched = 0;
	for (let row = 0; row < table.rowCount; row++) {
		const k = key((i) => columns[i].data.values[columns[i].data.codes[row]], columns.length);
		const left = wanted.get(k);
		if (left) {
			flags[row] = 1;
			matched++;
			wanted.set(k, left - 1);
		}
	}
	if (matched !== subset.rowCount) {
		throw new ConfigError(
			`research subset "${file}": ${subset.rowCount - matched} of its rows are not rows of the data`
		);
	}
	return flags;
}

/** Loads a project from an already-parsed config; relative paths resolve against baseDir. */
export async function loadProjectFromConfig(config: ProjectConfig, baseDir: string): Promise<LoadedProject> {
	const dataFile = path.resolve(baseDir, config.data.path);
	const { table, encoding, warnings } = await importFile(dataFile, 'data.path', config);

	const byName = new Map(table.columns.map((c) => [c.name, c]));
	for (const name of Object.keys(config.attributes)) {
		if (!byName.has(name)) {
			throw new ConfigError(
				`attributes.${name}: no column "${name}" in "${dataFile}" (columns: ${[...byName.keys()].join(', ')})`
			);
		}
	}

	const sources: Record<string, string> = {};
	const hierarchies = await loadHierarchies(
		config,
		baseDir,
		async (names) => Object.fromEntries(names.map((name) => [name, byName.get(name)!.values])),
		sources
	);
	const quasiIdentifiers: LoadedQuasiIdentifier[] = [];
	const loaded: LoadedProject = {
		config,
		baseDir,
		table,
		encoding,
		warnings,
		quasiIdentifiers,
		sensitive: [],
		identifying: [],
		insensitive: [],
		hierarchies,
		suppressedByDecision: 0,
		keptRows: null
	};
	for (const column of table.columns) {
		const role = config.attributes[column.name]?.role ?? 'insensitive';
		const hierarchy = hierarchies[column.name];
		if (hierarchy && (role === 'quasi-identifying' || role === 'sensitive')) {
			const missing = missingValues(column, hierarchy);
			if (missing.length > 0) {
				const shown = missing
					.slice(0, 5)
					.map((v) => `"${v}"`)
					.join(', ');
				throw new ConfigError(
					`attributes.${column.name}.hierarchy: value ${shown}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''} ` +
						`of column "${column.name}" is missing from the hierarchy ${sources[column.name]}`
				);
			}
		}
		if (role === 'quasi-identifying') quasiIdentifiers.push({ name: column.name, column, hierarchy });
		else if (role === 'sensitive') loaded.sensitive.push(column.name);
		else if (role === 'identifying') loaded.identifying.push(column.name);
		else loaded.insensitive.push(column.name);
	}

	const subsets = new Set<string>();
	for (const model of config.privacy ?? []) {
		const usesSubset =
			model.model === 'delta-presence' || model.model === 'k-map' || model.model === 'inclusion';
		if (usesSubset && model.subset) subsets.add(model.subset);
	}
	if (subsets.size > 1) {
		throw new ConfigError(
			`privacy: all models must use the same research subset (got ${[...subsets].join(', ')})`
		);
	}
	for (const subsetPath of subsets) {
		const file = path.resolve(baseDir, subsetPath);
		const subset = await importFile(file, 'privacy[].subset', config);
		loaded.researchSubset = matchSubset(table, subset.table, file);
	}
	return applyDecisions(loaded);
}

/** The loaded project with its peculiar-value decisions applied (the table the live session analyses). */
function applyDecisions(loaded: LoadedProject): LoadedProject {
	const decisions = loaded.config.decisions ?? [];
	if (!decisions.some((d) => d.action !== 'keep')) return loaded;
	const qiNames = new Set(loaded.quasiIdentifiers.map((q) => q.name));
	let decided;
	try {
		decided = decideTable(
			loaded.table,
			loaded.quasiIdentifiers,
			decisions,
			loaded.table.columns.map((c) => c.name).filter((name) => !qiNames.has(name))
		);
	} catch (error) {
		throw new ConfigError((error as Error).message);
	}
	const hierarchies = { ...loaded.hierarchies };
	for (const q of decided.quasiIdentifiers) hierarchies[q.name] = q.hierarchy;
	// Data column order, as before.
	const byName = new Map(decided.table.columns.map((c) => [c.name, c]));
	const table = {
		rowCount: decided.table.rowCount,
		columns: loaded.table.columns.map((c) => byName.get(c.name)!)
	};
	const kept = decided.keptRows;
	return {
		...loaded,
		table,
		hierarchies,
		quasiIdentifiers: decided.quasiIdentifiers.map((q) => ({
			name: q.name,
			column: q.column,
			hierarchy: q.hierarchy
		})),
		researchSubset:
			loaded.researchSubset && kept
				? Uint8Array.from(kept, (row) => loaded.researchSubset![row])
				: loaded.researchSubset,
		suppressedByDecision: decided.suppressedByDecision,
		keptRows: kept
	};
}

/** Reads and validates the project file at configPath; every problem is a {@link ConfigError}. */
export async function loadProject(configPath: string): Promise<LoadedProject> {
	const { config, baseDir } = await readProjectConfig(configPath);
	return loadProjectFromConfig(config, baseDir);
}
