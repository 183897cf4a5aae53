/**
 * The processing record as one printable, standalone HTML page (no scripts, no external resources;
 * Japanese text in the system's fonts; the browser prints it to PDF). Every text that comes from the
 * project or the data passes through escapeHtml (html-kit.ts). The per-table body is rendered by
 * {@link renderRecordBody}, which the release page (release-html.ts) reuses for each of its tables.
 */
import type { ChecklistItem } from './checklist';
import type { ProcessingRecord } from './processing-record';
import { e, escapeHtml, heading, reportPage, table } from './html-kit';
import { codeName, LABELS, type ReportLanguage } from './report-labels';

export { escapeHtml, type ReportLanguage };

function formatLoss(loss: number | number[] | null): string {
	if (loss === null) return '—';
	return Array.isArray(loss) ? loss.map((v) => v.toPrecision(6)).join(', ') : loss.toPrecision(6);
}

export function optOutTable(o: ProcessingRecord['optOut'], language: ReportLanguage): string {
	const t = LABELS[language];
	return o
		? table(
				[t.optOutEntries, t.optOutMatched, t.optOutRefused, t.optOutNotice, t.optOutPatients],
				[[o.entries, o.matchedEntries, o.refusedRecords, o.noticePeriodRecords, o.patientsRemoved]]
			)
		: `<p>${e(t.none)}</p>`;
}

export function checklistTable(items: readonly ChecklistItem[], language: ReportLanguage): string {
	const t = LABELS[language];
	return table(
		[t.item, t.status, t.evidence],
		items.map((c) => [c.title[language], t[c.status], c.evidence[language]])
	);
}

/** One table's record, from its tool/preset line to its output format: a list of HTML fragments. */
export function renderRecordBody(record: ProcessingRecord, language: ReportLanguage, level = 2): string[] {
	const t = LABELS[language];
	const h = (text: string) => heading(level, text);
	const sections: string[] = [];
	sections.push(
		table(
			[t.tool, t.created, t.preset, t.projectHash],
			[[record.toolVersion, record.createdAt, t[record.preset], record.projectHash]]
		)
	);
	sections.push(
		h(t.inputs) +
			table(
				[t.file, t.bytes, 'SHA-256', t.hashOf],
				record.inputs.map((f) => [
					f.name,
					f.bytes,
					f.sha256,
					f.sha256Of === 'loaded-table' ? t.hashOfTable : t.hashOfFile
				])
			)
	);
	sections.push(
		h(t.counts) +
			table(
				['', t.before, t.after],
				[
					[t.records, record.records.in, record.records.out],
					[t.patients, record.patients.in, record.patients.out]
				]
			)
	);
	sections.push(h(t.optOut) + optOutTable(record.optOut, language));
	sections.push(
		h(t.columns) +
			table(
				[t.column, t.role, t.treatment, t.level],
				record.columns.map((c) => [
					c.name,
					codeName(c.role, language),
					codeName(c.treatment, language),
					c.level === undefined ? '' : `${c.level} / ${(c.hierarchyHeight ?? 1) - 1}`
				])
			)
	);
	sections.push(
		h(t.hierarchies) +
			table(
				[t.attribute, t.height, t.leaves, 'SHA-256'],
				record.hierarchies.map((x) => [x.attribute, x.height, x.leaves, x.sha256])
			)
	);
	const f = record.figures;
	sections.push(
		h(t.models) +
			table(
				[t.model, t.parameters],
				(record.privacyModels ?? []).map((m) => {
					const { model, ...parameters } = m;
					return [
						model,
						Object.entries(parameters)
							.map(([k, v]) => `${k} = ${v}`)
							.join(', ')
					];
				})
			) +
			table(
				[
					t.suppressionLimit,
					t.k,
					'l',
					t.classes,
					t.suppressedRecords,
					t.suppressedByDecision,
					t.suppressedCells,
					t.loss
				],
				[
					[
						`${(record.suppressionLimit * 100).toFixed(2)} %`,
						f.k,
						f.distinctL
							? Object.entries(f.distinctL)
									.map(([name, l]) => `${name}: ${l}`)
									.join(', ')
							: '—',
						f.equivalenceClasses,
						f.suppressedRecords,
						f.suppressedByDecision,
						f.suppressedCells,
						`${formatLoss(f.informationLoss)}${f.qualityModel ? ` (${f.qualityModel})` : ''}`
					]
				]
			)
	);
	const riskNames = [
		...new Set([...Object.keys(record.risk.before ?? {}), ...Object.keys(record.risk.after ?? {})])
	];
	if (riskNames.length > 0) {
		sections.push(
			h(t.risk) +
				table(
					[t.measure, t.before, t.after],
					riskNames.map((name) => [name, record.risk.before?.[name], record.risk.after?.[name]])
				)
		);
	}
	sections.push(h(t.checklist) + checklistTable(record.checklist, language));
	sections.push(
		h(t.decisions) +
			(record.decisions.length > 0
				? table(
						[t.attribute, t.value, t.action, t.note],
						record.decisions.map((d) => [d.attribute, d.value, d.action, d.note])
					)
				: `<p>${e(t.none)}</p>`)
	);
	if (record.operatorNote) sections.push(`${h(t.operatorNote)}<p class="note">${e(record.operatorNote)}</p>`);
	const out = record.output;
	sections.push(
		h(t.output) +
			table(
				['encoding', 'delimiter', 'marker', 'suppressed records'],
				[[out.encoding, out.delimiter, out.marker, out.suppressedRecords]]
			)
	);
	return sections;
}

export function renderProcessingRecordHtml(
	record: ProcessingRecord,
	language: ReportLanguage = 'ja'
): string {
	const t = LABELS[language];
	return reportPage(language, t.title, record.createdAt, renderRecordBody(record, language).join('\n'));
}
