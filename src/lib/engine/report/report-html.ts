/**
 * The processing record as one printable, standalone HTML page (no scripts, no external resources;
 * Japanese text in the system's fonts; the browser prints it to PDF). Every text that comes from the
 * project or the data passes through {@link escapeHtml}.
 */
import type { ProcessingRecord } from './processing-record';

export type ReportLanguage = 'ja' | 'en';

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const LABELS = {
	ja: {
		title: '加工の記録',
		tool: 'ツールのバージョン',
		created: '作成日時',
		preset: '加工の種類',
		anonymous: '匿名加工',
		pseudonymous: '仮名加工',
		projectHash: 'プロジェクトファイルの SHA-256',
		inputs: '入力ファイル',
		hashOf: 'ハッシュの対象',
		hashOfFile: 'ファイルのバイト列',
		hashOfTable: '読み込んだ表の内容（UTF-8 CSV に書き直したもの）',
		file: 'ファイル',
		bytes: 'バイト数',
		counts: '件数',
		records: 'レコード',
		patients: '患者',
		before: '加工前',
		after: '加工後',
		optOut: '提供停止（オプトアウト）',
		optOutEntries: 'リストの件数',
		optOutMatched: '該当したリストの件数',
		optOutRefused: '提供停止により除外したレコード',
		optOutNotice: '通知期間内のため除外したレコード',
		optOutPatients: '除外した患者数',
		none: 'なし',
		columns: '列ごとの役割と処理',
		column: '列',
		role: '役割',
		treatment: '処理',
		level: '一般化レベル',
		hierarchies: '階層',
		height: '段数',
		leaves: '葉の数',
		models: 'プライバシーモデルと達成値',
		model: 'モデル',
		parameters: 'パラメータ',
		suppressionLimit: '抑制の上限',
		k: '最小クラスサイズ（k）',
		classes: '同値クラス数',
		suppressedRecords: '抑制したレコード',
		suppressedByDecision: '特異な記述の判断で抑制したレコード',
		suppressedCells: '抑制したセル',
		loss: '情報損失',
		risk: '再識別リスク',
		measure: '指標',
		checklist: 'チェックリスト',
		item: '措置',
		status: '状態',
		evidence: '根拠',
		met: '充足',
		review: '要確認',
		decisions: '特異な記述等についての判断',
		attribute: '属性',
		value: '値',
		action: '判断',
		note: 'メモ',
		operatorNote: '担当者のメモ',
		output: '出力形式',
		footer: 'この記録には識別子の元の値および鍵は含まれていません。'
	},
	en: {
		title: 'Processing record',
		tool: 'Tool version',
		created: 'Created',
		preset: 'Processing type',
		anonymous: '匿名加工 (anonymization)',
		pseudonymous: '仮名加工 (pseudonymization)',
		projectHash: 'Project file SHA-256',
		inputs: 'Input files',
		hashOf: 'Hash of',
		hashOfFile: 'the file bytes',
		hashOfTable: 'the loaded table (rewritten as UTF-8 CSV)',
		file: 'File',
		bytes: 'Bytes',
		counts: 'Counts',
		records: 'Records',
		patients: 'Patients',
		before: 'Before',
		after: 'After',
		optOut: 'Opt-out (提供停止)',
		optOutEntries: 'Entries on the list',
		optOutMatched: 'Entries matched',
		optOutRefused: 'Records excluded (refusal)',
		optOutNotice: 'Records excluded (notice period)',
		optOutPatients: 'Patients excluded',
		none: 'none',
		columns: 'Columns: role and treatment',
		column: 'Column',
		role: 'Role',
		treatment: 'Treatment',
		level: 'Generalization level',
		hierarchies: 'Hierarchies',
		height: 'Levels',
		leaves: 'Leaves',
		models: 'Privacy models and figures reached',
		model: 'Model',
		parameters: 'Parameters',
		suppressionLimit: 'Suppression limit',
		k: 'Smallest class (k)',
		classes: 'Equivalence classes',
		suppressedRecords: 'Suppressed records',
		suppressedByDecision: 'Records suppressed by peculiar-value decisions',
		suppressedCells: 'Suppressed cells',
		loss: 'Information loss',
		risk: 'Re-identification risk',
		measure: 'Measure',
		checklist: 'Checklist',
		item: 'Measure',
		status: 'Status',
		evidence: 'Evidence',
		met: 'met',
		review: 'to confirm',
		decisions: 'Decisions on peculiar values',
		attribute: 'Attribute',
		value: 'Value',
		action: 'Decision',
		note: 'Note',
		operatorNote: 'Operator note',
		output: 'Output format',
		footer: 'This record contains no source value of an identifier and no key.'
	}
} as const;

