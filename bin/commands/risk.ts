/**
 * `tokumei risk <config.json> [--records out.csv]`: the re-identification risk of the data, or of
 * the config's fixed transformation (default: every QI at level 0), as one JSON object on stdout
 * (issue 4). With --records, also one CSV row per input record: row,fk,Fk,risk,suda_score,dis_score.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, parseProjectConfig } from '../../src/lib/engine/config/project-config';
import { groupify } from '../../src/lib/engine/classes/groupify';
import {
	censusClassSizes,
	japanPopulationModel,
	POPULATION_SOURCE,
	type AreaRef,
	type CensusDimension
} from '../../src/lib/engine/jp/population';
import { journalistRisk, marketerRisk } from '../../src/lib/engine/risk/sample-risk';
import { generalizeColumn } from '../../src/lib/engine/hierarchy/hierarchy';
import {
	analyzeRisk,
	type RiskKey,
	type RiskResult,
	type RiskSensitive
} from '../../src/lib/engine/risk/risk-analysis';
import { columnByName, type EncodedColumn } from '../../src/lib/engine/table/encoded-table';
import { loadProjectFromConfig, type LoadedProject } from '../load-project';

/** Key values treated as missing (sdcMicro's NA; R reads both as NA from a CSV). */
const MISSING_KEY_VALUES = new Set(['', 'NA']);
/** Sensitive values counted as missing by l-diversity (sdcMicro's `missing = -999`). */
const MISSING_SENSITIVE_VALUES = new Set(['-999']);

const usage =
	'Usage: tokumei risk <config.json> [--records out.csv] [--thresholds 0.5,0.2,0.1,0.05] [--k 2,3,5]\n';

function flags(values: readonly string[], missing: ReadonlySet<string>): Uint8Array | undefined {
	const result = new Uint8Array(values.length);
	let any = false;
	values.forEach((value, code) => {
		if (missing.has(value)) {
			result[code] = 1;
			any = true;
		}
	});
	return any ? result : undefined;
}

/** `population.census`: which QI holds which census dimension, for journalist risk against the census. */
interface CensusMapping {
	area: AreaRef;
	columns: Record<string, CensusDimension>;
}

type RiskProject = LoadedProject & { census?: CensusMapping };

function censusMapping(spec: unknown, area: AreaRef): CensusMapping | undefined {
	if (spec === undefined) return undefined;
	if (!spec || typeof spec !== 'object' || Array.isArray(spec)) {
		throw new ConfigError('population.census: expected {"<column>": "area" | "sex" | "age", ...}');
	}
	const columns: Record<string, CensusDimension> = {};
	for (const [name, dimension] of Object.entries(spec as Record<string, unknown>)) {
		if (dimension !== 'area' && dimension !== 'sex' && dimension !== 'age') {
			throw new ConfigError(`population.census.${name}: expected "area", "sex" or "age"`);
		}
		columns[name] = dimension;
	}
	return { area, columns };
}

/**
 * Journalist and marketer risk against the built-in census (population.census): the released
 * classes get the population size of their census cell. Exact when every QI is mapped to a census
 * dimension; otherwise the census cell only bounds the population class from above.
 */
function censusJournalist(project: RiskProject, keys: KeyWithValues[], thresholds?: readonly number[]) {
	const census = project.census!;
	const mapped = keys.filter((k) => census.columns[k.name]);
	for (const name of Object.keys(census.columns)) {
		if (!keys.some((k) => k.name === name)) {
			throw new ConfigError(`population.census.${name}: "${name}" is not a quasi-identifying attribute`);
		}
	}
	const classes = groupify(
		keys.map((k) => k.codes),
		keys.map((k) => k.cardinality),
		project.table.rowCount,
		project.researchSubset
	);
	let populationSizes: Int32Array;
	try {
		populationSizes = censusClassSizes(
			mapped.map((k) => ({ dimension: census.columns[k.name], codes: k.codes, values: k.values })),
			classes.firstRow,
			classes.count,
			census.area
		);
	} catch (error) {
		throw new ConfigError(`population.census: ${(error as Error).message}`);
	}
	return {
		journalist: {
			...journalistRisk(classes.sizes, populationSizes, thresholds),
			populationTable: {
				source: POPULATION_SOURCE,
				attributes: mapped.map((k) => k.name),
				exact: mapped.length === keys.length
			}
		},
		marketer: { average: marketerRisk(classes.sizes, populationSizes) }
	};
}

