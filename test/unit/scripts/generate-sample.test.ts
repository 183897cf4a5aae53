import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importTable } from '../../../src/lib/engine/table/import';
import { parseJapaneseDate } from '../../../src/lib/engine/jp/era';
import { HEADER, generatePatients } from '../../../scripts/sample/generate.mjs';
import { PREFECTURES } from '../../../scripts/sample/tables.mjs';

const script = path.resolve(process.cwd(), 'scripts/generate-sample.mjs');
const out = mkdtempSync(path.join(tmpdir(), 'tokumei-sample-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const run = (...args: string[]) => execFileSync(process.execPath, [script, ...args], { encoding: 'utf8' });

function ageAt(birth: string, visit: string): number {
	const b = parseJapaneseDate(birth)!;
	const v = parseJapaneseDate(visit)!;
	const hadBirthday = v.month > b.month || (v.month === b.month && v.day >= b.day);
	return v.year - b.year - (hadBirthday ? 0 : 1);
}

describe('generatePatients', () => {
	it('is deterministic for a seed and differs between seeds', () => {
		expect(generatePatients(300)).toEqual(generatePatients(300));
		expect(generatePatients(300, 7)).not.toEqual(generatePatients(300));
	});

	it('writes plausible, internally consistent rows', () => {
		const rows = generatePatients(3000);
		const prefectures = new Map(PREFECTURES.map((p) => [p[1] as string, p]));
		for (const row of rows) {
			expect(row).toHaveLength(HEADER.length);
			const [id, name, kana, sex, birth, postal, pref, visit, icd, facility, hba1c, bmi, drug] = row;
			expect(id).toMatch(/^P\d{7}$/);
			expect(name).toMatch(/^\S+\u3000\S+$/);
			expect(kana).toMatch(/^[\u30a0-\u30ff]+\u3000[\u30a0-\u30ff]+$/);
			expect(['男', '女']).toContain(sex);
			const age = ageAt(birth, visit);
			expect(age).toBeGreaterThanOrEqual(0);
			expect(age).toBeLessThanOrEqual(107);
			expect(visit >= '2023/04/01' && visit <= '2024/03/31').toBe(true);
			const prefecture = prefectures.get(pref)!;
			expect(prefecture).toBeDefined();
			const zone = Number(postal.slice(0, 3));
			expect((prefecture[3] as number[][]).some(([lo, hi]) => zone >= lo && zone <= hi)).toBe(true);
			expect(postal).toMatch(/^\d{3}-\d{4}$/);
			expect(facility.startsWith(`${prefecture[0]}1`)).toBe(true);
			expect(facility).toMatch(/^\d{10}$/);
			expect(icd).toMatch(/^[A-Z]\d{2}(\.\d)?$/);
			if (icd === 'C61') expect(sex).toBe('男');
			if (icd === 'C50.9' || icd === 'O21.0' || icd === 'M81.9') expect(sex).toBe('女');
			if (hba1c !== '') expect(Number(hba1c)).toBeGreaterThanOrEqual(4.3);
			if (bmi !== '') expect(Number(bmi)).toBeGreaterThanOrEqual(12);
			expect(drug).toMatch(/^(\d{3})?$/);
		}
	});

	it('has the shape anonymization needs: older patients, diabetes ~ HbA1c, a skewed code list, rare values', () => {
		const rows = generatePatients(20_000);
		const ages = rows.map((r) => ageAt(r[4], r[7]));
		const old = ages.filter((a) => a >= 65).length / ages.length;
		expect(old).toBeGreaterThan(0.4);
		expect(old).toBeLessThan(0.65);
		expect(ages.filter((a) => a >= 100).length).toBeGreaterThan(0);
		const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
		const hba1c = (diabetic: boolean) =>
			mean(rows.filter((r) => (r[8] === 'E11.9') === diabetic && r[10] !== '').map((r) => Number(r[10])));
		expect(hba1c(true) - hba1c(false)).toBeGreaterThan(1.2);
		const dxAge = (code: string) => mean(rows.flatMap((r, i) => (r[8] === code ? [ages[i]] : [])));
		expect(dxAge('G30.9') - dxAge('H66.9')).toBeGreaterThan(50);
		const counts = new Map<string, number>();
		for (const r of rows) counts.set(r[8], (counts.get(r[8]) ?? 0) + 1);
		const sorted = [...counts.values()].sort((a, b) => b - a);
		expect(sorted[0]).toBeGreaterThan(20 * sorted.at(-1)!);
		expect(Math.min(...counts.values())).toBeLessThan(10);
	});
});

describe('scripts/generate-sample.mjs', () => {
	it('writes the same bytes twice, skips with --if-missing, and both encodings import to the same table', async () => {
		run('--rows', '400', '--out', out);
		const utf8Path = path.join(out, 'tokumei-sample-utf8.csv');
		const sjisPath = path.join(out, 'tokumei-sample-sjis.csv');
		const first = [readFileSync(utf8Path), readFileSync(sjisPath)];
		run('--rows', '400', '--out', out);
		expect(readFileSync(utf8Path).equals(first[0])).toBe(true);
		expect(readFileSync(sjisPath).equals(first[1])).toBe(true);

		const mtime = statSync(utf8Path).mtimeMs;
		expect(run('--rows', '10', '--out', out, '--if-missing')).toMatch(/already has the sample/);
		expect(statSync(utf8Path).mtimeMs).toBe(mtime);

		const fromUtf8 = await importTable(new Uint8Array(first[0]));
		const fromSjis = await importTable(new Uint8Array(first[1]));
		expect(fromUtf8.encoding).toBe('utf-8');
		expect(fromSjis.encoding).toBe('shift_jis');
		expect(fromUtf8.header).toEqual(HEADER);
		expect(fromSjis.header).toEqual(HEADER);
		expect(fromSjis.table).toEqual(fromUtf8.table);
		expect(fromUtf8.warnings).toEqual([]);
		const types = Object.fromEntries(HEADER.map((h, i) => [h, fromUtf8.types[i]]));
		expect(types['生年月日']).toEqual({ type: 'date', dateFormat: 'iso' });
		expect(types['受診日']).toEqual({ type: 'date', dateFormat: 'yyyy/mm/dd' });
		expect(types['HbA1c'].type).toBe('decimal');
		expect(types['BMI'].type).toBe('decimal');
		expect(types['患者ID'].type).toBe('categorical');
		expect(types['郵便番号'].type).toBe('categorical');
	});

	it('rejects a bad --rows', () => {
		expect(() => run('--rows', 'many', '--out', out)).toThrow();
	});
});
