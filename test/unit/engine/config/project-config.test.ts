import { describe, expect, it } from 'vitest';
import { ConfigError, parseProjectConfig } from '../../../../src/lib/engine/config/project-config';

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
		expect(bad({ attributes: { age: { role: 'quasi-identifying' } } })).toThrow(/attributes\.age\.hierarchy/);
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
});
