import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	censusAgeUnknown,
	censusClassSizes,
	censusRestriction,
	censusArea,
	censusAreas,
	censusCount,
	japanPopulationModel,
	POPULATION_SOURCE
} from '../../../../src/lib/engine/jp/population';

describe('built-in census population (令和2年国勢調査)', () => {
	it('has the national totals the census publishes', () => {
		expect(censusCount()).toBe(126146099);
		expect(censusCount({ sex: 'male' })).toBe(61349581);
		expect(censusCount({ sex: 'female' })).toBe(64796518);
		expect(censusAgeUnknown()).toBe(2931838);
		expect(censusCount({ ageFrom: 0, ageTo: 110 })).toBe(123214261);
		expect(japanPopulationModel()).toEqual({ size: 126146099 });
		expect(POPULATION_SOURCE).toContain('出典：総務省統計局「令和2年国勢調査」');
	});

	it('finds prefectures by code or name and sums to the nation', () => {
		expect(censusAreas()).toHaveLength(48);
		expect(censusArea(13).name).toBe('東京都');
		expect(censusArea('東京都').code).toBe('13');
		expect(censusArea('1').name).toBe('北海道');
		expect(censusCount({ area: '01' })).toBe(5224614);
		expect(censusAgeUnknown('13')).toBe(428739);
		const sum = censusAreas()
			.filter((a) => a.code !== '00')
			.reduce((s, a) => s + censusCount({ area: a.code }), 0);
		expect(sum).toBe(126146099);
		expect(() => censusArea('99')).toThrow(/no census area/);
	});

	it('sums age ranges of known ages', () => {
		expect(censusCount({ area: '00', sex: 'male', ageFrom: 0, ageTo: 0 })).toBe(425174);
		expect(censusCount({ ageFrom: 108, ageTo: 110 })).toBe(557 + 211 + 141);
		expect(() => censusCount({ ageFrom: 50, ageTo: 40 })).toThrow(/empty/);
	});

	const dir = path.resolve(process.cwd(), '../shared/datasets/jp-population');
	const present = existsSync(path.join(dir, 'prefecture_age_sex_2020.csv'));
	if (!present) console.warn(`census cross-check skipped: ${dir} is absent`);

	it.skipIf(!present)(
		'matches every 5-year cell of prefecture_age_sex_2020.csv and every prefecture total',
		() => {
			const [, ...lines] = readFileSync(path.join(dir, 'prefecture_age_sex_2020.csv'), 'utf8')
				.trim()
				.split('\n');
			for (const line of lines) {
				const [code, , group, min, max, male, female] = line.split(',');
				if (group === 'unknown') {
					expect(censusAgeUnknown(code, 'male')).toBe(Number(male));
					continue;
				}
				const range = { area: code, ageFrom: Number(min), ageTo: max === '' ? 110 : Number(max) };
				expect(censusCount({ ...range, sex: 'male' }), `${code} ${group}`).toBe(Number(male));
				expect(censusCount({ ...range, sex: 'female' }), `${code} ${group}`).toBe(Number(female));
			}
			const [, ...prefectures] = readFileSync(path.join(dir, 'prefectures_2020.csv'), 'utf8')
				.trim()
				.split('\n');
			for (const line of prefectures) {
				const [code, name, total] = line.split(',');
				expect(censusArea(code).name).toBe(name);
				expect(censusCount({ area: code })).toBe(Number(total));
			}
		}
	);
});

describe('census as a population table', () => {
	it('reads generalized values as census cells', () => {
		expect(censusRestriction('area', '東京都')).toEqual({ area: '13' });
		expect(censusRestriction('area', '*')).toEqual({});
		expect(censusRestriction('sex', '女')).toEqual({ sex: 'female' });
		expect(censusRestriction('sex', '1')).toEqual({ sex: 'male' });
		expect(censusRestriction('age', '40〜49歳')).toEqual({ ageFrom: 40, ageTo: 49 });
		expect(censusRestriction('age', '45-49')).toEqual({ ageFrom: 45, ageTo: 49 });
		expect(censusRestriction('age', '90歳以上')).toEqual({ ageFrom: 90, ageTo: 110 });
		expect(censusRestriction('age', '37')).toEqual({ ageFrom: 37, ageTo: 37 });
		expect(censusRestriction('age', 'young')).toBeNull();
		expect(censusRestriction('area', 'Atlantis')).toBeNull();
	});

	it('gives each class the size of its census cell', () => {
		// Two classes: (東京都, 男, 0-4) and (*, 女, 100+).
		const sizes = censusClassSizes(
			[
				{ dimension: 'area', codes: Int32Array.from([0, 1]), values: ['13', '*'] },
				{ dimension: 'sex', codes: Int32Array.from([0, 1]), values: ['男', '女'] },
				{ dimension: 'age', codes: Int32Array.from([0, 1]), values: ['0-4', '100+'] }
			],
			Int32Array.from([0, 1])
		);
		expect(sizes[0]).toBe(censusCount({ area: '13', sex: 'male', ageFrom: 0, ageTo: 4 }));
		expect(sizes[1]).toBe(censusCount({ sex: 'female', ageFrom: 100, ageTo: 110 }));
		expect(() =>
			censusClassSizes(
				[{ dimension: 'sex', codes: Int32Array.from([0]), values: ['?'] }],
				Int32Array.from([0])
			)
		).toThrow(/census sex/);
	});
});