/**
 * Loads the project. The shared config parser requires a hierarchy for every QI, but risk configs
 * (sdcMicro's key variables) often have none: such QIs are loaded as insensitive columns and put
 * back as QIs (level 0 only) here, in data column order.
 */
async function loadRiskProject(configPath: string): Promise<RiskProject> {
	const file = path.resolve(configPath);
	let json: Record<string, unknown>;
	try {
		json = JSON.parse(await readFile(file, 'utf-8'));
	} catch (error) {
		throw new ConfigError(`config: cannot read "${file}" as JSON (${(error as Error).message})`);
	}
	const bare = new Set<string>();
	const attributes = json?.attributes;
	if (attributes && typeof attributes === 'object') {
		const copy: Record<string, unknown> = {};
		for (const [name, spec] of Object.entries(attributes as Record<string, Record<string, unknown>>)) {
			if (spec && spec.role === 'quasi-identifying' && spec.hierarchy === undefined) {
				bare.add(name);
				copy[name] = { ...spec, role: 'insensitive' };
			} else copy[name] = spec;
		}
		json = { ...json, attributes: copy };
	}
	const transformation = json.transformation as Record<string, unknown> | undefined;
	if (transformation && typeof transformation === 'object') {
		const kept: Record<string, unknown> = {};
		for (const [name, level] of Object.entries(transformation)) {
			if (!bare.has(name)) kept[name] = level;
			else if (level !== 0) {
				throw new ConfigError(`transformation.${name}: level ${level} needs a hierarchy for "${name}"`);
			}
		}
		json = { ...json, transformation: kept };
	}
	// The built-in census population: "population": {"area": "00" | "13" | "東京都"} (全国 or a prefecture).
	const population = json.population as Record<string, unknown> | undefined;
	let census: CensusMapping | undefined;
	if (population && typeof population === 'object' && 'area' in population) {
		const area = population.area;
		census = censusMapping(population.census, area as AreaRef);
		if (typeof area !== 'string' && typeof area !== 'number') {
			throw new ConfigError(
				'population.area: expected "00" (全国), a JIS prefecture code or a prefecture name'
			);
		}
		try {
			json = { ...json, population: japanPopulationModel(area as AreaRef) };
		} catch (error) {
			throw new ConfigError(`population.area: ${(error as Error).message}`);
		}
	}
	const loaded = await loadProjectFromConfig(parseProjectConfig(json), path.dirname(file));
	const project: RiskProject = { ...loaded, census };
	if (bare.size === 0) return project;
	const quasiIdentifiers = project.table.columns
		.filter((c) => bare.has(c.name) || project.quasiIdentifiers.some((q) => q.name === c.name))
		.map((c) => project.quasiIdentifiers.find((q) => q.name === c.name) ?? { name: c.name, column: c });
	return {
		...project,
		quasiIdentifiers: quasiIdentifiers as LoadedProject['quasiIdentifiers'],
		insensitive: project.insensitive.filter((name) => !bare.has(name))
	};
}

type KeyWithValues = RiskKey & { values: readonly string[] };

function keysOf(project: LoadedProject): KeyWithValues[] {
	const transformation = project.config.transformation ?? {};
	return project.quasiIdentifiers.map(({ name, column, hierarchy }) => {
		const level = transformation[name] ?? 0;
		// QIs without a hierarchy (see loadRiskProject) only have their original values.
		if (!hierarchy) {
			return {
				name,
				codes: column.codes,
				cardinality: column.values.length,
				values: column.values,
				missing: flags(column.values, MISSING_KEY_VALUES)
			};
		}
		if (level >= hierarchy.height) {
			throw new ConfigError(
				`transformation.${name}: level ${level} is outside the hierarchy of "${name}" (0..${hierarchy.height - 1})`
			);
		}
		const generalized = generalizeColumn(column, hierarchy, level);
		return {
			name,
			codes: generalized.codes,
			cardinality: generalized.cardinality,
			values: generalized.values,
			missing: flags(generalized.values, MISSING_KEY_VALUES)
		};
	});
}

function column(project: LoadedProject, name: string, field: string): EncodedColumn {
	try {
		return columnByName(project.table, name);
	} catch {
		throw new ConfigError(`${field}: no column "${name}" in the data`);
	}
}

