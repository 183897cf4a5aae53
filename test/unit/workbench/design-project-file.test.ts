import { describe, expect, it } from 'vitest';
import { proposeRole } from '../../../src/lib/engine/jp/identifiers';
import type { ColumnProposal, LiveFigures } from '../../../src/lib/workbench/design-types';
import type { EngineClient } from '../../../src/lib/workbench/engine-client';
import { Design } from '../../../src/lib/workbench/design.svelte';
import {
	emptyProject,
	normalizeProject,
	type Project,
	type TableSummary
} from '../../../src/lib/workbench/types';

const table = { id: 't1', name: 'a.csv', header: ['患者ID', '性別', '年齢'] } as unknown as TableSummary;
const proposals: ColumnProposal[] = [
	{ name: '患者ID', proposal: proposeRole('患者ID', ['P0000001', 'P0000002']) },
	{ name: '性別', proposal: proposeRole('性別', ['男', '女', '女']) },
	{ name: '年齢', proposal: proposeRole('年齢', ['30', '41']) }
];

function setup() {
	let project: Project = { ...emptyProject(), settings: { encoding: 'auto' } };
	const client = {
		proposeRoles: async () => proposals,
		saveProject: async () => undefined,
		liveRisk: async (_id: string, _p: Project, seq: number) => ({ seq }) as unknown as LiveFigures,
		previewHierarchy: async () => ({ attribute: '', height: 0, values: [], levels: [], rows: [] })
	} as unknown as EngineClient;
	const design = new Design({
		project: () => project,
		setProject: (p) => (project = p),
		client: () => client
	});
	return { design, project: () => project };
}

const file = {
	tokumei: 1,
	data: { path: '/elsewhere/a.csv' },
	attributes: {
		患者ID: { role: 'identifying' },
		性別: {
			role: 'quasi-identifying',
			hierarchy: {
				rows: [
					['男', '*'],
					['女', '*']
				]
			}
		},
		年齢: {
			role: 'quasi-identifying',
			hierarchy: {
				rows: [
					['30', '30-39', '*'],
					['41', '40-49', '*'],
					['90', '90-99', '*']
				]
			},
			rule: { builder: 'interval', levels: [{ width: 10 }] }
		}
	},
	privacy: [{ model: 'k-anonymity', k: 11 }],
	suppressionLimit: 0.02,
	transformation: { 性別: 0, 年齢: 1 },
	decisions: [{ attribute: '年齢', value: '104', action: 'top-code', bound: '90', note: '90歳以上' }],
	ui: { preset: 'anonymous', k: 11, tableId: 'other' }
};

describe('Design.openProjectFile', () => {
	it('sets the rules of a valid file; data, settings and table stay the page’s', async () => {
		const { design, project } = setup();
		await design.open(table);
		expect(design.openProjectFile(JSON.stringify(file))).toEqual({ ok: true });
		const p = project();
		expect(p.privacy).toEqual([{ model: 'k-anonymity', k: 11 }]);
		expect(p.transformation).toEqual({ 性別: 0, 年齢: 1 });
		expect(p.decisions).toEqual(file.decisions);
		// A builder rule saved beside its rows is the rule again.
		expect(p.attributes['年齢'].hierarchy).toEqual({ builder: 'interval', levels: [{ width: 10 }] });
		expect(p.attributes['性別'].hierarchy).toEqual(file.attributes['性別'].hierarchy);
		expect(p.data.path).toBe('a.csv');
		expect(p.settings).toEqual({ encoding: 'auto' });
		expect(p.ui).toEqual({ preset: 'anonymous', k: 11, tableId: 't1' });
	});

	it.each([
		['{"tokumei": 1', 'json'],
		[JSON.stringify({ ...file, tokumei: 3 }), 'version'],
		[JSON.stringify({ ...file, output: { secret: 'x' } }), 'secret'],
		[JSON.stringify({ ...file, suppressionLimit: 2 }), 'invalid']
	])('refuses %s (%s) and changes nothing', async (text, problem) => {
		const { design, project } = setup();
		await design.open(table);
		const before = project();
		const outcome = design.openProjectFile(text);
		expect(outcome.ok).toBe(false);
		expect(!outcome.ok && outcome.problem).toBe(problem);
		expect(project()).toBe(before);
	});

	it('lists the columns that do not match', async () => {
		const { design } = setup();
		await design.open(table);
		const { 性別: _sex, ...rest } = file.attributes;
		void _sex;
		const outcome = design.openProjectFile(
			JSON.stringify({ ...file, attributes: { ...rest, 体重: { role: 'insensitive' } }, transformation: {} })
		);
		expect(outcome).toMatchObject({ ok: false, problem: 'columns', missing: ['性別'], extra: ['体重'] });
	});

	it('writes decisions to project.decisions, with a bound only for coding', async () => {
		const { design, project } = setup();
		await design.open(table);
		design.setDecision({ attribute: '年齢', value: '104', action: 'top-code', bound: '90', note: '' });
		design.setDecision({ attribute: '年齢', value: '104', action: 'suppress', bound: '90', note: 'x' });
		expect(project().decisions).toEqual([{ attribute: '年齢', value: '104', action: 'suppress', note: 'x' }]);
		expect(design.decisionOf('年齢', '104')?.action).toBe('suppress');
	});
});

describe('normalizeProject', () => {
	it('reads decisions stored under ui.peculiar as the top-level decisions', () => {
		const decision = { attribute: '年齢', value: '104', action: 'suppress', note: '' };
		const p = normalizeProject({ tokumei: 1, attributes: {}, ui: { tableId: 't1', peculiar: [decision] } });
		expect(p.decisions).toEqual([decision]);
		expect(p.ui).toEqual({ tableId: 't1' });
		expect(normalizeProject({ tokumei: 1, decisions: [] }).decisions).toEqual([]);
	});
});
