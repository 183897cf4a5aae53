/**
 * The record of a browser release (加工の記録): one processing record per table, built as `tokumei
 * apply --report` builds it; for several tables, the release record around them (every input, the
 * release-wide opt-out counts, how the tables are linked). Built from the project and the applies'
 * summaries only: no source value of an identifier, no key.
 */
import type { ApplySummary } from '$lib/engine/apply/apply-rows';
import type { ProjectConfig } from '$lib/engine/config/project-config';
import type { Hierarchy } from '$lib/engine/hierarchy/hierarchy';
import type { OptOutCounts } from '$lib/engine/optout/opt-out';
import { projectHash } from '$lib/engine/project/project-file';
import { presetOfProject, type PeculiarValueDecision, type Preset } from '$lib/engine/report/checklist';
import { EngineError } from '$lib/workbench/errors';
import {
	buildProcessingRecord,
	processingRecordJson,
	type InputFile,
	type ProcessingRecord
} from '$lib/engine/report/processing-record';
import {
	buildReleaseRecord,
	releaseRecordJson,
	renderReleaseRecordHtml
} from '$lib/engine/report/release-record';
import { renderProcessingRecordHtml } from '$lib/engine/report/report-html';
import { version } from '../package.json';
import type { ExportOutcome } from './export-types';

/**
 * The one preset of a release: its tables are provided under one framework (匿名加工, 仮名加工 or HIPAA),
 * so tables designed under different presets are refused before any work.
 */
export function releasePreset(tables: readonly { name: string; config: ProjectConfig }[]): Preset {
	const presets = tables.map((t) => presetOfProject(t.config));
	if (new Set(presets).size > 1) {
		throw new EngineError(
			'MIXED_PRESETS',
			`The tables of a release are processed under one preset: ${tables
				.map((t, i) => `${t.name}: ${presets[i]}`)
				.join(', ')}. Apply the same preset to each, or release them separately.`
		);
	}
	return presets[0];
}

/** The project's peculiar-value decisions as the record lists them (as `tokumei apply --report` does). */
function recordDecisions(project: ProjectConfig): PeculiarValueDecision[] {
	return (project.decisions ?? []).map(({ attribute, value, action, note }) => ({
		attribute,
		value,
		action,
		note: note ?? ''
	}));
}

/** One table of the release as its record sees it. */
export interface RecordedTable {
	readonly name: string;
	readonly config: ProjectConfig;
	readonly hierarchies: Readonly<Record<string, Hierarchy>>;
	readonly input: InputFile;
	readonly summary: ApplySummary;
}

export type ReleaseRecordOutcome = Pick<ExportOutcome, 'record' | 'recordJson' | 'recordHtml'>;

/** The processing record of one table, or the release record of several, as JSON and HTML (ja, en). */
export async function releaseRecordOf(
	tables: readonly RecordedTable[],
	release: { optOut: OptOutCounts | null; linkedBy: string | null }
): Promise<ReleaseRecordOutcome> {
	const createdAt = new Date().toISOString();
	const records: ProcessingRecord[] = [];
	for (const t of tables) {
		records.push(
			await buildProcessingRecord({
				toolVersion: version,
				createdAt,
				preset: presetOfProject(t.config),
				config: t.config,
				projectHash: await projectHash(t.config),
				inputs: [t.input],
				summary: t.summary,
				hierarchies: t.hierarchies,
				decisions: recordDecisions(t.config)
			})
		);
	}
	if (records.length === 1) {
		const [record] = records;
		return {
			record,
			recordJson: processingRecordJson(record),
			recordHtml: {
				ja: renderProcessingRecordHtml(record, 'ja'),
				en: renderProcessingRecordHtml(record, 'en')
			}
		};
	}
	const record = buildReleaseRecord({
		toolVersion: version,
		createdAt,
		preset: records[0].preset,
		tables: tables.map((t, i) => ({ name: t.name, record: records[i] })),
		optOut: release.optOut,
		linkedBy: release.linkedBy
	});
	return {
		record,
		recordJson: releaseRecordJson(record),
		recordHtml: { ja: renderReleaseRecordHtml(record, 'ja'), en: renderReleaseRecordHtml(record, 'en') }
	};
}
