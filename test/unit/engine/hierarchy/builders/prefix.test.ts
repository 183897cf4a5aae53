import { describe, expect, it } from 'vitest';
import { buildHierarchyRows } from '../../../../../src/lib/engine/hierarchy/builders';

describe('prefix builder', () => {
	it('generic prefixes', () => {
		expect(buildHierarchyRows(['ABCDE', 'AB'], { builder: 'prefix', lengths: [3, 1] })).toEqual([
			['ABCDE', 'ABC', 'A', '*'],
			['AB', 'AB', 'A', '*']
		]);
	});

	it('ICD-10: 4-char → 3-char → block → chapter (DOMAIN §5.5)', () => {
		const rows = buildHierarchyRows(['E11.9', 'E119', 'e10', 'C16.9', 'D49', 'A17.0†', '糖尿病'], {
			builder: 'prefix',
			preset: 'icd10'
		});
		expect(rows).toEqual([
			['E11.9', 'E11.9', 'E11', 'E10-E14', 'IV', '*'],
			['E119', 'E11.9', 'E11', 'E10-E14', 'IV', '*'],
			['e10', 'E10', 'E10', 'E10-E14', 'IV', '*'],
			['C16.9', 'C16.9', 'C16', 'C15-C26', 'II', '*'],
			// D49 lies in no ICD-10 (2013) block or chapter: it stays alone, with an unknown chapter
			['D49', 'D49', 'D49', 'D49', '*', '*'],
			['A17.0†', 'A17.0', 'A17', 'A15-A19', 'I', '*'],
			['糖尿病', '*', '*', '*', '*', '*']
		]);
	});

	it('ICD-10 level choice and chapter labels', () => {
		const rows = buildHierarchyRows(['I21.0'], {
			builder: 'prefix',
			preset: 'icd10',
			levels: ['category', 'chapter'],
			chapterLabel: 'ja'
		});
		expect(rows).toEqual([['I21.0', 'I21', 'IX 循環器系の疾患', '*']]);
		expect(() =>
			buildHierarchyRows(['I21'], { builder: 'prefix', preset: 'icd10', levels: ['chapter', 'block'] })
		).toThrow(
			'hierarchy.levels[1]: "block" cannot follow "chapter" (order: code → category → block → chapter)'
		);
	});

	it('drugs by 薬効分類 digits (DOMAIN §5.6)', () => {
		const rows = buildHierarchyRows(['3969007F1020', '1149019F1560', '620000001'], {
			builder: 'prefix',
			preset: 'drug',
			digits: [3, 2, 1],
			names: true
		});
		expect(rows).toEqual([
			['3969007F1020', '396 糖尿病用剤', '39 その他の代謝性医薬品', '3 代謝性医薬品', '*'],
			['1149019F1560', '114 解熱鎮痛消炎剤', '11 中枢神経系用薬', '1 神経系及び感覚器官用医薬品', '*'],
			['620000001', '*', '*', '*', '*']
		]);
		expect(() =>
			buildHierarchyRows(['620000001'], { builder: 'prefix', preset: 'drug', strict: true })
		).toThrow(/carries no 薬効分類/);
	});

	it('validates the spec', () => {
		expect(() => buildHierarchyRows(['a'], { builder: 'prefix' })).toThrow(
			'hierarchy.lengths: give the prefix lengths, or a preset ("icd10", "drug")'
		);
		expect(() => buildHierarchyRows(['a'], { builder: 'prefix', lengths: [1, 2] })).toThrow(
			'hierarchy.lengths[1]: each level must keep fewer characters than the previous (1 then 2)'
		);
		expect(() => buildHierarchyRows(['a'], { builder: 'prefix', preset: 'drug', digits: [5] })).toThrow(
			'hierarchy.digits[0]: expected 1, 2, 3 or 4, got 5'
		);
	});
});
