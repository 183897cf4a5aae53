import { describe, expect, it } from 'vitest';
import { parseProjectConfig } from '../../../../src/lib/engine/config/project-config';
import { loadProjectFile, serializeProject } from '../../../../src/lib/engine/project/project-file';

const base = {
	tokumei: 1,
	data: { path: 'visits.csv' },
	attributes: {
		age: { role: 'quasi-identifying' },
		visit: { role: 'quasi-identifying' },
		disease: { role: 'sensitive' }
	}
};

const withDecisions = (decisions: unknown) => parseProjectConfig({ ...base, decisions });

describe('decisions in the project file', () => {
	it('reads valid decisions; a missing note reads as an empty one', () => {
		const config = withDecisions([
			{ attribute: 'age', value: '104', action: 'top-code', bound: '90', note: '90歳以上' },
			{ attribute: 'visit', value: '2020-02-29', action: 'bottom-code', bound: '2020-03-01' },
			{ attribute: 'disease', value: 'Q87', action: 'keep', note: 'study needs it' }
		]);
		expect(config.decisions).toEqual([
			{ attribute: 'age', value: '104', action: 'top-code', bound: '90', note: '90歳以上' },
			{ attribute: 'visit', value: '2020-02-29', action: 'bottom-code', bound: '2020-03-01', note: '' },
			{ attribute: 'disease', value: 'Q87', action: 'keep', note: 'study needs it' }
		]);
	});

	it.each([
		[{}, /^decisions: expected an array/],
		[
			[{ attribute: 'weight', value: '1', action: 'keep' }],
			/^decisions\[0\]\.attribute: no attribute named "weight"/
		],
		[
			[{ attribute: 'age', value: '1', action: 'drop' }],
			/^decisions\[0\]\.action: expected one of "generalize"/
		],
		[[{ attribute: 'age', value: 104, action: 'suppress' }], /^decisions\[0\]\.value: expected a string/],
		[
			[
				{ attribute: 'age', value: '1', action: 'keep' },
				{ attribute: 'age', value: '104', action: 'top-code', bound: '九十' }
			],
			/^decisions\[1\]\.bound: "九十" cannot be compared with "104"/
		],
		[
			[{ attribute: 'age', value: '1', action: 'suppress', bound: '2' }],
			/^decisions\[0\]\.bound: only top-code/
		],
		[
			[{ attribute: 'disease', value: 'Q87', action: 'suppress' }],
			/^decisions\[0\]\.action: "disease" is not a quasi-identifier/
		],
		[
			[
				{ attribute: 'age', value: '1', action: 'suppress' },
				{ attribute: 'age', value: '1', action: 'keep' }
			],
			/^decisions\[1\]: "1" of "age" is decided twice/
		],
		[[{ attribute: 'age', value: '1', action: 'keep', note: 3 }], /^decisions\[0\]\.note: expected a string/]
	])('refuses %j with a message naming the field', (decisions, message) => {
		expect(() => withDecisions(decisions)).toThrow(message);
	});

	it('reads the legacy ui.peculiar as decisions and drops it from ui', () => {
		const legacy = {
			...base,
			ui: {
				preset: 'anonymous',
				peculiar: [{ attribute: 'age', value: '104', action: 'suppress', note: 'x' }]
			}
		};
		const config = parseProjectConfig(legacy);
		expect(config.decisions).toEqual([{ attribute: 'age', value: '104', action: 'suppress', note: 'x' }]);
		expect(config.ui).toEqual({ preset: 'anonymous' });
		const text = serializeProject(config);
		expect(text).not.toContain('peculiar');
		expect(loadProjectFile(text).decisions).toEqual(config.decisions);
		// `decisions` wins over a stale ui.peculiar.
		const both = parseProjectConfig({ ...legacy, decisions: [] });
		expect(both.decisions).toEqual([]);
	});
});
