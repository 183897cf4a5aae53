import { describe, expect, it } from 'vitest';
import { ConfigError, parseProjectConfig } from '../../../../src/lib/engine/config/project-config';
import { censusCount } from '../../../../src/lib/engine/jp/population';

const base = {
	tokumei: 1,
	data: { path: 'adult.csv', delimiter: ';' },
	attributes: {
		age: { role: 'quasi-identifying', hierarchy: { path: 'age.csv' } },
		occupation: { role: 'sensitive' }
	}
};

describe('parseProjectConfig', () => {
	it('accepts the issue-3 example shape', () => {
		const config = parseProjectConfig({
			...base,
			privacy: [
				{ model: 'k-anonymity', k: 5 },
				{ model: 'l-diversity', variant: 'recursive', attribute: 'occupation', l: 5, c: 4 }
			],
			suppressionLimit: 0.05,
			quality: { measure: 'loss', aggregate: 'geometric-mean', gsFactor: 0.5, attributeWeights: { age: 2 } },
			search: { algorithm: 'optimal', practicalMonotonicity: false }
		});
		expect(config.privacy).toHaveLength(2);
		expect(config.quality?.attributeWeights).toEqual({ age: 2 });
	});

	it('names the offending field', () => {
		const bad = (patch: object) => () => parseProjectConfig({ ...base, ...patch });
		expect(bad({ tokumei: 2 })).toThrow(ConfigError);
		expect(bad({ privacy: [{ model: 'k-anonymity', k: 0 }] })).toThrow(/privacy\[0\]\.k/);
		expect(bad({ privacy: [{ model: 'l-diversity', attribute: 'age', l: 2 }] })).toThrow(
			/privacy\[0\]\.attribute: attribute "age" must have the role "sensitive"/
		);
		expect(bad({ suppressionLimit: 2 })).toThrow(/suppressionLimit/);
		expect(bad({ quality: { measure: 'nope' } })).toThrow(/quality\.measure/);
		expect(bad({ attributes: { age: { role: 'x' } } })).toThrow(/attributes\.age\.role/);
		try {
			bad({ privacy: [{ model: 'magic' }] })();
		} catch (error) {
			expect((error as ConfigError).code).toBe('BAD_CONFIG');
		}
	});

	it('accepts inline hierarchy rows', () => {
		const config = parseProjectConfig({
			...base,
			attributes: { age: { role: 'quasi-identifying', hierarchy: { rows: [['1', '*']] } } }
		});
		expect(config.attributes.age.hierarchy).toEqual({ rows: [['1', '*']] });
	});

	it('accepts a quasi-identifier without a hierarchy, at level 0 only', () => {
		const bare = { ...base, attributes: { ...base.attributes, sex: { role: 'quasi-identifying' } } };
		expect(parseProjectConfig(bare).attributes.sex).toEqual({ role: 'quasi-identifying' });
		expect(parseProjectConfig({ ...bare, transformation: { sex: 0, age: 2 } }).transformation).toEqual({
			sex: 0,
			age: 2
		});
		expect(() => parseProjectConfig({ ...bare, transformation: { sex: 1 } })).toThrow(
			/^transformation\.sex: level 1 needs a hierarchy for "sex"/
		);
	});

	it('reads the census population forms {area} and {census} and fills in the size', () => {
		const withSex = { ...base, attributes: { ...base.attributes, sex: { role: 'quasi-identifying' } } };
		const tokyo = parseProjectConfig({ ...withSex, population: { area: '13' } }).population;
		expect(tokyo).toEqual({ size: censusCount({ area: '13' }), area: '13' });
		const japan = parseProjectConfig({ ...withSex, population: { census: { sex: 'sex', age: 'age' } } });
		expect(japan.population).toEqual({
			size: censusCount({ area: '00' }),
			area: '00',
			census: { sex: 'sex', age: 'age' }
		});
		// A saved config (size already filled in) reads back the same.
		expect(parseProjectConfig({ ...withSex, population: japan.population }).population).toEqual(
			japan.population
		);
		const bad = (population: unknown) => () => parseProjectConfig({ ...withSex, population });
		expect(bad({ area: '99' })).toThrow(/^population\.area: no census area "99"/);
		expect(bad({ area: true })).toThrow(/^population\.area/);
		expect(bad({ area: '00', census: { occupation: 'sex' } })).toThrow(
			/^population\.census\.occupation: "occupation" is not a quasi-identifying attribute/
		);
		expect(bad({ census: { sex: 'gender' } })).toThrow(/^population\.census\.sex: expected one of/);
		expect(bad({ census: [] })).toThrow(/^population\.census: expected an object/);
		expect(bad({ people: 3 })).toThrow(/^population: expected "size", "samplingFraction" or "area"/);
	});
});

describe('attribute names from the file', () => {
	it('never resolve to Object.prototype members, and "__proto__" stays an attribute', () => {
		const config = JSON.parse(
			'{"tokumei":1,"data":{"path":"d.csv"},"attributes":{"__proto__":{"role":"quasi-identifying"}},' +
				'"transformation":{"__proto__":0},"quality":{"attributeWeights":{"__proto__":2}}}'
		);
		const parsed = parseProjectConfig(config);
		expect(Object.keys(parsed.attributes)).toEqual(['__proto__']);
		expect(Object.keys(parsed.transformation ?? {})).toEqual(['__proto__']);
		expect(Object.keys(parsed.quality?.attributeWeights ?? {})).toEqual(['__proto__']);
		const inherited = (patch: object) => () =>
			parseProjectConfig({ tokumei: 1, data: { path: 'd.csv' }, attributes: {}, ...patch });
		expect(inherited({ transformation: { constructor: 0 } })).toThrow(/^transformation\.constructor: /);
		expect(inherited({ quality: { attributeWeights: { toString: 1 } } })).toThrow(
			/^quality\.attributeWeights\.toString: no attribute/
		);
		expect(inherited({ privacy: [{ model: 'l-diversity', attribute: 'valueOf', l: 2 }] })).toThrow(
			/^privacy\[0\]\.attribute: no attribute named "valueOf"/
		);
	});
});
