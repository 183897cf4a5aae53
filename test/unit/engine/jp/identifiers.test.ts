import { describe, expect, it } from 'vitest';
import { keywordHit, nameWords } from '../../../../src/lib/engine/jp/identifier-keywords';
import { proposeRole, proposeRoles } from '../../../../src/lib/engine/jp/identifiers';
import { hierarchySpecProblems } from '../../../../src/lib/engine/hierarchy/builders';
import { myNumberCheckDigit } from '../../../../src/lib/engine/jp/check-digits';

const role = (name: string, values: string[] = []) => {
	const p = proposeRole(name, values);
	return `${p.role}/${p.reason}`;
};

describe('column-name keywords', () => {
	it('splits English names into words', () => {
		expect(nameWords('PatientID')).toEqual(['patient', 'id']);
		expect(nameWords('date_of_birth')).toEqual(['date', 'of', 'birth']);
		expect(nameWords('HbA1c値')).toEqual(['hb', 'a1c']);
	});

	it('matches whole English words, Japanese substrings', () => {
		expect(keywordHit('patient_id', { en: ['id'] })).toBe('id');
		expect(keywordHit('valid', { en: ['id'] })).toBeUndefined();
		expect(keywordHit('stage', { en: ['age'] })).toBeUndefined();
		expect(keywordHit('ZipCode', { en: ['zipcode'] })).toBe('zipcode');
		expect(keywordHit('患者氏名', { ja: ['氏名'] })).toBe('氏名');
		expect(keywordHit('drug_name', { en: ['name'], enExclude: ['drug'] })).toBeUndefined();
	});
});

describe('role proposals by column name (DOMAIN §3.6)', () => {
	it.each([
		['氏名', 'identifying/person-name'],
		['患者氏名', 'identifying/person-name'],
		['カナ氏名', 'identifying/kana-name'],
		['patient_name', 'identifying/person-name'],
		['電話番号', 'identifying/phone'],
		['Eメール', 'identifying/email'],
		['マイナンバー', 'identifying/my-number'],
		['保険者番号', 'identifying/insurer-number'],
		['被保険者番号', 'identifying/insurance-card-number'],
		['被保険者証記号', 'identifying/insurance-card-number'],
		['公費受給者番号', 'identifying/public-expense-recipient'],
		['公費負担者番号', 'sensitive/public-expense-payer'],
		['患者ID', 'identifying/patient-id'],
		['カルテ番号', 'identifying/patient-id'],
		['MRN', 'identifying/patient-id'],
		['担当医師名', 'identifying/doctor'],
		['症状詳記', 'identifying/free-text'],
		['生年月日', 'quasi-identifying/birth-date'],
		['date_of_birth', 'quasi-identifying/birth-date'],
		['年齢', 'quasi-identifying/age'],
		['Age', 'quasi-identifying/age'],
		['性別', 'quasi-identifying/sex'],
		['郵便番号', 'quasi-identifying/postal-code'],
		['住所', 'quasi-identifying/address'],
		['都道府県', 'quasi-identifying/prefecture'],
		['受診日', 'quasi-identifying/event-date'],
		['診療年月', 'quasi-identifying/event-date'],
		['admission_date', 'quasi-identifying/event-date'],
		['医療機関コード', 'quasi-identifying/facility'],
		['傷病名コード', 'sensitive/diagnosis'],
		['ICD10', 'sensitive/diagnosis'],
		['医薬品コード', 'sensitive/drug'],
		['drug_name', 'sensitive/drug'],
		['処方日', 'quasi-identifying/event-date'],
		['HbA1c', 'sensitive/lab-value'],
		['9N001000000000001', 'sensitive/lab-value'],
		['転帰区分', 'sensitive/outcome'],
		['レセプト特記事項', 'sensitive/special-notes'],
		['stage', 'insensitive/no-evidence'],
		['点数', 'insensitive/no-evidence']
	])('%s → %s', (name, expected) => {
		expect(role(name)).toBe(expected);
	});
});

