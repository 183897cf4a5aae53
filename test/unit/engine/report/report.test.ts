import { describe, expect, it } from 'vitest';
import { parseProjectConfig } from '../../../../src/lib/engine/config/project-config';
import { hierarchyFromRows } from '../../../../src/lib/engine/hierarchy/hierarchy';
import { applyTable, rowsInput } from '../../../../src/lib/engine/apply/apply-table';
import { bytesToBase64, bytesToHex } from '../../../../src/lib/engine/pseudonym/hmac';
import { projectHash, sha256Hex } from '../../../../src/lib/engine/project/project-file';
import {
	buildProcessingRecord,
	type ProcessingRecordInput,
	processingRecordJson
} from '../../../../src/lib/engine/report/processing-record';
import { escapeHtml, renderProcessingRecordHtml } from '../../../../src/lib/engine/report/report-html';

const header = ['patient_id', 'name', 'insurer_no', 'age', 'sex', 'diagnosis<script>'];
const ageRows = Array.from({ length: 40 }, (_, i) => [String(40 + i), i < 20 ? '40-59' : '60-79', '*']);
const sexRows = [
	['1', '*'],
	['2', '*']
];
const rows = Array.from({ length: 60 }, (_, i) => [
	`HOSP-${1000 + i}`,
	`山田${String.fromCharCode(0x4e00 + i)}子`,
	`0613${String(i).padStart(4, '0')}`,
	String(40 + ((i * 13) % 40)),
	String(1 + (i % 2)),
	`C${i % 5}`
]);
const key = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);

async function recordInput(preset: 'anonymous' | 'pseudonymous'): Promise<ProcessingRecordInput> {
	const config = parseProjectConfig({
		tokumei: 1,
		data: { path: 'visits.csv' },
		attributes: {
			patient_id: { role: 'identifying', treatment: preset === 'anonymous' ? 'surrogate' : 'pseudonym' },
			name: { role: 'identifying' },
			insurer_no: { role: 'identifying' },
			age: { role: 'quasi-identifying', hierarchy: { rows: ageRows } },
			sex: { role: 'quasi-identifying', hierarchy: { rows: sexRows } },
			'diagnosis<script>': { role: 'insensitive' }
		},
		patient: { id: 'patient_id' },
		privacy: [{ model: 'k-anonymity', k: 3 }],
		suppressionLimit: 0.2,
		transformation: { age: 1, sex: 0 }
	});
	const hierarchies = { age: hierarchyFromRows('age', ageRows), sex: hierarchyFromRows('sex', sexRows) };
	const input = new TextEncoder().encode(rows.map((r) => r.join(',')).join('\n'));
	const { summary } = await applyTable({ config, hierarchies }, rowsInput(header, rows), {
		pseudonymKey: key,
		optOut: [{ patientId: 'HOSP-1003' }]
	});
	return {
		toolVersion: '0.1.0',
		createdAt: '2026-11-24T12:00:00Z',
		preset,
		config,
		projectHash: await projectHash(config),
		inputs: [{ name: 'visits.csv', bytes: input.length, sha256: await sha256Hex(input) }],
		summary,
		hierarchies,
		risk: {
			before: { prosecutorMax: 1, recordsAtRisk: 0.4 },
			after: { prosecutorMax: 1 / 3, recordsAtRisk: 0 }
		},
		decisions: [
			{ attribute: 'age', value: '79', action: 'top-code', note: 'rare <b>age</b>' },
			{ attribute: 'name', value: '山田一子', action: 'delete', note: 'identifier' }
		],
		operatorNote: '<img src=x onerror=alert(1)> 確認済み'
	};
}

async function record(preset: 'anonymous' | 'pseudonymous') {
	return buildProcessingRecord(await recordInput(preset));
}

describe('processing record', () => {
	for (const preset of ['anonymous', 'pseudonymous'] as const) {
		it(`${preset}: holds no identifier value and no key, in JSON and in HTML (ja, en)`, async () => {
			const r = await record(preset);
			const documents = [
				processingRecordJson(r),
				renderProcessingRecordHtml(r, 'ja'),
				renderProcessingRecordHtml(r, 'en')
			];
			const secrets = [bytesToHex(key), bytesToBase64(key), '山田一子'];
			for (const row of rows) secrets.push(row[0], row[1], row[2]);
			for (const doc of documents) for (const secret of secrets) expect(doc).not.toContain(secret);
		});
	}

	it('reports the figures reached and the counts', async () => {
		const r = await record('anonymous');
		expect(r.records).toEqual({ in: 60, out: 59 });
		expect(r.patients).toEqual({ in: 60, out: 59 });
		expect(r.optOut).toMatchObject({ entries: 1, matchedEntries: 1, refusedRecords: 1, patientsRemoved: 1 });
		expect(r.figures.k).toBeGreaterThanOrEqual(3);
		expect(r.figures.suppressedCells).toBe(2 * r.figures.suppressedRecords);
		expect(r.hierarchies.map((h) => h.attribute).sort()).toEqual(['age', 'sex']);
		expect(r.hierarchies[0].sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(r.columns.find((c) => c.name === 'age')).toEqual({
			name: 'age',
			role: 'quasi-identifying',
			treatment: 'generalize',
			level: 1,
			hierarchyHeight: 3
		});
		expect(r.checklist.map((c) => c.id)).toEqual([
			'identifying-descriptions',
			'individual-identification-codes',
			'linking-codes',
			'peculiar-descriptions',
			'database-character'
		]);
		expect(r.checklist[0].status).toBe('met');
		expect(r.decisions[1].value).toBeUndefined();
		const defaulted = await buildProcessingRecord({ ...(await recordInput('anonymous')), risk: undefined });
		expect(defaulted.risk.after?.['prosecutor risk, highest']).toBeCloseTo(1 / defaulted.figures.k, 12);
		expect(defaulted.risk.before?.['prosecutor risk, highest']).toBe(1);
		expect((await record('pseudonymous')).checklist.map((c) => c.id)).toEqual([
			'identifying-descriptions',
			'individual-identification-codes',
			'financial-damage'
		]);
	});

	it('escapes every text in the HTML and loads nothing external', async () => {
		const html = renderProcessingRecordHtml(await record('anonymous'), 'ja');
		expect(html).not.toContain('<script');
		expect(html).not.toContain('<img');
		expect(html).not.toContain('<b>');
		expect(html).toContain('diagnosis&lt;script&gt;');
		expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; 確認済み');
		expect(html).not.toMatch(/<[^>]*\b(src|href)=/);
		expect(html).toContain('加工の記録');
		expect(renderProcessingRecordHtml(await record('anonymous'), 'en')).toContain('Processing record');
		expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
	});

	it("names roles and treatments in the reader's language, with the JSON code beside them", async () => {
		const r = await record('anonymous');
		const ja = renderProcessingRecordHtml(r, 'ja');
		const en = renderProcessingRecordHtml(r, 'en');
		expect(ja).toContain('準識別子 (quasi-identifying)');
		expect(ja).toContain('一般化 (generalize)');
		expect(en).toContain('<td>Quasi-identifying</td>');
		expect(r.columns.some((c) => c.role === 'quasi-identifying')).toBe(true);
	});
});
