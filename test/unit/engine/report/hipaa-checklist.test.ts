import { describe, expect, it } from 'vitest';
import { applyTable, rowsInput } from '../../../../src/lib/engine/apply/apply-table';
import { parseProjectConfig, type AttributeConfig } from '../../../../src/lib/engine/config/project-config';
import { buildHierarchyRows } from '../../../../src/lib/engine/hierarchy/builders';
import { hierarchyFromRows, type Hierarchy } from '../../../../src/lib/engine/hierarchy/hierarchy';
import { proposeRole } from '../../../../src/lib/engine/jp/identifiers';
import { fillFromPreset } from '../../../../src/lib/engine/presets';
import { projectHash } from '../../../../src/lib/engine/project/project-file';
import type { ChecklistItem } from '../../../../src/lib/engine/report/checklist';
import { buildProcessingRecord } from '../../../../src/lib/engine/report/processing-record';
import { renderProcessingRecordHtml } from '../../../../src/lib/engine/report/report-html';

const N = 60;
const data: Record<string, string[]> = {
	patient_id: Array.from({ length: N }, (_, i) => `MRN${String(100000 + i)}`),
	氏名: Array.from({ length: N }, (_, i) => `田中${i}`),
	受診日: Array.from(
		{ length: N },
		(_, i) => `2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`
	),
	郵便番号: Array.from({ length: N }, (_, i) => `10${i % 10}-000${i % 10}`),
	年齢: Array.from({ length: N }, (_, i) => String(30 + ((i * 7) % 70))),
	生年月日: Array.from({ length: N }, (_, i) => `19${30 + (i % 60)}-05-0${1 + (i % 9)}`),
	住所: Array.from({ length: N }, (_, i) => `${['東京都', '大阪府', '北海道'][i % 3]}中央区${i}-1`),
	diagnosis: Array.from({ length: N }, (_, i) => `C${i % 4}`)
};

/** The columns, their proposals and the hipaa preset's fill, as the browser's role step makes them. */
function hipaaProject(names: readonly string[]) {
	const columns = names.map((name) => ({
		name,
		proposal: proposeRole(name, data[name], { distinctCount: new Set(data[name]).size, rowCount: N })
	}));
	return fillFromPreset('hipaa', columns);
}

async function checklist(
	names: readonly string[],
	change: (filled: ReturnType<typeof hipaaProject>) => {
		attributes: Record<string, AttributeConfig>;
		transformation: Record<string, number>;
	} = (f) => f
): Promise<{ items: ChecklistItem[]; html: { ja: string; en: string } }> {
	const { attributes, transformation } = change(hipaaProject(names));
	const config = parseProjectConfig({
		tokumei: 1,
		data: { path: 'hipaa.csv' },
		attributes,
		privacy: [],
		suppressionLimit: 0,
		transformation
	});
	const hierarchies: Record<string, Hierarchy> = {};
	for (const [name, a] of Object.entries(attributes)) {
		if (a.role !== 'quasi-identifying' || !a.hierarchy) continue;
		const rows =
			'rows' in a.hierarchy ? (a.hierarchy.rows as string[][]) : buildHierarchyRows(data[name], a.hierarchy);
		hierarchies[name] = hierarchyFromRows(name, rows);
	}
	const rows = Array.from({ length: N }, (_, i) => names.map((n) => data[n][i]));
	const { summary } = await applyTable({ config, hierarchies }, rowsInput(names, rows), {
		pseudonymKey: new Uint8Array(32).fill(9)
	});
	const record = await buildProcessingRecord({
		toolVersion: '0.2.0',
		createdAt: '2026-12-01T09:00:00Z',
		preset: 'hipaa',
		config,
		projectHash: await projectHash(config),
		inputs: [],
		summary,
		hierarchies
	});
	return {
		items: record.checklist,
		html: { ja: renderProcessingRecordHtml(record, 'ja'), en: renderProcessingRecordHtml(record, 'en') }
	};
}

const item = (items: readonly ChecklistItem[], id: string) => items.find((c) => c.id === id)!;
const ALL = ['patient_id', '氏名', '受診日', '郵便番号', '年齢', '生年月日', 'diagnosis'];

