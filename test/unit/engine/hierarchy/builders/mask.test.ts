import { describe, expect, it } from 'vitest';
import { buildHierarchyRows } from '../../../../../src/lib/engine/hierarchy/builders';
import { normalizePostalCode } from '../../../../../src/lib/engine/hierarchy/builders/mask';

describe('mask builder', () => {
	it('masks right to left, one character per level by default', () => {
		expect(buildHierarchyRows(['1234567'], { builder: 'mask' })).toEqual([
			['1234567', '123456*', '12345**', '1234***', '123****', '12*****', '1******', '*******', '*']
		]);
	});

	it('builds for 200,000 distinct values (the longest value is not found with a call spread)', () => {
		const values = Array.from({ length: 200_000 }, (_, i) => String(1_000_000 + i));
		const rows = buildHierarchyRows(values, { builder: 'mask', masked: [3] });
		expect(rows).toHaveLength(200_000);
		expect(rows[199_999]).toEqual(['1199999', '1199***', '*']);
	});

	it('chosen levels, separators kept, values of different lengths', () => {
		const rows = buildHierarchyRows(['AB-123', 'AB-1', ''], {
			builder: 'mask',
			masked: [2, 4],
			separators: '-'
		});
		expect(rows).toEqual([
			['AB-123', 'AB-1**', 'A*-***', '*'],
			['AB-1', 'A*-*', '**-*', '*'],
			['', '*', '*', '*']
		]);
	});

	it('fixed length sends other lengths to the missing group', () => {
		const rows = buildHierarchyRows(['1234', '123'], {
			builder: 'mask',
			masked: [2],
			length: 4,
			missing: '?'
		});
		expect(rows).toEqual([
			['1234', '12**', '*'],
			['123', '?', '*']
		]);
	});

	it('postal preset: 7 digits → 3-digit zone → 2 digits → * (DOMAIN §5.2)', () => {
		const rows = buildHierarchyRows(['〒100-0001', '1000002', '１００－０００３', '12-345'], {
			builder: 'mask',
			preset: 'postal'
		});
		expect(rows).toEqual([
			['〒100-0001', '100-****', '10*-****', '*'],
			['1000002', '100-****', '10*-****', '*'],
			['１００－０００３', '100-****', '10*-****', '*'],
			['12-345', '*', '*', '*']
		]);
		const plain = buildHierarchyRows(['1234567'], { builder: 'mask', preset: 'postal', masked: [4] });
		expect(plain).toEqual([['1234567', '123****', '*']]);
	});

	it('writes small zones as 000 (HIPAA ZIP3 rule and its postal-3 analog)', () => {
		const zip = buildHierarchyRows(['03601', '10001'], { builder: 'mask', masked: [2], smallZones: ['036'] });
		expect(zip).toEqual([
			['03601', '000**', '*'],
			['10001', '100**', '*']
		]);
		const postal = buildHierarchyRows(['100-0001'], {
			builder: 'mask',
			preset: 'postal',
			smallZones: ['100']
		});
		expect(postal).toEqual([['100-0001', '000-****', '00*-****', '*']]);
		expect(() => buildHierarchyRows(['1'], { builder: 'mask', smallZones: ['12'] })).toThrow(
			'hierarchy.smallZones[0]: expected a 3-character zone such as "036", got "12"'
		);
	});

	it('normalizes postal codes', () => {
		expect(normalizePostalCode('〒 123-4567')).toBe('1234567');
		expect(normalizePostalCode('123ー4567')).toBe('1234567');
		expect(normalizePostalCode('123456')).toBeNull();
	});

	it('validates the spec', () => {
		expect(() => buildHierarchyRows(['1'], { builder: 'mask', masked: [3, 2] })).toThrow(
			'hierarchy.masked[1]: must mask more characters than the previous level (3 then 2)'
		);
		expect(() => buildHierarchyRows(['1'], { builder: 'mask', preset: 'postal', masked: [8] })).toThrow(
			/cannot mask 8/
		);
		expect(() => buildHierarchyRows(['12'], { builder: 'mask', preset: 'postal', strict: true })).toThrow(
			'mask builder: value "12" is not a 7-digit postal code'
		);
	});
});