describe('role proposals by values', () => {
	const validMyNumbers = ['1234567890', '9876543210', '5555555555', '1020304050', '7777777777'].map(
		(b) => b + '0' + myNumberCheckDigit(b + '0')
	);

	it('recognizes マイナンバー by its check digit, even under a generic name', () => {
		const p = proposeRole('ID', validMyNumbers);
		expect(p.role).toBe('identifying');
		expect(p.reason).toBe('my-number');
		expect(p.personalIdentificationCode).toBe(true);
		// the same digits with wrong check digits are not マイナンバー
		const broken = validMyNumbers.map((v) => v.slice(0, 11) + ((+v[11] + 1) % 10));
		expect(proposeRole('col', broken).reason).not.toBe('my-number');
	});

	it('recognizes names, phones, e-mail, postal codes, addresses without telling names', () => {
		expect(role('col1', ['山田 太郎', '佐藤\u3000花子', '鈴木 一郎'])).toBe('identifying/person-name');
		expect(role('col2', ['ヤマダ タロウ', 'ｻﾄｳ ﾊﾅｺ', 'すずき いちろう'])).toBe('identifying/kana-name');
		expect(role('col3', ['03-1234-5678', '090-1111-2222', '(06)1234-5678'])).toBe('identifying/phone');
		expect(role('col4', ['a@example.jp', 'b.c@example.com', 'x+y@ex.co.jp'])).toBe('identifying/email');
		expect(role('col5', ['100-0001', '〒150-0002', '530-0001'])).toBe('quasi-identifying/postal-code');
		expect(role('col6', ['東京都千代田区千代田1-1', '大阪府大阪市北区1', '北海道札幌市中央区'])).toBe(
			'quasi-identifying/address'
		);
		expect(role('col7', ['東京都', '大阪府', '北海道', '沖縄'])).toBe('quasi-identifying/prefecture');
		expect(role('col8', ['M', 'F', 'F', 'M'])).toBe('quasi-identifying/sex');
		expect(role('col9', ['E11.9', 'I10', 'C16.9', 'J45'])).toBe('sensitive/diagnosis');
		expect(role('col10', ['2024-04-01', '2024-05-10', '20240612'])).toBe('quasi-identifying/date');
	});

	it('needs enough values before trusting values alone', () => {
		expect(role('col', ['03-1234-5678'])).toBe('insensitive/no-evidence');
		expect(role('電話', ['03-1234-5678'])).toBe('identifying/phone');
	});

	it('name and values agreeing gives the highest confidence', () => {
		const both = proposeRole('電話番号', ['03-1234-5678', '090-1111-2222', '045-123-4567']);
		expect(both.evidence).toBe('name+values');
		expect(both.confidence).toBeGreaterThan(proposeRole('電話番号', []).confidence);
		expect(both.message).toMatch(/column name matches "電話" and the values agree/);
	});

	it('flags unique code-like columns as linking codes', () => {
		const ids = Array.from({ length: 40 }, (_, i) => `PT-${String(10000 + i * 7)}`);
		const p = proposeRole('col', ids);
		expect(p.reason).toBe('unique-code');
		expect(p.role).toBe('identifying');
		// but not when the whole column repeats values (stats from the full column)
		expect(proposeRole('col', ids, { distinctCount: 40, rowCount: 4000 }).reason).toBe('no-evidence');
		// and not for unique measurements
		const labs = Array.from({ length: 40 }, (_, i) => (5 + i / 10).toFixed(1));
		expect(proposeRole('col', labs).reason).toBe('no-evidence');
	});

	it('suggests hierarchies for quasi-identifiers and coded sensitive columns', () => {
		expect(proposeRole('年齢', ['34']).suggestedHierarchy).toEqual({ builder: 'age' });
		expect(proposeRole('郵便番号', []).suggestedHierarchy).toEqual({ builder: 'mask', preset: 'postal' });
		expect(proposeRole('病名', ['E11.9', 'I10']).suggestedHierarchy).toEqual({
			builder: 'prefix',
			preset: 'icd10'
		});
		expect(proposeRole('病名', ['糖尿病']).suggestedHierarchy).toBeUndefined();
		expect(proposeRole('薬効分類', ['114', '214', '396']).suggestedHierarchy).toEqual({
			builder: 'prefix',
			preset: 'drug',
			digits: [2, 1]
		});
		expect(proposeRole('YJコード', ['3969007F1020']).suggestedHierarchy).toEqual({
			builder: 'prefix',
			preset: 'drug'
		});
		expect(proposeRole('氏名', []).suggestedHierarchy).toBeUndefined();
		for (const name of ['生年月日', '死亡日', '年齢', '性別', '郵便番号', '都道府県', '住所', '受診日']) {
			const spec = proposeRole(name, []).suggestedHierarchy;
			expect(spec, name).toBeDefined();
			expect(hierarchySpecProblems(spec), name).toEqual([]);
		}
	});

	it('proposes for a whole table', () => {
		const roles = proposeRoles([
			{ name: '患者ID', values: ['0001'] },
			{ name: '性別', values: ['1', '2'] },
			{ name: 'HbA1c', values: ['6.1'] }
		]).map((p) => p.role);
		expect(roles).toEqual(['identifying', 'quasi-identifying', 'sensitive']);
	});
});
