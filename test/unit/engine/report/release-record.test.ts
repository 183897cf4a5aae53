import { describe, expect, it } from 'vitest';
import { applyTable, rowsInput } from '../../../../src/lib/engine/apply/apply-table';
import { parseProjectConfig } from '../../../../src/lib/engine/config/project-config';
import { hierarchyFromRows } from '../../../../src/lib/engine/hierarchy/hierarchy';
import { bytesToBase64, bytesToHex } from '../../../../src/lib/engine/pseudonym/hmac';
import { projectHash, sha256Hex } from '../../../../src/lib/engine/project/project-file';
import type { Preset } from '../../../../src/lib/engine/report/checklist';
import { buildProcessingRecord } from '../../../../src/lib/engine/report/processing-record';
import {
	buildReleaseRecord,
	type ReleaseRecordInput,
	releaseRecordJson,
	renderReleaseRecordHtml
} from '../../../../src/lib/engine/report/release-record';

const key = Uint8Array.from({ length: 32 }, (_, i) => 7 + i * 3);
const ageRows = Array.from({ length: 40 }, (_, i) => [String(40 + i), i < 20 ? '40-59' : '60-79', '*']);
const HOSTILE_TABLE = '<script>alert(1)</script>';
const HOSTILE_LINK = '"><img src=x onerror=alert(2)>';

/** Two tables of the same patients: visits (60 records) and claims (two per patient, 80 records). */
const visits = {
	header: ['patient_id', 'name', 'age'],
	rows: Array.from({ length: 60 }, (_, i) => [`PT-${5000 + i}`, `佐藤${i}郎`, String(40 + ((i * 7) % 40))])
};
const claims = {
	header: ['patient_id', 'age', 'cost'],
	rows: Array.from({ length: 80 }, (_, i) => [
		`PT-${5000 + (i % 40)}`,
		String(40 + (i % 40)),
		String(100 * i)
	])
};

async function tableRecord(
	name: string,
	table: { header: string[]; rows: string[][] },
	preset: Preset,
	idTreatment: 'surrogate' | 'pseudonym'
) {
	const attributes: Record<string, unknown> = {
		patient_id: { role: 'identifying', treatment: idTreatment },
		age: { role: 'quasi-identifying', hierarchy: { rows: ageRows } }
	};
	for (const column of table.header.filter((c) => !(c in attributes))) {
		attributes[column] = { role: column === 'name' ? 'identifying' : 'insensitive' };
	}
	const config = parseProjectConfig({
		tokumei: 1,
		data: { path: name },
		attributes,
		patient: { id: 'patient_id' },
		privacy: [{ model: 'k-anonymity', k: 2 }],
		suppressionLimit: 0.1,
		transformation: { age: 1 }
	});
	const hierarchies = { age: hierarchyFromRows('age', ageRows) };
	const { summary } = await applyTable({ config, hierarchies }, rowsInput(table.header, table.rows), {
		pseudonymKey: key,
		optOut: [{ patientId: 'PT-5001' }]
	});
	const bytes = new TextEncoder().encode(table.rows.map((r) => r.join(',')).join('\n'));
	return buildProcessingRecord({
		toolVersion: '0.2.0',
		createdAt: '2026-12-01T09:00:00Z',
		preset,
		config,
		projectHash: await projectHash(config),
		inputs: [{ name: `${name}.csv`, bytes: bytes.length, sha256: await sha256Hex(bytes) }],
		summary,
		hierarchies,
		decisions: [
			{ attribute: 'patient_id', value: 'PT-5003', action: 'delete', note: 'test record' },
			{ attribute: 'age', value: '79', action: 'top-code', note: 'rare' }
		]
	});
}

async function releaseInput(
	preset: Preset,
	idTreatment: 'surrogate' | 'pseudonym',
	linkedBy: string | null = 'patient_id'
): Promise<ReleaseRecordInput> {
	return {
		toolVersion: '0.2.0',
		createdAt: '2026-12-01T09:00:00Z',
		preset,
		tables: [
			{ name: 'visits', record: await tableRecord('visits', visits, preset, idTreatment) },
			{ name: HOSTILE_TABLE, record: await tableRecord('claims', claims, preset, idTreatment) }
		],
		optOut: { entries: 1, matchedEntries: 1, refusedRecords: 3, noticePeriodRecords: 0, patientsRemoved: 1 },
		linkedBy
	};
}

const statusOf = (record: ReturnType<typeof buildReleaseRecord>, id: string) =>
	record.checklist.find((c) => c.id === id)?.status;

