/**
 * Node-only loader of a project file: reads the config, the data file and the hierarchy files
 * (paths relative to the config file), encodes the table and checks that every value of every
 * quasi-identifier is covered by its hierarchy. Shared by the `search`, `risk` and `apply` commands.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { hierarchyFromCsv } from '../src/lib/engine/hierarchy/arx-csv';
import { buildHierarchyRows, validateHierarchySpec } from '../src/lib/engine/hierarchy/builders';
import { hierarchyFromRows, missingValues, type Hierarchy } from '../src/lib/engine/hierarchy/hierarchy';
import {
	ConfigError,
	parseProjectConfig,
	type HierarchyConfig,
	type ProjectConfig
} from '../src/lib/engine/config/project-config';
import { encodeCsvText } from '../src/lib/engine/table/csv';
import type { EncodedColumn, EncodedTable } from '../src/lib/engine/table/encoded-table';

export interface LoadedQuasiIdentifier {
	name: string;
	column: EncodedColumn;
	hierarchy: Hierarchy;
}

export interface LoadedProject {
	config: ProjectConfig;
	baseDir: string;
	table: EncodedTable;
	/** In data column order. */
	quasiIdentifiers: LoadedQuasiIdentifier[];
	sensitive: string[];
	identifying: string[];
	/** Columns listed as insensitive plus columns the config does not mention. */
	insensitive: string[];
	/** Every hierarchy the config gives, by attribute (QIs and e.g. sensitive attributes for t-closeness). */
	hierarchies: Record<string, Hierarchy>;
	/**
	 * Rows of the research subset (δ-presence, k-map with a subset): 1 = in the subset. Rows are matched
	 * by content, each subset row claiming one data row, as ARX's DataSubset.create(data, subset) does.
	 */
	researchSubset?: Uint8Array;
}

async function readText(file: string, what: string, encoding = 'utf-8'): Promise<string> {
	let bytes: Buffer;
	try {
		bytes = await readFile(file);
	} catch (error) {
		throw new ConfigError(
			`${what}: cannot read "${file}" (${(error as NodeJS.ErrnoException).code ?? error})`
		);
	}
	try {
		return new TextDecoder(encoding, { fatal: true }).decode(bytes);
	} catch (error) {
		throw new ConfigError(`${what}: "${file}" is not valid ${encoding} (${(error as Error).message})`);
	}
}

async function loadHierarchy(
	attribute: string,
	spec: HierarchyConfig,
	baseDir: string,
	values: readonly string[]
): Promise<{ hierarchy: Hierarchy; source: string }> {
	const field = `attributes.${attribute}.hierarchy`;
	try {
		if ('builder' in spec) {
			// Builders (hierarchy/builders) generate the rows from the column's distinct values.
			const rows = buildHierarchyRows(values, validateHierarchySpec(spec, field));
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
	const text = await readText(dataFile, 'data.path', config.data.encoding ?? 'utf-8');
	const table = encodeCsvText(text, config.data.delimiter);
	if (table.columns.length === 0) throw new ConfigError(`data.path: "${dataFile}" has no header`);

	const names = new Set(table.columns.map((c) => c.name));
	for (const name of Object.keys(config.attributes)) {
		if (!names.has(name)) {
			throw new ConfigError(
				`attributes.${name}: no column "${name}" in "${dataFile}" (columns: ${[...names].join(', ')})`
			);
		}
	}

	const hierarchies: Record<string, Hierarchy> = {};
	const quasiIdentifiers: LoadedQuasiIdentifier[] = [];
	const loaded: LoadedProject = {
		config,
		baseDir,
		table,
		quasiIdentifiers,
		sensitive: [],
		identifying: [],
		insensitive: [],
		hierarchies
	};
	for (const column of table.columns) {
		const attribute = config.attributes[column.name];
		const role = attribute?.role ?? 'insensitive';
		if (attribute?.hierarchy) {
			const { hierarchy, source } = await loadHierarchy(
				column.name,
				attribute.hierarchy,
				baseDir,
				column.values
			);
			const missing = missingValues(column, hierarchy);
			if (missing.length > 0 && (role === 'quasi-identifying' || role === 'sensitive')) {
				const shown = missing
					.slice(0, 5)
					.map((v) => `"${v}"`)
					.join(', ');
				throw new ConfigError(
					`attributes.${column.name}.hierarchy: value ${shown}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''} ` +
						`of column "${column.name}" is missing from the hierarchy ${source}`
				);
			}
			hierarchies[column.name] = hierarchy;
		}
		if (role === 'quasi-identifying') {
			quasiIdentifiers.push({ name: column.name, column, hierarchy: hierarchies[column.name] });
		} else if (role === 'sensitive') loaded.sensitive.push(column.name);
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
		const subsetText = await readText(file, 'privacy[].subset', config.data.encoding ?? 'utf-8');
		loaded.researchSubset = matchSubset(table, encodeCsvText(subsetText, config.data.delimiter), file);
	}
	return loaded;
}

/** Reads and validates the project file at configPath; every problem is a {@link ConfigError}. */
export async function loadProject(configPath: string): Promise<LoadedProject> {
	const file = path.resolve(configPath);
	const text = await readText(file, 'config');
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new ConfigError(`config: "${file}" is not valid JSON (${(error as Error).message})`);
	}
	return loadProjectFromConfig(parseProjectConfig(json), path.dirname(file));
}
