/**
 * The release record as one printable, standalone HTML page, in the same look as the single-table
 * record: the release summary first (inputs with SHA-256, totals, opt-out, linking, release checklist),
 * then one section per table rendered by the same body as the single-table page. Every text passes
 * through escapeHtml (html-kit.ts).
 */
import { e, heading, reportPage, table } from './html-kit';
import type { ReleaseRecord } from './release-record';
import { checklistTable, optOutTable, renderRecordBody } from './report-html';
import { LABELS, type ReportLanguage } from './report-labels';

export function renderReleaseRecordHtml(record: ReleaseRecord, language: ReportLanguage = 'ja'): string {
	const t = LABELS[language];
	const h2 = (text: string) => heading(2, text);
	const sections: string[] = [];
	sections.push(
		h2(t.summary) +
			table(
				[t.tool, t.created, t.preset, t.tables],
				[[record.toolVersion, record.createdAt, t[record.preset], record.totals.tables]]
			)
	);
	sections.push(
		h2(t.inputs) +
			table(
				[t.table, t.file, t.bytes, 'SHA-256', t.hashOf],
				record.inputs.map((f) => [
					f.table,
					f.name,
					f.bytes,
					f.sha256,
					f.sha256Of === 'loaded-table' ? t.hashOfTable : t.hashOfFile
				])
			)
	);
	sections.push(
		h2(t.totals) +
			table(['', t.before, t.after], [[t.records, record.totals.records.in, record.totals.records.out]])
	);
	sections.push(h2(t.releaseOptOut) + optOutTable(record.optOut, language));
	sections.push(
		h2(t.linking) +
			(record.linkedBy === null ? `<p>${e(t.notLinked)}</p>` : table([t.linkedBy], [[record.linkedBy]]))
	);
	sections.push(h2(t.releaseChecklist) + checklistTable(record.checklist, language));
	for (const { name, record: tableRecord } of record.tables) {
		sections.push(
			`<section class="table">\n${h2(`${t.table}: ${name}`)}\n` +
				renderRecordBody(tableRecord, language, 3).join('\n') +
				'\n</section>'
		);
	}
	return reportPage(language, t.releaseTitle, record.createdAt, sections.join('\n'));
}