describe('release record', () => {
	it('sums the counts, lists every input in table order and keeps each table record', async () => {
		const input = await releaseInput('anonymous', 'surrogate');
		const record = buildReleaseRecord(input);
		const json = JSON.parse(releaseRecordJson(record));
		expect(json.format).toBe('tokumei-release-record');
		expect(json.version).toBe(1);
		expect(json.preset).toBe('anonymous');
		expect(json.inputs.map((f: { table: string; name: string }) => [f.table, f.name])).toEqual([
			['visits', 'visits.csv'],
			[HOSTILE_TABLE, 'claims.csv']
		]);
		expect(json.inputs[1].sha256).toBe(input.tables[1].record.inputs[0].sha256);
		const [a, b] = input.tables.map((t) => t.record.records);
		expect(a).toEqual({ in: 60, out: 59 });
		expect(b).toEqual({ in: 80, out: 78 });
		expect(json.totals).toEqual({ tables: 2, records: { in: 140, out: 137 } });
		expect(json.optOut.refusedRecords).toBe(3);
		expect(json.linkedBy).toBe('patient_id');
		expect(json.tables.map((t: { name: string }) => t.name)).toEqual(['visits', HOSTILE_TABLE]);
		expect(json.tables[0].record.format).toBe('tokumei-processing-record');
		expect(json.tables[0].record.checklist).toHaveLength(5);
	});

	it('release checklist: linking codes met only when every table replaces its IDs by surrogates', async () => {
		const surrogates = buildReleaseRecord(await releaseInput('anonymous', 'surrogate'));
		expect(surrogates.checklist.map((c) => c.id)).toEqual([
			'tables-checklists',
			'linking-codes',
			'tables-linked',
			'opt-out-release',
			'combined-risk'
		]);
		expect(statusOf(surrogates, 'linking-codes')).toBe('met');
		expect(statusOf(surrogates, 'tables-linked')).toBe('met');
		expect(statusOf(surrogates, 'opt-out-release')).toBe('met');
		// Linked tables combine their quasi-identifiers: no table's k covers that.
		expect(statusOf(surrogates, 'combined-risk')).toBe('review');

		const keyed = buildReleaseRecord(await releaseInput('anonymous', 'pseudonym'));
		expect(statusOf(keyed, 'linking-codes')).toBe('review');
		expect(keyed.checklist.find((c) => c.id === 'linking-codes')?.evidence.en).toContain(
			`${HOSTILE_TABLE}.patient_id (pseudonym)`
		);
		// 匿名加工 links only through per-release surrogates; these tables have keyed pseudonyms only.
		expect(statusOf(keyed, 'tables-linked')).toBe('review');

		const pseudonymous = buildReleaseRecord(await releaseInput('pseudonymous', 'pseudonym'));
		expect(statusOf(pseudonymous, 'linking-codes')).toBe('met');
		expect(statusOf(pseudonymous, 'tables-linked')).toBe('met');
		expect(pseudonymous.checklist.map((c) => c.id)).not.toContain('combined-risk');

		const unlinked = buildReleaseRecord({
			...(await releaseInput('anonymous', 'surrogate', null)),
			optOut: null
		});
		expect(statusOf(unlinked, 'tables-linked')).toBe('review');
		expect(statusOf(unlinked, 'combined-risk')).toBe('met');
		expect(statusOf(unlinked, 'opt-out-release')).toBe('review');
	});

	for (const preset of ['anonymous', 'pseudonymous'] as const) {
		it(`${preset}: holds no identifier value and no key, in JSON and in HTML (ja, en)`, async () => {
			const record = buildReleaseRecord(await releaseInput(preset, 'pseudonym'));
			const documents = [
				releaseRecordJson(record),
				renderReleaseRecordHtml(record, 'ja'),
				renderReleaseRecordHtml(record, 'en')
			];
			const secrets = [bytesToHex(key), bytesToBase64(key), 'PT-5003', 'PT-5001'];
			for (const row of [...visits.rows, ...claims.rows]) secrets.push(row[0]);
			for (const row of visits.rows) secrets.push(row[1]);
			for (const doc of documents) for (const secret of secrets) expect(doc).not.toContain(secret);
		});
	}

	it('HTML: escapes hostile names, loads nothing, summary first then one section per table', async () => {
		const input = await releaseInput('anonymous', 'surrogate', HOSTILE_LINK);
		const record = buildReleaseRecord(input);
		for (const language of ['ja', 'en'] as const) {
			const html = renderReleaseRecordHtml(record, language);
			expect(html).not.toContain('<script');
			expect(html).not.toContain('<img');
			expect(html).not.toMatch(/<[^>]*\b(src|href|onerror)=/);
			expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
			expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
			expect(html).toContain(input.tables[0].record.inputs[0].sha256);
			expect(html.match(/<section class="table">/g)).toHaveLength(2);
			const summaryAt = html.indexOf(language === 'ja' ? 'リリースのチェックリスト' : 'Release checklist');
			expect(summaryAt).toBeGreaterThan(0);
			expect(summaryAt).toBeLessThan(html.indexOf('<section class="table">'));
		}
		const ja = renderReleaseRecordHtml(record, 'ja');
		expect(ja).toContain('<html lang="ja">');
		expect(ja).toContain('リリースの加工の記録');
		expect(ja).toContain('表: visits');
		expect(ja).toContain('<h3>入力ファイル</h3>');
		expect(ja).toContain('匿名加工');
		const en = renderReleaseRecordHtml(record, 'en');
		expect(en).toContain('Release processing record');
		expect(en).toContain('Table: visits');
		expect(en).toContain('<h3>Checklist</h3>');
		expect(en).toContain('140');
	});
});
