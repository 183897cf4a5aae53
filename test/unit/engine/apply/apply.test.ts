import { describe, expect, it } from 'vitest';
import { parseProjectConfig, type ProjectConfig } from '../../../../src/lib/engine/config/project-config';
import { hierarchyFromRows } from '../../../../src/lib/engine/hierarchy/hierarchy';
import { applyTable, rowsInput, tableInput } from '../../../../src/lib/engine/apply/apply-table';
import { ApplyError } from '../../../../src/lib/engine/apply/class-census';
import { KeyedMapper } from '../../../../src/lib/engine/pseudonym/keyed-mapper';
import { encodeRows } from '../../../../src/lib/engine/table/encoded-table';
import { groupify } from '../../../../src/lib/engine/classes/groupify';
import { prepareSearch } from '../../../../src/lib/engine/search/project-search';
import {
	describeClasses,
	Evaluator,
	completelyGeneralized
} from '../../../../src/lib/engine/search/evaluator';
import { parseCsvText } from '../../../../src/lib/engine/table/csv';

const ageRows = Array.from({ length: 60 }, (_, i) => {
	const age = 20 + i;
	const band = `${Math.floor(age / 10) * 10}-${Math.floor(age / 10) * 10 + 9}`;
	return [String(age), band, '*'];
});
const sexRows = [
	['M', '*'],
	['F', '*']
];
const header = ['patient_id', 'name', 'age', 'sex', 'disease', 'visit'];

/** What the search's evaluator says of the transformation age 1, sex 0 (the apply verdict must match). */
function searchVerdict(p: ReturnType<typeof project>, rows: string[][], suppressionLimit: number) {
	const table = encodeRows(header, rows);
	const prepared = prepareSearch({
		config: p.config,
		table,
		quasiIdentifiers: ['age', 'sex'].map((name) => ({
			name,
			column: table.columns.find((c) => c.name === name)!,
			hierarchy: p.hierarchies[name as 'age' | 'sex']
		})),
		sensitive: ['disease'],
		hierarchies: p.hierarchies
	});
	const evaluator = new Evaluator(prepared.data, {
		criteria: prepared.criteria,
		suppressionLimit: Math.floor(suppressionLimit * rows.length),
		sensitiveCardinalities: prepared.data.sensitiveCardinalities,
		sampleRows: prepared.data.sampleRows,
		completelyGeneralized: completelyGeneralized(prepared.data)
	});
	return describeClasses(evaluator.evaluate(Int32Array.of(1, 0)));
}

/** 40 patients × 2 visits; ages spread so that some 10-year bands are thin. */
function makeRows(): string[][] {
	const rows: string[][] = [];
	for (let p = 0; p < 40; p++) {
		const age = String(20 + ((p * 7) % 60));
		const sex = p % 3 === 0 ? 'F' : 'M';
		for (let v = 0; v < 2; v++) {
			rows.push([
				`P${String(p).padStart(3, '0')}`,
				`患者${p}`,
				age,
				sex,
				`D${p % 4}`,
				`2024-0${1 + v}-1${p % 9}`
			]);
		}
	}
	return rows;
}

function project(extra: Partial<ProjectConfig> = {}) {
	const config = parseProjectConfig({
		tokumei: 1,
		data: { path: 'unused.csv' },
		attributes: {
			patient_id: { role: 'identifying', treatment: 'surrogate' },
			name: { role: 'identifying' },
			age: { role: 'quasi-identifying', hierarchy: { rows: ageRows } },
			sex: { role: 'quasi-identifying', hierarchy: { rows: sexRows } },
			disease: { role: 'sensitive' },
			visit: { role: 'insensitive', treatment: 'date-shift' }
		},
		patient: { id: 'patient_id' },
		privacy: [{ model: 'k-anonymity', k: 4 }],
		suppressionLimit: 0.3,
		transformation: { age: 1, sex: 0 },
		...extra
	});
	const hierarchies = {
		age: hierarchyFromRows('age', ageRows),
		sex: hierarchyFromRows('sex', sexRows)
	};
	return { config, hierarchies };
}

const decode = (bytes: Uint8Array) => parseCsvText(new TextDecoder().decode(bytes), ',');

