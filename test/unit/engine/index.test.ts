import { describe, expect, it } from 'vitest';
import * as engine from '../../../src/lib/engine';

describe('the engine entry', () => {
	it('exports the public API of every module the worker and the CLI use', () => {
		const names = [
			// config, hierarchies, builders, roles
			'parseProjectConfig',
			'ConfigError',
			'projectCriteria',
			'qualityContext',
			'levelZeroHierarchy',
			'hierarchyFromRows',
			'buildHierarchyRows',
			'validateHierarchySpec',
			'HIERARCHY_BUILDERS',
			'proposeRole',
			'proposeRoles',
			// search
			'prepareSearch',
			'searchProject',
			// risk
			'analyzeRisk',
			'refreshRisk',
			'attributeRisks',
			'populationUniqueness',
			'journalistRisk',
			'suda2',
			// release
			'applyRows',
			'applyTable',
			'ApplyError',
			'projectHash',
			'parseOptOutList',
			'parseKey',
			'buildProcessingRecord',
			'renderProcessingRecordHtml',
			'generateSql'
		];
		const missing = names.filter((name) => !(name in engine));
		expect(missing).toEqual([]);
		for (const name of names) expect(engine[name as keyof typeof engine]).toBeDefined();
	});
});
