/**
 * `tokumei risk <config.json> [--records out.csv]`: the re-identification risk of the data, or of
 * the config's fixed transformation (default: every QI at level 0), as one JSON object on stdout
 * (issue 4). With --records, also one CSV row per input record: row,fk,Fk,risk,suda_score,dis_score.
 */
import { writeFile } from 'node:fs/promises';
import {
	analyzeRisk,
	type AreaRef,
	censusClassSizes,
	type CensusDimension,
	columnByName,
	ConfigError,
	type EncodedColumn,
	generalizeColumn,
	groupify,
	journalistRisk,
	marketerRisk,
	POPULATION_SOURCE,
	type RiskKey,
	type RiskResult,
	type RiskSensitive
} from '../../src/lib/engine';
import { loadProject, type LoadedProject } from '../load-project';

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

/**
 * Journalist and marketer risk against the built-in census (population.census): the released
 * classes get the population size of their census cell. Exact when every QI is mapped to a census
 * dimension; otherwise the census cell only bounds the population class from above.
 */
function censusJournalist(
	project: LoadedProject,
	census: Record<string, CensusDimension>,
	area: AreaRef,
	keys: KeyWithValues[],
	thresholds?: readonly number[]
) {
	const mapped = keys.filter((k) => census[k.name]);
	const classes = groupify(
		keys.map((k) => k.codes),
		keys.map((k) => k.cardinality),
		project.table.rowCount,
		project.researchSubset
	);
	let populationSizes: Int32Array;
	try {
		populationSizes = censusClassSizes(
			mapped.map((k) => ({ dimension: census[k.name], codes: k.codes, values: k.values })),
			classes.firstRow,
			classes.count,
			area
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

type KeyWithValues = RiskKey & { values: readonly string[] };

function keysOf(project: LoadedProject): KeyWithValues[] {
	const transformation = project.config.transformation ?? {};
	return project.quasiIdentifiers.map(({ name, column, hierarchy }) => {
		const level = transformation[name] ?? 0;
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

/** One line per analysed record; `row` is its record number in the data file (1-based). */
function recordsCsv(result: RiskResult, rowCount: number, keptRows: Int32Array | null): string {
	const lines = ['row,fk,Fk,risk,suda_score,dis_score'];
	const scores = result.suda?.scores;
	const dis = result.suda?.disScores;
	for (let i = 0; i < rowCount; i++) {
		lines.push(
			`${(keptRows ? keptRows[i] : i) + 1},${num(result.fk[i])},${num(result.Fk[i])},${num(result.risk[i])},` +
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
		const project = await loadProject(configPath);
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
		const population = project.config.population;
		const againstCensus =
			population && 'census' in population && population.census
				? censusJournalist(project, population.census, population.area ?? '00', keys, thresholds)
				: {};
		const elapsedMs = performance.now() - started;
		// Records suppressed by peculiar-value decisions are not analysed (as in the live session).
		const decided = project.keptRows !== null ? { suppressedByDecision: project.suppressedByDecision } : {};
		process.stdout.write(
			JSON.stringify({ ...result.report, ...againstCensus, ...decided, elapsedMs }, null, 2) + '\n'
		);
		if (recordsPath)
			await writeFile(recordsPath, recordsCsv(result, project.table.rowCount, project.keptRows));
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
