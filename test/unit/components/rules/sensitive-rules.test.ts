import { describe, expect, it } from 'vitest';
import type { ProjectConfig } from '$lib/engine/config/project-config';
import {
	hierarchicalAttributes,
	sensitiveAttributes,
	sensitiveRuleId,
	showSensitiveRules
} from '$lib/components/rules/sensitive-rules';

const project = (privacy: ProjectConfig['privacy'], icdRule = false): ProjectConfig => ({
	tokumei: 1,
	data: { path: 'x.csv' },
	attributes: {
		age: { role: 'quasi-identifying', hierarchy: { builder: 'age' } },
		ICD10: { role: 'sensitive', ...(icdRule ? { hierarchy: { builder: 'prefix', preset: 'icd10' } } : {}) },
		drug: { role: 'sensitive' },
		name: { role: 'identifying' }
	} as ProjectConfig['attributes'],
	privacy
});

describe('sensitive attribute hierarchies in the Rules step', () => {
	it('lists the sensitive attributes and those hierarchical t-closeness reads', () => {
		const p = project([
			{ model: 'k-anonymity', k: 5 },
			{ model: 't-closeness', variant: 'hierarchical', attribute: 'drug', t: 0.2 },
			{ model: 't-closeness', variant: 'equal', attribute: 'ICD10', t: 0.2 }
		]);
		expect(sensitiveAttributes(p)).toEqual(['ICD10', 'drug']);
		expect(hierarchicalAttributes(p)).toEqual(['drug']);
	});

	it('shows the section only when a t-closeness model or a sensitive rule exists', () => {
		expect(showSensitiveRules(project([{ model: 'k-anonymity', k: 5 }]))).toBe(false);
		expect(showSensitiveRules(project([{ model: 'k-anonymity', k: 5 }], true))).toBe(true);
		expect(
			showSensitiveRules(project([{ model: 't-closeness', variant: 'equal', attribute: 'drug', t: 0.3 }]))
		).toBe(true);
		const noSensitive = { ...project([{ model: 'k-anonymity', k: 5 }], true), attributes: {} };
		expect(showSensitiveRules(noSensitive)).toBe(false);
	});

	it('gives each attribute an id usable in a link, also for Japanese names', () => {
		expect(sensitiveRuleId('ICD10')).toBe('sensitive-rule-ICD10');
		expect(sensitiveRuleId('薬効分類')).toMatch(/^sensitive-rule-[0-9A-F]+$/);
		expect(sensitiveRuleId('薬効分類')).not.toBe(sensitiveRuleId('病名'));
	});
});