describe('applyTable', () => {
	it('generalizes, suppresses exactly what the engine evaluation suppresses, removes and replaces identifiers', async () => {
		const rows = makeRows();
		const p = project();
		const { bytes, summary } = await applyTable(p, rowsInput(header, rows));
		const out = decode(bytes);
		expect(out.header).toEqual(['patient_id', 'age', 'sex', 'disease', 'visit']);
		expect(out.rows).toHaveLength(rows.length);
		const text = new TextDecoder().decode(bytes);
		for (const row of rows) {
			expect(text).not.toContain(row[0]);
			expect(text).not.toContain(row[1]);
		}

		// The engine's own evaluation of the same transformation on the in-memory table.
		const expected = searchVerdict(p, rows, 0.3);
		expect(expected.suppressedRecords).toBeGreaterThan(0);
		expect(summary.privacy.suppressedRecords).toBe(expected.suppressedRecords);
		expect(summary.privacy.equivalenceClasses).toBe(expected.equivalenceClasses);
		expect(summary.privacy.minClassSize).toBe(expected.minClassSize);

		// Re-measure k on the written output: classes of the unmasked records.
		const kept = out.rows.filter((r) => r[1] !== '*');
		expect(out.rows.length - kept.length).toBe(summary.privacy.suppressedRecords);
		expect(summary.suppressedCells).toBe(2 * summary.privacy.suppressedRecords);
		const reread = encodeRows(
			['age', 'sex'],
			kept.map((r) => [r[1], r[2]])
		);
		const classes = groupify(
			reread.columns.map((c) => c.codes),
			reread.columns.map((c) => c.values.length),
			reread.rowCount
		);
		expect(Math.min(...classes.sizes)).toBe(summary.privacy.minClassSize);
		expect(Math.min(...classes.sizes)).toBeGreaterThanOrEqual(4);
		expect(summary.patientsIn).toBe(40);

		// Prosecutor risk: 1 / the smallest class, before (original QIs) and after (released classes).
		expect(summary.risk.after.highest).toBeCloseTo(1 / summary.privacy.minClassSize, 12);
		expect(summary.risk.after.average).toBeCloseTo(classes.count / kept.length, 12);
		const raw = encodeRows(
			['age', 'sex'],
			rows.map((r) => [r[2], r[3]])
		);
		const rawClasses = groupify(
			raw.columns.map((c) => c.codes),
			raw.columns.map((c) => c.values.length),
			raw.rowCount
		);
		expect(summary.risk.before?.highest).toBeCloseTo(1 / Math.min(...rawClasses.sizes), 12);
		expect(summary.risk.before?.average).toBeCloseTo(rawClasses.count / rows.length, 12);
	});

	it('agrees with the engine evaluation for class criteria on a sensitive attribute (distinct l-diversity)', async () => {
		const rows = makeRows();
		const p = project({
			privacy: [
				{ model: 'k-anonymity', k: 2 },
				{ model: 'l-diversity', variant: 'distinct', attribute: 'disease', l: 3 }
			],
			suppressionLimit: 0.9
		});
		const { summary } = await applyTable(p, rowsInput(header, rows));
		const expected = searchVerdict(p, rows, 0.9);
		expect(expected.suppressedRecords).toBeGreaterThan(0);
		expect(summary.privacy.suppressedRecords).toBe(expected.suppressedRecords);
		expect(summary.privacy.distinctLReached?.disease).toBeGreaterThanOrEqual(3);
		expect(summary.privacy.equivalenceClasses).toBe(expected.equivalenceClasses);
	});

	it('reports the distinct-l reached over the released classes', async () => {
		// Classes (age band 20-29, M): D0, D1, D0 → 2 values; (30-39, M): D0, D1, D2 → 3 values.
		const rows = [
			['A', 'a', '21', 'M', 'D0', '2024-01-01'],
			['B', 'b', '22', 'M', 'D1', '2024-01-01'],
			['C', 'c', '23', 'M', 'D0', '2024-01-01'],
			['D', 'd', '31', 'M', 'D0', '2024-01-01'],
			['E', 'e', '32', 'M', 'D1', '2024-01-01'],
			['F', 'f', '33', 'M', 'D2', '2024-01-01']
		];
		const { summary } = await applyTable(
			project({ privacy: [{ model: 'k-anonymity', k: 3 }] }),
			rowsInput(header, rows)
		);
		expect(summary.privacy.distinctLReached).toEqual({ disease: 2 });
		expect(summary.privacy.minClassSize).toBe(3);
	});

	it('keeps surrogates and date shifts consistent per patient and across tables of one release', async () => {
		const rows = makeRows();
		const release = await KeyedMapper.ephemeral();
		const first = decode((await applyTable(project(), rowsInput(header, rows), { release })).bytes);
		const second = decode(
			(await applyTable(project(), rowsInput(header, rows.slice(40)), { release })).bytes
		);
		const surrogateOf = new Map<string, string>();
		first.rows.forEach((row, i) => {
			const original = rows[i][0];
			if (surrogateOf.has(original)) expect(row[0]).toBe(surrogateOf.get(original));
			else surrogateOf.set(original, row[0]);
		});
		expect(new Set(surrogateOf.values()).size).toBe(40);
		second.rows.forEach((row, i) => expect(row[0]).toBe(surrogateOf.get(rows[40 + i][0])));
		// Date shift: both visits of a patient move by the same number of days.
		const day = (s: string) => Date.parse(s) / 86_400_000;
		for (let i = 0; i < rows.length; i += 2) {
			const shift0 = day(first.rows[i][4]) - day(rows[i][5]);
			const shift1 = day(first.rows[i + 1][4]) - day(rows[i + 1][5]);
			expect(shift0).toBe(shift1);
			expect(shift0).not.toBe(0);
			expect(Math.abs(shift0)).toBeLessThanOrEqual(30);
		}
		// Another release gives other surrogates.
		const other = decode((await applyTable(project(), rowsInput(header, rows))).bytes);
		expect(other.rows[0][0]).not.toBe(first.rows[0][0]);
	});

	it('writes the same bytes from parsed rows and from an encoded table (browser path)', async () => {
		const rows = makeRows();
		const key = new Uint8Array(32).fill(7);
		const p = project({
			attributes: {
				...project().config.attributes,
				patient_id: { role: 'identifying', treatment: 'pseudonym' }
			},
			output: { encoding: 'shift_jis', marker: '(suppressed)' }
		});
		const a = await applyTable(p, rowsInput(header, rows, 7), { pseudonymKey: key });
		const b = await applyTable(p, tableInput(encodeRows(header, rows), 1000), { pseudonymKey: key });
		expect(b.bytes).toEqual(a.bytes);
		expect(new TextDecoder('shift_jis').decode(a.bytes)).toContain('(suppressed)');
	});

	it('removes suppressed records when asked', async () => {
		const rows = makeRows();
		const { bytes, summary } = await applyTable(
			project({ output: { suppressedRecords: 'remove' } }),
			rowsInput(header, rows)
		);
		expect(decode(bytes).rows).toHaveLength(rows.length - summary.privacy.suppressedRecords);
		expect(summary.recordsOut).toBe(rows.length - summary.privacy.suppressedRecords);
	});

	it('refuses a transformation that is not anonymous within the suppression limit', async () => {
		await expect(applyTable(project({ suppressionLimit: 0 }), rowsInput(header, makeRows()))).rejects.toThrow(
			ApplyError
		);
	});

	it('removes opted-out patients before the census', async () => {
		const rows = makeRows();
		const { summary } = await applyTable(project({ suppressionLimit: 1 }), rowsInput(header, rows), {
			optOut: [{ patientId: 'P000' }, { patientId: 'Ｐ００５' }, { patientId: 'P999' }]
		});
		expect(summary.recordsIn).toBe(80);
		expect(summary.recordsOut).toBe(76);
		expect(summary.privacy.records).toBe(76);
		expect(summary.optOut).toEqual({
			entries: 3,
			matchedEntries: 2,
			refusedRecords: 4,
			noticePeriodRecords: 0,
			patientsRemoved: 2
		});
		expect(summary.patientsOut).toBe(38);
	});
});