const e = (value: unknown): string => escapeHtml(value === null || value === undefined ? '—' : String(value));

function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
	const head = headers.map((h) => `<th>${e(h)}</th>`).join('');
	const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${e(cell)}</td>`).join('')}</tr>`).join('\n');
	return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function formatLoss(loss: number | number[] | null): string {
	if (loss === null) return '—';
	return Array.isArray(loss) ? loss.map((v) => v.toPrecision(6)).join(', ') : loss.toPrecision(6);
}

export function renderProcessingRecordHtml(
	record: ProcessingRecord,
	language: ReportLanguage = 'ja'
): string {
	const t = LABELS[language];
	const sections: string[] = [];
	sections.push(
		table(
			[t.tool, t.created, t.preset, t.projectHash],
			[[record.toolVersion, record.createdAt, t[record.preset], record.projectHash]]
		)
	);
	sections.push(
		`<h2>${e(t.inputs)}</h2>` +
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
		`<h2>${e(t.counts)}</h2>` +
			table(
				['', t.before, t.after],
				[
					[t.records, record.records.in, record.records.out],
					[t.patients, record.patients.in, record.patients.out]
				]
			)
	);
	const o = record.optOut;
	sections.push(
		`<h2>${e(t.optOut)}</h2>` +
			(o
				? table(
						[t.optOutEntries, t.optOutMatched, t.optOutRefused, t.optOutNotice, t.optOutPatients],
						[[o.entries, o.matchedEntries, o.refusedRecords, o.noticePeriodRecords, o.patientsRemoved]]
					)
				: `<p>${e(t.none)}</p>`)
	);
	sections.push(
		`<h2>${e(t.columns)}</h2>` +
			table(
				[t.column, t.role, t.treatment, t.level],
				record.columns.map((c) => [
					c.name,
					c.role,
					c.treatment,
					c.level === undefined ? '' : `${c.level} / ${(c.hierarchyHeight ?? 1) - 1}`
				])
			)
	);
	sections.push(
		`<h2>${e(t.hierarchies)}</h2>` +
			table(
				[t.attribute, t.height, t.leaves, 'SHA-256'],
				record.hierarchies.map((h) => [h.attribute, h.height, h.leaves, h.sha256])
			)
	);
	const f = record.figures;
	sections.push(
		`<h2>${e(t.models)}</h2>` +
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
			`<h2>${e(t.risk)}</h2>` +
				table(
					[t.measure, t.before, t.after],
					riskNames.map((name) => [name, record.risk.before?.[name], record.risk.after?.[name]])
				)
		);
	}
	sections.push(
		`<h2>${e(t.checklist)}</h2>` +
			table(
				[t.item, t.status, t.evidence],
				record.checklist.map((c) => [c.title[language], t[c.status], c.evidence[language]])
			)
	);
	sections.push(
		`<h2>${e(t.decisions)}</h2>` +
			(record.decisions.length > 0
				? table(
						[t.attribute, t.value, t.action, t.note],
						record.decisions.map((d) => [d.attribute, d.value, d.action, d.note])
					)
				: `<p>${e(t.none)}</p>`)
	);
	if (record.operatorNote)
		sections.push(`<h2>${e(t.operatorNote)}</h2><p class="note">${e(record.operatorNote)}</p>`);
	const out = record.output;
	sections.push(
		`<h2>${e(t.output)}</h2>` +
			table(
				['encoding', 'delimiter', 'marker', 'suppressed records'],
				[[out.encoding, out.delimiter, out.marker, out.suppressedRecords]]
			)
	);
	return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(t.title)} — ${e(record.createdAt)}</title>
<style>
body { font-family: system-ui, -apple-system, 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic UI', 'Yu Gothic', Meiryo, 'Noto Sans CJK JP', sans-serif; color: #111; margin: 2rem; line-height: 1.5; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.1rem; margin-top: 1.5rem; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.85rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; }
.note { white-space: pre-wrap; }
footer { margin-top: 2rem; font-size: 0.8rem; color: #444; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
</style>
</head>
<body>
<h1>${e(t.title)}</h1>
${sections.join('\n')}
<footer>${e(t.footer)}</footer>
</body>
</html>
`;
}
