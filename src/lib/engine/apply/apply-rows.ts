/**
 * Applies a project to one table in two streaming passes (the browser export and `tokumei apply`
 * share this function, so their outputs are byte-identical):
 *  1. opt-out exclusion, then the class census of the generalized QIs (class-census.ts) and the
 *     engine's suppression decision (suppression.ts);
 *  2. opt-out exclusion again, then each record transformed (row-transformer.ts) and written
 *     (export/delimited-writer.ts).
 * Memory is bounded by the number of classes (× distinct sensitive values), the hierarchies, one
 * batch of rows, the mapper caches (KeyedMapper.maxCached) and, for the patient counts of the
 * record, the distinct patient IDs — never by the number of rows.
 */
import type { ProjectConfig } from '../config/project-config';
import { DelimitedWriter } from '../export/delimited-writer';
import type { Hierarchy } from '../hierarchy/hierarchy';
import type { OptOutCounts, OptOutEntry } from '../optout/opt-out';
import { OptOutMatcher } from '../optout/opt-out';
import { normalizePatientId } from '../optout/normalize';
import { KeyedMapper } from '../pseudonym/keyed-mapper';
import { applySettings, type ApplySettings } from './apply-config';
import { ClassCensus, qiGeneralizers, type QiGeneralizer } from './class-census';
import { RowTransformer } from './row-transformer';
import { classSizeHistogram } from '../risk/class-histogram';
import { prosecutorRisk, type RiskSummary } from '../risk/sample-risk';
import { decideSuppression, type SuppressionDecision, type SuppressionFigures } from './suppression';

export interface ApplyProject {
	readonly config: ProjectConfig;
	/** Hierarchies by attribute (every QI's, and a sensitive attribute's for hierarchical t-closeness). */
	readonly hierarchies: Readonly<Record<string, Hierarchy>>;
}

/** A table read as batches of records (header excluded); `batches` is called once per pass. */
export interface ApplyInput {
	readonly header: readonly string[];
	batches(): AsyncIterable<readonly (readonly string[])[]>;
}

export interface ApplyOptions {
	/** The user's secret key (pseudonym treatment; makes date shifts stable across releases). */
	pseudonymKey?: Uint8Array;
	optOut?: readonly OptOutEntry[];
	/**
	 * The release's surrogate mapper: pass the same one to every table of a release so its surrogates
	 * (and key-less date shifts) agree across tables; a fresh one is made otherwise.
	 */
	release?: KeyedMapper;
	/** Overrides of the project's `output` settings (e.g. from CLI flags). */
	output?: Partial<ApplySettings['output']>;
}

export interface ApplySummary {
	recordsIn: number;
	recordsOut: number;
	/** Distinct patient IDs (null without `patient.id`). */
	patientsIn: number | null;
	patientsOut: number | null;
	optOut: OptOutCounts | null;
	transformation: Record<string, number>;
	privacy: SuppressionFigures;
	/** Prosecutor risk (ARX's measures: 1 / class size) before and after; suppressed records excluded after. */
	risk: ApplyPlan['risk'];
	suppressedCells: number;
	columns: { input: string[]; output: string[] };
	settings: ApplySettings;
}

/** What pass 1 establishes: settings, generalizers, the suppression decision and the input counts. */
export interface ApplyPlan {
	readonly header: string[];
	readonly settings: ApplySettings;
	readonly qis: QiGeneralizer[];
	readonly decision: SuppressionDecision;
	readonly matcher: OptOutMatcher | null;
	readonly recordsIn: number;
	readonly patientsIn: number | null;
	/** Prosecutor risk of the original QIs (null when not counted, see MAX_RAW_CLASSES) and of the release. */
	readonly risk: { before: RiskSummary | null; after: RiskSummary };
}