function weightsOf(project: LoadedProject): Float64Array | undefined {
	const name = project.config.weights;
	if (name === undefined) return undefined;
	const weights = column(project, name, 'weights');
	const byCode = weights.values.map((value) => {
		const number = Number(value);
		if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
			throw new ConfigError(`weights: value "${value}" of column "${name}" is not a positive number`);
		}
		return number;
	});
	return Float64Array.from(weights.codes, (code) => byCode[code]);
}

function sensitiveOf(project: LoadedProject): RiskSensitive[] {
	return project.sensitive.map((name) => {
		const c = columnByName(project.table, name);
		return { name, codes: c.codes, missing: flags(c.values, MISSING_SENSITIVE_VALUES) };
	});
}

/** Shortest text that reads back as the same double (JSON and CSV alike). */
const num = (value: number) => (Number.isFinite(value) ? String(value) : value > 0 ? 'Inf' : 'NaN');

function recordsCsv(result: RiskResult, rowCount: number): string {
	const lines = ['row,fk,Fk,risk,suda_score,dis_score'];
	const scores = result.suda?.scores;
	const dis = result.suda?.disScores;
	for (let i = 0; i < rowCount; i++) {
		lines.push(
			`${i + 1},${num(result.fk[i])},${num(result.Fk[i])},${num(result.risk[i])},` +
				`${scores ? num(scores[i]) : ''},${dis ? num(dis[i]) : ''}`
		);
	}
	return lines.join('\n') + '\n';
}

interface RiskArgs {
	configPath: string;
	recordsPath?: string;
	thresholds?: number[];
	kValues?: number[];
}

function numberList(value: string | undefined, option: string, integer: boolean): number[] {
	const list = (value ?? '').split(',').map((v) => Number(v.trim()));
	if (
		list.length === 0 ||
		list.some((v) => !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v)))
	) {
		throw new ConfigError(
			`${option}: expected a comma-separated list of ${integer ? 'integers ≥ 1' : 'numbers > 0'}`
		);
	}
	return list;
}

function parseArgs(args: string[]): RiskArgs {
	let configPath: string | undefined;
	let recordsPath: string | undefined;
	let thresholds: number[] | undefined;
	let kValues: number[] | undefined;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--thresholds') thresholds = numberList(args[++i], '--thresholds', false);
		else if (arg === '--k') kValues = numberList(args[++i], '--k', true);
		else if (arg === '--records') {
			recordsPath = args[++i];
			if (!recordsPath) throw new ConfigError('--records needs a file name');
		} else if (arg.startsWith('--records=')) recordsPath = arg.slice('--records='.length);
		else if (arg.startsWith('-')) throw new ConfigError(`unknown option "${arg}"`);
		else if (configPath === undefined) configPath = arg;
		else throw new ConfigError(`unexpected argument "${arg}"`);
	}
	if (!configPath) throw new ConfigError('missing <config.json>');
	return { configPath, recordsPath, thresholds, kValues };
}

export async function run(args: string[]): Promise<number> {
	try {
		const { configPath, recordsPath, thresholds, kValues } = parseArgs(args);
		const project = await loadRiskProject(configPath);
		const started = performance.now();
		const household = project.config.household;
		const keys = keysOf(project);
		const result = analyzeRisk({
			rowCount: project.table.rowCount,
			keys,
			weights: weightsOf(project),
			household: household === undefined ? undefined : column(project, household, 'household').codes,
			sensitive: sensitiveOf(project),
			population: project.config.population,
			researchSubset: project.researchSubset,
			thresholds,
			kValues,
			suda: project.config.suda ?? {}
		});
		const againstCensus = project.census ? censusJournalist(project, keys, thresholds) : {};
		const elapsedMs = performance.now() - started;
		process.stdout.write(JSON.stringify({ ...result.report, ...againstCensus, elapsedMs }, null, 2) + '\n');
		if (recordsPath) await writeFile(recordsPath, recordsCsv(result, project.table.rowCount));
		return 0;
	} catch (error) {
		const e = error as Error & { code?: string };
		if (e.code === 'BAD_CONFIG' || e.code === 'BAD_HIERARCHY' || e.code === 'UNKNOWN_COLUMN') {
			process.stderr.write(`tokumei risk: ${e.message}\n${e.message.startsWith('missing') ? usage : ''}`);
			return 2;
		}
		process.stderr.write(`tokumei risk: ${e.stack ?? e.message}\n`);
		return 1;
	}
}
