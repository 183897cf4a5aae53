import { describe, expect, it } from 'vitest';
import { buildHierarchyRows, validateHierarchySpec } from '../../../../src/lib/engine/hierarchy/builders';
import {
	AGE_PRESETS,
	agePresetOf,
	DATE_LEVEL_ORDER,
	DATE_PRESETS,
	dateChainProblem,
	dateLevelsFromChecks,
	formatNumberList,
	parseNumberList,
	parseOptionalNumber,
	specKey,
	withFields
} from '../../../../src/lib/components/rules/spec-form';

describe('number lists as typed', () => {
	it('reads commas, arrows, Japanese commas and full-width digits', () => {
		expect(parseNumberList('5, 10, 20')).toEqual({ ok: true, values: [5, 10, 20] });
		expect(parseNumberList('5 → 10 → 20')).toEqual({ ok: true, values: [5, 10, 20] });
		expect(parseNumberList('４、５')).toEqual({ ok: true, values: [4, 5] });
		expect(parseNumberList('-1.5 2')).toEqual({ ok: true, values: [-1.5, 2] });
		expect(parseNumberList('')).toEqual({ ok: true, values: [] });
	});

	it('names the token that is not a number', () => {
		expect(parseNumberList('5, x10, 20')).toEqual({ ok: false, bad: 'x10' });
	});

	it('round-trips through its text form', () => {
		const text = formatNumberList([0, 15, 65, 75]);
		expect(text).toBe('0, 15, 65, 75');
		expect(parseNumberList(text)).toEqual({ ok: true, values: [0, 15, 65, 75] });
		expect(formatNumberList(undefined)).toBe('');
	});

	it('reads optional numbers: empty is unset, junk is NaN', () => {
		expect(parseOptionalNumber(' ')).toBeUndefined();
		expect(parseOptionalNumber('９０')).toBe(90);
		expect(parseOptionalNumber('90歳')).toBeNaN();
	});
});

describe('withFields', () => {
	it('drops emptied fields and keeps the ones the form does not show', () => {
		const spec = { builder: 'age', strict: true, top: 90, missing: '不明' };
		expect(withFields(spec, { top: undefined, missing: '', levels: [] })).toEqual({
			builder: 'age',
			strict: true
		});
		expect(withFields(spec, { top: 85 })).toEqual({ builder: 'age', strict: true, top: 85, missing: '不明' });
		expect(spec.top).toBe(90);
	});

	it('gives a stable key', () => {
		expect(specKey({ builder: 'sex' })).toBe(specKey({ builder: 'sex' }));
		expect(specKey(undefined)).toBe('null');
	});
});

describe('date level chains', () => {
	it('takes checked levels in the form order, whatever order they were checked in', () => {
		expect(dateLevelsFromChecks(new Set(['years', 'month', 'year'] as const))).toEqual([
			'month',
			'year',
			'years'
		]);
	});

	it('agrees with the engine on every pair of levels in the form order', () => {
		for (let i = 0; i < DATE_LEVEL_ORDER.length; i++) {
			for (let j = i + 1; j < DATE_LEVEL_ORDER.length; j++) {
				const levels = [DATE_LEVEL_ORDER[i], DATE_LEVEL_ORDER[j]];
				const engineOk = (() => {
					try {
						validateHierarchySpec({ builder: 'date', levels });
						return true;
					} catch {
						return false;
					}
				})();
				expect(dateChainProblem(levels) === null, levels.join(' → ')).toBe(engineOk);
			}
		}
	});

	it('names the first pair that cannot be stacked', () => {
		expect(dateChainProblem(['month', 'year', 'fiscal-year'])).toEqual({ from: 'year', to: 'fiscal-year' });
	});

	it('offers presets the engine accepts, with 年度 and 和暦 labels', () => {
		for (const levels of Object.values(DATE_PRESETS)) {
			expect(dateChainProblem(levels)).toBeNull();
			expect(() => validateHierarchySpec({ builder: 'date', levels })).not.toThrow();
		}
		const [row] = buildHierarchyRows(['2019-05-01'], { builder: 'date', levels: DATE_PRESETS.fiscal });
		expect(row).toEqual(['2019-05-01', '2019-05', '2019年度', '令和元年度', '*']);
		const [early] = buildHierarchyRows(['2019-03-31'], { builder: 'date', levels: DATE_PRESETS.era });
		expect(early).toEqual(['2019-03-31', '平成31年3月', '平成31年', '平成', '*']);
	});
});

describe('age presets', () => {
	it('are valid chains for the engine', () => {
		for (const levels of Object.values(AGE_PRESETS)) {
			expect(() => validateHierarchySpec({ builder: 'age', levels })).not.toThrow();
		}
	});

	it('recognise a chain as its preset, the default when absent, else custom', () => {
		expect(agePresetOf(undefined)).toBe('standard');
		expect(agePresetOf(['10y', '20y'])).toBe('decades');
		expect(agePresetOf(['ppc15'])).toBe('ppc15');
		expect(agePresetOf(['5y', '20y'])).toBe('custom');
	});

	it('top-code at 90 by default (90歳以上)', () => {
		const rows = buildHierarchyRows(['93', '42'], { builder: 'age', levels: [...AGE_PRESETS.decades] });
		expect(rows).toEqual([
			['93', '90歳以上', '90歳以上', '*'],
			['42', '40-49歳', '40-59歳', '*']
		]);
	});
});