/** Pass 1: opt-out exclusion and the class census, then the engine's suppression decision. */
export async function planApply(
	project: ApplyProject,
	input: ApplyInput,
	options: ApplyOptions = {}
): Promise<ApplyPlan> {
	const { config, hierarchies } = project;
	const header = [...input.header];
	const base = applySettings(config, header);
	const settings: ApplySettings = { ...base, output: { ...base.output, ...options.output } };
	const qis = qiGeneralizers(header, config, hierarchies);
	const sensitive = header.flatMap((name, column) =>
		config.attributes[name]?.role === 'sensitive' ? [{ name, column }] : []
	);
	const matcher =
		options.optOut && options.optOut.length > 0
			? new OptOutMatcher(options.optOut, header, settings.patient, settings.output.noticeDays)
			: null;
	const patientColumn = settings.patient.id === undefined ? -1 : header.indexOf(settings.patient.id);
	const census = new ClassCensus(qis, sensitive);
	const patients = patientColumn >= 0 ? new Set<string>() : null;
	let recordsIn = 0;
	for await (const batch of input.batches()) {
		for (const row of batch) {
			recordsIn++;
			if (patients) patients.add(normalizePatientId(row[patientColumn] ?? ''));
			if (matcher && matcher.check(row) !== 'keep') continue;
			census.add(row);
		}
	}
	const patientsIn = patients ? patients.size : null;
	const counted = census.finish();
	const decision = decideSuppression(counted, qis, config, hierarchies);
	const risk = {
		before: counted.rawClassSizes ? prosecutorRisk(classSizeHistogram(counted.rawClassSizes)) : null,
		after: prosecutorRisk(classSizeHistogram(decision.releasedClassSizes))
	};
	return { header, settings, qis, decision, matcher, recordsIn, patientsIn, risk };
}

/** Yields the encoded output file chunk by chunk and returns the summary. */
export async function* applyRows(
	project: ApplyProject,
	input: ApplyInput,
	options: ApplyOptions = {}
): AsyncGenerator<Uint8Array, ApplySummary> {
	const { header, settings, qis, decision, matcher, recordsIn, patientsIn, risk } = await planApply(
		project,
		input,
		options
	);
	const patientColumn = settings.patient.id === undefined ? -1 : header.indexOf(settings.patient.id);

	// Pass 2: transform and write.
	const mappers = {
		pseudonym: options.pseudonymKey
			? await KeyedMapper.fromKeyBytes(options.pseudonymKey, settings.output.dateShiftDays)
			: undefined,
		release: options.release ?? (await KeyedMapper.ephemeral(settings.output.dateShiftDays))
	};
	const transformer = new RowTransformer(header, qis, settings, decision, mappers);
	// 64 K characters per chunk: the buffered record strings die young (measured: 1 M-character chunks
	// let them reach the old generation and double the GC time). The chunk size never changes the bytes.
	const writer = new DelimitedWriter(
		{ encoding: settings.output.encoding, delimiter: settings.output.delimiter },
		1 << 16
	);
	const patientsOut = patientColumn >= 0 ? new Set<string>() : null;
	matcher?.resetCounts();
	let recordsOut = 0;
	let record = 0;
	const first = writer.write(transformer.header);
	if (first) yield first;
	for await (const batch of input.batches()) {
		const kept = matcher ? batch.filter((row) => matcher.check(row) === 'keep') : batch;
		await transformer.prepare(kept);
		for (const row of kept) {
			const out = transformer.transform(row, ++record);
			if (!out) continue;
			recordsOut++;
			if (patientsOut) patientsOut.add(normalizePatientId(row[patientColumn] ?? ''));
			const chunk = writer.write(out);
			if (chunk) yield chunk;
		}
	}
	const last = writer.flush();
	if (last.length > 0) yield last;
	return {
		recordsIn,
		recordsOut,
		patientsIn,
		patientsOut: patientsOut ? patientsOut.size : null,
		optOut: matcher ? matcher.counts() : null,
		transformation: Object.fromEntries(qis.map((q) => [q.name, q.level])),
		privacy: decision.figures,
		risk,
		suppressedCells: transformer.suppressedCells,
		columns: { input: header, output: transformer.header },
		settings
	};
}
