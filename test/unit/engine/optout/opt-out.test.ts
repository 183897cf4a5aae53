import { describe, expect, it } from 'vitest';
import {
	normalizeBirthDate,
	normalizeInsuranceField,
	normalizeKanaName,
	normalizePatientId,
	normalizeSex
} from '../../../../src/lib/engine/optout/normalize';
import { OptOutError, OptOutMatcher, parseOptOutList } from '../../../../src/lib/engine/optout/opt-out';

describe('normalization', () => {
	it('patient IDs: full-width digits and spaces', () => {
		expect(normalizePatientId('０００１２３ ')).toBe('000123');
		expect(normalizePatientId('A 12')).toBe('A12');
	});

	it('insurance fields: full-width, hyphens of every kind, spaces', () => {
		expect(normalizeInsuranceField('０６１３－００１２')).toBe('06130012');
		expect(normalizeInsuranceField('12‐34')).toBe('1234');
		expect(normalizeInsuranceField('12ー34')).toBe('1234');
		expect(normalizeInsuranceField('あ 12−3')).toBe('あ123');
	});

	it('kana names: half-width, hiragana, small kana, spaces', () => {
		const canonical = normalizeKanaName('ヤマダ　キヨウコ');
		for (const variant of ['ﾔﾏﾀﾞ ｷｮｳｺ', 'やまだ きょうこ', 'ヤマダキョウコ', 'ﾔﾏﾀﾞｷﾖｳｺ']) {
			expect(normalizeKanaName(variant)).toBe(canonical);
		}
		expect(normalizeKanaName('ﾔﾏﾀﾞ')).toBe('ヤマダ');
		expect(normalizeKanaName('ヤマダ')).not.toBe(normalizeKanaName('ヤマタ'));
	});

	it('birth dates: 和暦, UKE, ISO, slashes, full-width digits', () => {
		for (const v of [
			'1985-04-01',
			'1985/4/1',
			'昭和60年4月1日',
			'S60.04.01',
			'3600401',
			'１９８５－０４－０１'
		]) {
			expect(normalizeBirthDate(v)).toBe('19850401');
		}
		expect(normalizeBirthDate('昭和65年1月1日')).toBeNull();
	});

	it('sex codes', () => {
		expect(normalizeSex('1')).toBe('male');
		expect(normalizeSex('男')).toBe('male');
		expect(normalizeSex('Ｆ')).toBe('female');
		expect(normalizeSex('?')).toBeNull();
	});
});

const header = ['patient_id', 'insurer', 'symbol', 'number', 'kana', 'birth', 'sex', 'visit'];
const data = [
	['P001', '06130012', '12-34', '567', 'ヤマダ タロウ', '1980-01-01', '1', '2024-04-01'],
	['P001', '06130012', '12-34', '567', 'ヤマダ タロウ', '1980-01-01', '1', '2024-05-01'],
	['P002', '01130011', 'あ12', '0042', 'スズキ ハナコ', '1975-03-03', '2', '2024-04-01'],
	['P003', '39131015', '', '999', 'タナカ キョウコ', '1990-12-24', '2', '2024-04-01'],
	['P004', '39131015', '', '1000', 'サトウ ジロウ', '1950-06-06', '1', '2024-04-10'],
	['P004', '39131015', '', '1000', 'サトウ ジロウ', '1950-06-06', '1', '2024-05-20'],
	['P005', '06130012', '12-34', '568', 'イトウ ケン', '2000-02-02', '1', '2024-04-01']
];
const columns = {
	id: 'patient_id',
	insurer: 'insurer',
	symbol: 'symbol',
	number: 'number',
	kanaName: 'kana',
	birthDate: 'birth',
	sex: 'sex',
	eventDate: 'visit'
};

function run(listHeader: string[], listRows: string[][], noticeDays = 30) {
	const matcher = new OptOutMatcher(parseOptOutList(listHeader, listRows), header, columns, noticeDays);
	const kept = data.filter((row) => matcher.check(row) === 'keep').map((row) => row[0]);
	return { kept, counts: matcher.counts() };
}

describe('OptOutMatcher', () => {
	it('matches by patient ID, written with full-width digits', () => {
		const { kept, counts } = run(['患者ID'], [['Ｐ００１']]);
		expect(kept).toEqual(['P002', 'P003', 'P004', 'P004', 'P005']);
		expect(counts).toEqual({
			entries: 1,
			matchedEntries: 1,
			refusedRecords: 2,
			noticePeriodRecords: 0,
			patientsRemoved: 1
		});
	});

	it('matches by insurer number + 記号 + 番号 across hyphen and width variants', () => {
		const { kept, counts } = run(
			['保険者番号', '記号', '番号'],
			[
				['０１１３－００１１', 'あ １２', '0042'],
				['06130012', '1234', '567'],
				['06130012', '1234', '56']
			]
		);
		expect(kept).toEqual(['P003', 'P004', 'P004', 'P005']);
		expect(counts.matchedEntries).toBe(2);
		expect(counts.refusedRecords).toBe(3);
	});

	it('matches by kana name + birth date + sex, in 和暦 and half-width kana', () => {
		const { kept } = run(
			['カナ氏名', '生年月日', '性別'],
			[
				['ﾀﾅｶ ｷﾖｳｺ', '平成2年12月24日', '女'],
				['サトウ ジロウ', '1950-06-06', '2']
			]
		);
		// サトウ ジロウ is male in the data: a different sex is a different person.
		expect(kept).toEqual(['P001', 'P001', 'P002', 'P004', 'P004', 'P005']);
	});

	it('excludes records earlier than notice date + N days', () => {
		const { kept, counts } = run(['patient_id', 'notice_date'], [['P004', '2024-04-01']]);
		// Visits 2024-04-10 (< 05-01) excluded, 2024-05-20 kept.
		expect(kept).toEqual(['P001', 'P001', 'P002', 'P003', 'P004', 'P005']);
		expect(counts.noticePeriodRecords).toBe(1);
		expect(counts.refusedRecords).toBe(0);
		expect(run(['patient_id', 'notice_date'], [['P004', '2024-04-01']], 60).kept).not.toContain('P004');
		expect(run(['patient_id', 'notice_date'], [['P004', '2024-04-01']], 5).kept).toContain('P004');
	});

	it('rejects lists it cannot match and rows without an identity', () => {
		expect(() => parseOptOutList(['comment'], [['x']])).toThrow(OptOutError);
		expect(() => parseOptOutList(['patient_id', 'sex'], [['', '1']])).toThrow(/row 2/);
		expect(
			() => new OptOutMatcher(parseOptOutList(['patient_id'], [['P1']]), header, { kanaName: 'kana' })
		).toThrow(/cannot be matched/);
	});
});
