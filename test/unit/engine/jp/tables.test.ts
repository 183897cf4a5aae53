import { describe, expect, it } from 'vitest';
import { ageBandCuts } from '../../../../src/lib/engine/jp/age-bands';
import {
	drugClassOf,
	DRUG_CLASS_NAMES,
	isSensitiveDrugClass
} from '../../../../src/lib/engine/jp/drug-classes';
import {
	ICD10_BLOCKS,
	ICD10_CHAPTERS,
	icd10Block,
	icd10Chapter,
	parseIcd10
} from '../../../../src/lib/engine/jp/icd10';
import { findPrefecture, looksLikeAddress, PREFECTURES } from '../../../../src/lib/engine/jp/prefectures';
import { parseSex } from '../../../../src/lib/engine/jp/sex-codes';

describe('prefectures (JIS X 0401)', () => {
	it('has the 47 codes in order with 8 regions', () => {
		expect(PREFECTURES).toHaveLength(47);
		expect(PREFECTURES.map((p) => Number(p.code))).toEqual(Array.from({ length: 47 }, (_, i) => i + 1));
		expect(new Set(PREFECTURES.map((p) => p.regionName)).size).toBe(8);
	});

	it('finds prefectures by code, both name forms, romaji and address', () => {
		for (const key of ['13', '東京都', '東京', 'Tokyo', 'ｔｏｋｙｏ', '東京都千代田区千代田1-1']) {
			expect(findPrefecture(key)?.code, key).toBe('13');
		}
		expect(findPrefecture('京都')?.name).toBe('京都府');
		expect(findPrefecture('京都府京都市')?.name).toBe('京都府');
		expect(findPrefecture('01')?.name).toBe('北海道');
		expect(findPrefecture('48')).toBeUndefined();
		expect(findPrefecture('千代田区')).toBeUndefined();
		expect(looksLikeAddress('大阪府大阪市北区')).toBe(true);
		expect(looksLikeAddress('大阪府')).toBe(false);
	});
});

describe('ICD-10 chapters and blocks', () => {
	it('parses the ways codes are written', () => {
		expect(parseIcd10('E11.9')?.canonical).toBe('E11.9');
		expect(parseIcd10('E119')?.canonical).toBe('E11.9');
		expect(parseIcd10('ｅ１１．９')?.canonical).toBe('E11.9');
		expect(parseIcd10('G01*')?.category).toBe('G01');
		expect(parseIcd10('糖尿病')).toBeNull();
		expect(parseIcd10('E1')).toBeNull();
	});

	it('splits D, H, S–T and V–Y letters between chapters (DOMAIN §5.5)', () => {
		expect(icd10Chapter('D48')?.chapter).toBe('II');
		expect(icd10Chapter('D50')?.chapter).toBe('III');
		expect(icd10Chapter('H59')?.chapter).toBe('VII');
		expect(icd10Chapter('H60')?.chapter).toBe('VIII');
		expect(icd10Chapter('T98')?.chapter).toBe('XIX');
		expect(icd10Chapter('X85')?.chapter).toBe('XX');
		expect(icd10Chapter('U07')?.chapter).toBe('XXII');
		expect(icd10Chapter('D49')).toBeUndefined();
		expect(icd10Chapter('K94')).toBeUndefined();
		expect(ICD10_CHAPTERS).toHaveLength(22);
	});

	it('has blocks that do not overlap and lie inside one chapter each', () => {
		for (let i = 0; i < ICD10_BLOCKS.length; i++) {
			const b = ICD10_BLOCKS[i];
			expect(b.start <= b.end, `${b.start}-${b.end}`).toBe(true);
			if (i > 0) expect(ICD10_BLOCKS[i - 1].end < b.start, `${b.start}`).toBe(true);
			expect(icd10Chapter(b.start)?.chapter, `${b.start}-${b.end}`).toBe(icd10Chapter(b.end)?.chapter);
			expect(icd10Chapter(b.start), `${b.start}`).toBeDefined();
		}
		expect(icd10Block('E11')).toBe('E10-E14');
		expect(icd10Block('X99')).toBe('X85-Y09');
		expect(icd10Block('C42')).toBeUndefined();
	});
});

describe('薬効分類', () => {
	it('reads the class from YJ codes', () => {
		expect(drugClassOf('3969007F1020')).toBe('3969');
		expect(drugClassOf('214')).toBe('214');
		expect(drugClassOf('620000001')).toBeNull();
		expect(DRUG_CLASS_NAMES.get('42')).toBe('腫瘍用薬');
		expect(isSensitiveDrugClass('4291')).toBe(true);
		expect(isSensitiveDrugClass('2149')).toBe(false);
	});
});

describe('sex codes (DOMAIN §5.7)', () => {
	it('crosswalks the schemes', () => {
		expect(['1', 'M', 'male', '男', '男性'].map(parseSex)).toEqual(Array(5).fill('male'));
		expect(['2', 'f', 'Female', '女', '女性'].map(parseSex)).toEqual(Array(5).fill('female'));
		expect(parseSex('9')).toBe('other');
		expect(parseSex('0')).toBe('unknown');
		expect(parseSex('3')).toBeUndefined();
	});
});

describe('age bands (DOMAIN §5.3)', () => {
	it('builds the band cut points', () => {
		expect(ageBandCuts('5y')).toEqual([
			0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90
		]);
		expect(ageBandCuts('10y', 85)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 85]);
		expect(ageBandCuts('ppc7')).toEqual([20, 30, 40, 50, 60, 70]);
		expect(ageBandCuts('jp_insurance')).toEqual([0, 6, 15, 40, 65, 70, 75]);
	});
});
