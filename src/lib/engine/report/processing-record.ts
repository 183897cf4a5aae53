/**
 * The processing record (加工の記録, DOMAIN.md §1.4 `processing-report.json`): what a privacy reviewer
 * files. Built only from the project, the apply summary and figures — never from rows — so it holds
 * no source value of an identifier and no key. Every free text goes through the HTML renderer's escaping.
 */
import type { ApplySummary } from '../apply/apply-rows';
import type { ProjectConfig } from '../config/project-config';
import { hierarchyToCsv } from '../hierarchy/arx-csv';
import type { Hierarchy } from '../hierarchy/hierarchy';
import type { RiskSummary } from '../risk/sample-risk';
import { sha256Hex } from '../project/project-file';
import { buildChecklist, type ChecklistItem, type PeculiarValueDecision, type Preset } from './checklist';

export interface InputFile {
	name: string;
	bytes: number;
	sha256: string;
	/**
	 * What the hash covers: the file's bytes (the default, what the CLI hashes), or, when the browser
	 * no longer has the file, the table as it was loaded, written as UTF-8 CSV (header, then records;
	 * fields quoted per RFC 4180 only where needed; LF line ends) — the content, not the file.
	 */
	sha256Of?: 'file' | 'loaded-table';
}

/** Risk figures (e.g. from risk/analyzeRisk) before and after: names → numbers only. */
export type RiskFigures = Record<string, number | null>;

export interface ProcessingRecordInput {
	toolVersion: string;
	/** ISO 8601 time of the processing. */
	createdAt: string;
	preset: Preset;
	config: ProjectConfig;
	projectHash: string;
	inputs: readonly InputFile[];
	summary: ApplySummary;
	hierarchies: Readonly<Record<string, Hierarchy>>;
	/** Default: the prosecutor risk the apply measured (summary.risk). */
	risk?: { before?: RiskFigures; after?: RiskFigures };
	decisions?: readonly PeculiarValueDecision[];
	operatorNote?: string;
}

export interface ColumnRecord {
	name: string;
	role: string;
	treatment: string;
	/** Generalization level and its hierarchy's height, for QIs. */
	level?: number;
	hierarchyHeight?: number;
}

export interface ProcessingRecord {
	format: 'tokumei-processing-record';
	version: 1;
	toolVersion: string;
	createdAt: string;
	preset: Preset;
	projectHash: string;
	inputs: InputFile[];
	records: { in: number; out: number };
	patients: { in: number | null; out: number | null };
	optOut: ApplySummary['optOut'];
	columns: ColumnRecord[];
	hierarchies: { attribute: string; height: number; leaves: number; sha256: string }[];
	privacyModels: ProjectConfig['privacy'];
	suppressionLimit: number;
	figures: {
		k: number;
		equivalenceClasses: number;
		/** Records suppressed for the privacy models (within the suppression limit). */
		suppressedRecords: number;
		/** Records suppressed by peculiar-value decisions (not counted against the limit). */
		suppressedByDecision: number;
		suppressedCells: number;
		informationLoss: number | number[] | null;
		qualityModel: string | null;
		/** Distinct-l reached per sensitive attribute. */
		distinctL: Record<string, number> | null;
	};
	risk: { before: RiskFigures | null; after: RiskFigures | null };
	checklist: ChecklistItem[];
	decisions: PeculiarValueDecision[];
	operatorNote: string | null;
	output: { encoding: string; delimiter: string; marker: string; suppressedRecords: string };
}

export async function buildProcessingRecord(input: ProcessingRecordInput): Promise<ProcessingRecord> {
	const { config, summary } = input;
	const columns: ColumnRecord[] = summary.columns.input.map((name) => {
		const role = config.attributes[name]?.role ?? 'insensitive';
		const column: ColumnRecord = { name, role, treatment: summary.settings.treatments[name] };
		if (name in summary.transformation) {
			column.level = summary.transformation[name];
			column.hierarchyHeight = input.hierarchies[name]?.height;
		}
		return column;
	});
	const hierarchies = await Promise.all(
		Object.entries(input.hierarchies).map(async ([attribute, h]) => ({
			attribute,
			height: h.height,
			leaves: h.levels[0].length,
			sha256: await sha256Hex(hierarchyToCsv(h))
		}))
	);
	// A decision's value is a source value: kept only for attributes that do not identify anyone.
	const decisions = (input.decisions ?? []).map((d) =>
		config.attributes[d.attribute]?.role === 'identifying' ? { ...d, value: undefined } : { ...d }
	);
	const { output } = summary.settings;
	return {
		format: 'tokumei-processing-record',
		version: 1,
		toolVersion: input.toolVersion,
		createdAt: input.createdAt,
		preset: input.preset,
		projectHash: input.projectHash,
		inputs: input.inputs.map((f) => ({ ...f })),
		records: { in: summary.recordsIn, out: summary.recordsOut },
		patients: { in: summary.patientsIn, out: summary.patientsOut },
		optOut: summary.optOut,
		columns,
		hierarchies,
		privacyModels: config.privacy ?? [],
		suppressionLimit: config.suppressionLimit ?? 0,
		figures: {
			k: summary.privacy.minClassSize,
			equivalenceClasses: summary.privacy.equivalenceClasses,
			suppressedRecords: summary.privacy.suppressedRecords,
			suppressedByDecision: summary.privacy.suppressedByDecision ?? 0,
			suppressedCells: summary.suppressedCells,
			informationLoss: summary.privacy.informationLoss,
			qualityModel: summary.privacy.qualityModel,
			distinctL: summary.privacy.distinctLReached ?? null
		},
		risk: input.risk
			? { before: input.risk.before ?? null, after: input.risk.after ?? null }
			: { before: riskFigures(summary.risk.before), after: riskFigures(summary.risk.after) },
		checklist: buildChecklist(input.preset, config, summary, decisions),
		decisions,
		operatorNote: input.operatorNote ?? null,
		output: {
			encoding: output.encoding,
			delimiter: output.delimiter === '\t' ? 'tab' : output.delimiter,
			marker: output.marker,
			suppressedRecords: output.suppressedRecords
		}
	};
}

/** Prosecutor risk as named figures (highest, average, share of records above each threshold). */
function riskFigures(summary: RiskSummary | null): RiskFigures | null {
	if (!summary) return null;
	const figures: RiskFigures = {
		'prosecutor risk, highest': summary.highest,
		'prosecutor risk, average': summary.average
	};
	for (const [threshold, share] of Object.entries(summary.recordsAtRisk)) {
		figures[`records with prosecutor risk > ${threshold}`] = share;
	}
	return figures;
}

/** The record as pretty JSON (stable: built with a fixed key order above). */
export function processingRecordJson(record: ProcessingRecord): string {
	return JSON.stringify(record, null, '\t') + '\n';
}