describe('HIPAA Safe Harbor checklist', () => {
	it('a project filled by the hipaa preset: identifiers, dates met; ZIP3 and birth years to review', async () => {
		const { items, html } = await checklist(ALL);
		expect(items.map((c) => c.id)).toEqual([
			'hipaa-identifiers',
			'hipaa-reidentification-code',
			'hipaa-geographic',
			'hipaa-dates',
			'hipaa-ages',
			'hipaa-actual-knowledge'
		]);
		expect(item(items, 'hipaa-identifiers').status).toBe('met');
		expect(item(items, 'hipaa-identifiers').evidence.en).toContain('removed patient_id, 氏名');
		expect(item(items, 'hipaa-reidentification-code').status).toBe('met');
		expect(item(items, 'hipaa-dates').status).toBe('met');
		expect(item(items, 'hipaa-dates').evidence.en).toContain('受診日 (date: year)');
		expect(item(items, 'hipaa-dates').evidence.en).toContain('生年月日 (date: year)');
		// ZIP3 is allowed only where the zone has more than 20,000 people: a person must confirm.
		const geo = item(items, 'hipaa-geographic');
		expect(geo.status).toBe('review');
		expect(geo.evidence.en).toContain('3-digit postal zones: 郵便番号 (mask: 4)');
		// A birth year still reveals an age over 89.
		const ages = item(items, 'hipaa-ages');
		expect(ages.status).toBe('review');
		expect(ages.evidence.en).toContain('Ages pooled at 90 or older: 年齢 (age: 5y)');
		expect(ages.evidence.ja).toContain('生年月日の列 生年月日 (date: year)');
		expect(item(items, 'hipaa-actual-knowledge').status).toBe('review');
		expect(html.ja).toContain('HIPAA セーフハーバー');
		expect(html.ja).toContain('18種類の識別子');
		expect(html.en).toContain('HIPAA Safe Harbor');
		expect(html.en).toContain('§164.514(c)');
	});

	it('without birth dates the ages are met; a postal code suppressed to * and prefectures are met', async () => {
		const { items } = await checklist(['patient_id', '受診日', '郵便番号', '年齢', '住所'], (f) => ({
			...f,
			transformation: { ...f.transformation, 郵便番号: 3 }
		}));
		expect(item(items, 'hipaa-ages').status).toBe('met');
		expect(item(items, 'hipaa-geographic').status).toBe('met');
		expect(item(items, 'hipaa-geographic').evidence.en).toContain(
			'coarser: 郵便番号 (mask: *), 住所 (prefecture: prefecture)'
		);
	});

	it('full dates, 7-digit postal codes, exact ages and keyed pseudonyms turn the items to review', async () => {
		const { items } = await checklist(ALL, (f) => ({
			attributes: { ...f.attributes, patient_id: { role: 'identifying', treatment: 'pseudonym' } },
			transformation: { 受診日: 0, 郵便番号: 0, 年齢: 0, 生年月日: 0 }
		}));
		const reid = item(items, 'hipaa-reidentification-code');
		expect(reid.status).toBe('review');
		expect(reid.evidence.en).toContain('Keyed pseudonyms are derived from the identifier: patient_id');
		const dates = item(items, 'hipaa-dates');
		expect(dates.status).toBe('review');
		expect(dates.evidence.en).toContain(
			'without a visible rule: 受診日 (date: original), 生年月日 (date: original)'
		);
		const geo = item(items, 'hipaa-geographic');
		expect(geo.status).toBe('review');
		expect(geo.evidence.en).toContain('finer or without a visible rule: 郵便番号 (mask: original)');
		const ages = item(items, 'hipaa-ages');
		expect(ages.status).toBe('review');
		expect(ages.evidence.en).toContain('ages to check: 年齢 (age: original)');
	});

	it('columns kept as they are but named like identifiers, dates or addresses are to review', async () => {
		const names = ['patient_id', 'diagnosis', 'phone', 'address', 'visit_date'];
		data.phone = Array.from({ length: N }, () => 'x');
		data.address = Array.from({ length: N }, () => 'y');
		data.visit_date = Array.from({ length: N }, () => 'z');
		const { items } = await checklist(names, (f) => ({
			attributes: {
				...f.attributes,
				phone: { role: 'insensitive' },
				address: { role: 'insensitive' },
				visit_date: { role: 'sensitive' }
			},
			transformation: {}
		}));
		expect(item(items, 'hipaa-identifiers').status).toBe('review');
		expect(item(items, 'hipaa-identifiers').evidence.en).toContain('suggests an identifier: phone');
		expect(item(items, 'hipaa-geographic').evidence.en).toContain('address (original)');
		expect(item(items, 'hipaa-dates').status).toBe('review');
		expect(item(items, 'hipaa-dates').evidence.en).toContain('visit_date (original)');
		expect(item(items, 'hipaa-ages').status).toBe('met');
	});

	it('a rule kept beside materialized rows (the browser export) is read from `rule`', async () => {
		const { items } = await checklist(['patient_id', '受診日'], (f) => {
			const spec = f.attributes['受診日'].hierarchy as { builder: string };
			const rows = buildHierarchyRows(data['受診日'], spec);
			return {
				attributes: {
					...f.attributes,
					受診日: { role: 'quasi-identifying', hierarchy: { rows }, rule: spec }
				},
				transformation: f.transformation
			};
		});
		expect(item(items, 'hipaa-dates').status).toBe('met');
		expect(item(items, 'hipaa-dates').evidence.en).toContain('受診日 (date: year)');
	});
});
