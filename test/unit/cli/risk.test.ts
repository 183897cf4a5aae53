/**
 * `tokumei risk`: runs the command in-process on project files written to a temporary folder,
 * pointing at ../shared data, and checks the JSON contract of issue 4 and the --records file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../bin/commands/risk';
import { censusCount } from '../../../src/lib/engine/jp/population';
import { ADULT_ATTRIBUTES, ADULT_DIR, adultQuasiIdentifiers, captured } from './cli-fixtures';

const shared = path.resolve(process.cwd(), '../shared');
const present = existsSync(path.join(shared, 'reference/sdcmicro/records/francdat.csv'));
if (!present) console.warn('tokumei risk CLI tests skipped: ../shared is absent');

const dir = mkdtempSync(path.join(tmpdir(), 'tokumei-risk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runRisk(config: unknown, extra: string[] = []) {
	const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
	writeFileSync(file, JSON.stringify(config));
	return captured(() => run([file, ...extra]));
}

const adultConfig = (extra: Record<string, unknown> = {}) => ({
	tokumei: 1,
	data: { path: path.join(ADULT_DIR, 'adult.csv'), delimiter: ';' },
	attributes: adultQuasiIdentifiers(),
	...extra
});

describe.skipIf(!present)('tokumei risk', () => {
	it('prints the risk of raw adult as ARX reports it', async () => {
		const { code, stdout } = await runRisk(adultConfig({ population: { samplingFraction: 0.1 } }));
		expect(code).toBe(0);
		const report = JSON.parse(stdout);
		expect(report.records).toBe(30162);
		expect(report.equivalenceClasses).toBe(19502);
		expect(report.sampleUniques).toBe(15512);
		expect(report.prosecutor.average).toBe(0.6465751607983555);
		expect(report.prosecutor.highest).toBe(1);
		expect(report.classSizes['1']).toBe(15512);
		expect(report.classSizes['2']).toBe(2098);
		expect(Object.keys(report.prosecutor.recordsAtRisk)).toEqual(
			expect.arrayContaining(['0.5', '0.2', '0.1'])
		);
		expect(report.populationUniqueness.dankar.model).toBe('pitman');
		expect(Math.abs(report.populationUniqueness.dankar.value - 0.27684993883653597)).toBeLessThan(1e-9);
		expect(report.kViolations).toEqual({ '2': 15512, '3': 19708, '5': 23470 });
		expect(report.individualRisk.expectedReidentifications).toBe(19502);
		expect(report.householdRisk).toBeNull();
		expect(report.suda2).toMatchObject({ uniqueRecords: 15512, maxScore: 40326, scoreSum: 20402731 });
		expect(Object.keys(report.suda2.attributeContributions)).toEqual(ADULT_ATTRIBUTES);
		expect(typeof report.elapsedMs).toBe('number');
	});

	it('applies a fixed transformation, with other thresholds and k values', async () => {
		const transformation = Object.fromEntries(ADULT_ATTRIBUTES.map((q) => [q, 1]));
		const { code, stdout } = await runRisk(adultConfig({ transformation }), [
			'--thresholds',
			'0.09,0.5',
			'--k',
			'11'
		]);
		expect(code).toBe(0);
		const report = JSON.parse(stdout);
		expect(report.equivalenceClasses).toBeLessThan(19502);
		expect(report.prosecutor.average).toBe(report.equivalenceClasses / 30162);
		expect(report.populationUniqueness).toBeNull();
		expect(Object.keys(report.prosecutor.recordsAtRisk)).toEqual(['0.09', '0.5']);
		expect(Object.keys(report.kViolations)).toEqual(['11']);
	});

	it('accepts key variables without hierarchy and writes the per-record file (francdat)', async () => {
		const records = path.join(dir, 'francdat-records.csv');
		const { code, stdout, stderr } = await runRisk(
			{
				tokumei: 1,
				data: { path: path.join(shared, 'datasets/sdcmicro/francdat.csv') },
				attributes: Object.fromEntries(
					['Key1', 'Key2', 'Key3', 'Key4'].map((k) => [k, { role: 'quasi-identifying' }])
				),
				weights: 'w'
			},
			['--records', records]
		);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const report = JSON.parse(stdout);
		expect(report.individualRisk.weighted).toBe(true);
		expect(Math.abs(report.individualRisk.expectedReidentifications - 0.966526045199967)).toBeLessThan(1e-12);
		const lines = readFileSync(records, 'utf8').trim().split('\n');
		expect(lines[0]).toBe('row,fk,Fk,risk,suda_score,dis_score');
		const expected = readFileSync(path.join(shared, 'reference/sdcmicro/records/francdat.csv'), 'utf8')
			.trim()
			.split('\n')
			.slice(1)
			.map((l) => l.split(',').map(Number));
		lines.slice(1).forEach((line, i) => {
			const [row, fk, Fk, risk, score, dis] = line.split(',').map(Number);
			const [eRow, eFk, eFK, , eRisk, eScore, eDis] = expected[i];
			expect([row, fk, Fk, score]).toEqual([eRow, eFk, eFK, eScore]);
			expect(Math.abs(risk - eRisk)).toBeLessThanOrEqual(1e-9 * eRisk);
			expect(Math.abs(dis - eDis)).toBeLessThanOrEqual(1e-6 * Math.max(eDis, 1e-300));
		});
	});

	it('uses the built-in census population of a prefecture', async () => {
		const { code, stdout } = await runRisk(adultConfig({ population: { area: '13' } }));
		expect(code).toBe(0);
		const report = JSON.parse(stdout);
		expect(report.populationUniqueness.populationSize).toBe(14047594);
		expect(report.populationUniqueness.dankar.model).toBe('pitman');
		const bad = await runRisk(adultConfig({ population: { area: '99' } }));
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/population.area/);
	});

	it('computes journalist and marketer risk against the census population table', async () => {
		const data = path.join(dir, 'jp.csv');
		writeFileSync(data, 'pref,sex,age\n13,男,0-4\n13,男,0-4\n47,女,100+\n');
		const { code, stdout, stderr } = await runRisk({
			tokumei: 1,
			data: { path: data },
			attributes: {
				pref: { role: 'quasi-identifying' },
				sex: { role: 'quasi-identifying' },
				age: { role: 'quasi-identifying' }
			},
			population: { area: '00', census: { pref: 'area', sex: 'sex', age: 'age' } }
		});
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const report = JSON.parse(stdout);
		const tokyoBoys = censusCount({ area: '13', sex: 'male', ageFrom: 0, ageTo: 4 });
		const okinawaCentenarians = censusCount({ area: '47', sex: 'female', ageFrom: 100, ageTo: 110 });
		expect(report.journalist.highest).toBe(1 / okinawaCentenarians);
		expect(report.journalist.lowest).toBe(1 / tokyoBoys);
		expect(report.journalist.populationTable.exact).toBe(true);
		expect(report.marketer.average).toBe((2 / tokyoBoys + 1 / okinawaCentenarians) / 3);
		expect(report.prosecutor.highest).toBe(1);
	});

	it('reports bad configurations on stderr with exit code 2', async () => {
		const noHierarchy = await runRisk({
			tokumei: 1,
			data: { path: path.join(shared, 'datasets/sdcmicro/francdat.csv') },
			attributes: { Key1: { role: 'quasi-identifying' } },
			transformation: { Key1: 1 }
		});
		expect(noHierarchy.code).toBe(2);
		expect(noHierarchy.stderr).toMatch(/Key1/);
		const badWeights = await runRisk({
			tokumei: 1,
			data: { path: path.join(shared, 'datasets/sdcmicro/francdat.csv') },
			attributes: { Key1: { role: 'quasi-identifying' } },
			weights: 'nope'
		});
		expect(badWeights.code).toBe(2);
		expect(badWeights.stderr).toMatch(/weights/);
		const silenced = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
		expect(await run([])).toBe(2);
		expect(await run(['x.json', '--k', '0'])).toBe(2);
		silenced.mockRestore();
	});
});
