import { describe, expect, it } from 'vitest';
import { proposeRole } from '../../../src/lib/engine/jp/identifiers';
import type { ColumnProposal, LiveFigures } from '../../../src/lib/workbench/design-types';
import type { EngineClient } from '../../../src/lib/workbench/engine-client';
import { Design } from '../../../src/lib/workbench/design.svelte';
import { emptyProject, type Project, type TableSummary } from '../../../src/lib/workbench/types';

const table = { id: 't1', name: 'a.csv' } as TableSummary;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

const proposals: ColumnProposal[] = [
	{ name: '患者ID', proposal: proposeRole('患者ID', ['P0000001', 'P0000002']) },
	{ name: '性別', proposal: proposeRole('性別', ['男', '女', '女']) }
];

/** A client whose live-risk answers arrive when the test releases them, in any order. */
function setup() {
	let project: Project = emptyProject();
	const pending: { seq: number; levels: Record<string, number>; resolve: (f: LiveFigures) => void }[] = [];
	const saved: Project[] = [];
	const client = {
		proposeRoles: async () => proposals,
		saveProject: async (p: Project) => void saved.push(p),
		liveRisk: (_id: string, p: Project, seq: number) =>
			new Promise<LiveFigures>((resolve) => pending.push({ seq, levels: { ...p.transformation }, resolve }))
	} as unknown as EngineClient;
	const design = new Design({
		project: () => project,
		setProject: (p) => (project = p),
		client: () => client
	});
	const answer = (i: number) =>
		pending[i].resolve({ seq: pending[i].seq, levels: pending[i].levels } as unknown as LiveFigures);
	return { design, pending, saved, answer, project: () => project };
}

describe('Design', () => {
	it('starts from the role proposals, with the proposed hierarchy for quasi-identifiers', async () => {
		const { design, project } = setup();
		await design.open(table);
		expect(project().attributes['患者ID']).toEqual({ role: 'identifying' });
		expect(project().attributes['性別']).toEqual({
			role: 'quasi-identifying',
			hierarchy: { builder: 'sex' }
		});
		expect(project().data.path).toBe('a.csv');
		expect(project().ui?.tableId).toBe('t1');
		// Patient columns guessed from the proposals (opt-out matching, linking tables, date shifts).
		expect(project().patient).toEqual({ id: '患者ID', sex: '性別' });
	});

	it('shows only the answer to the latest request, whatever order answers arrive in', async () => {
		const { design, pending, answer } = setup();
		await design.open(table);
		await wait(30);
		design.setLevel('性別', 1);
		await wait(30);
		design.setLevel('性別', 0);
		await wait(30);
		const last = pending.length - 1;
		answer(last);
		await wait(0);
		expect(design.figures?.levels).toEqual({ 性別: 0 });
		answer(last - 1);
		await wait(0);
		expect(design.figures?.levels).toEqual({ 性別: 0 });
	});

	it('coalesces quick changes into one request and saves the project', async () => {
		const { design, pending, saved } = setup();
		await design.open(table);
		await wait(30);
		const before = pending.length;
		design.setLevel('性別', 1);
		design.setLevel('性別', 0);
		design.setLevel('性別', 1);
		await wait(30);
		expect(pending.length - before).toBe(1);
		expect(pending.at(-1)?.levels).toEqual({ 性別: 1 });
		await wait(450);
		expect(saved.at(-1)?.transformation).toEqual({ 性別: 1 });
	});

	it('fills roles, rules and models from a preset, all editable afterwards', async () => {
		const { design, project } = setup();
		await design.open(table);
		design.applyPreset('anonymous', 20);
		expect(project().attributes['患者ID']).toEqual({ role: 'identifying', treatment: 'surrogate' });
		expect(project().privacy).toEqual([{ model: 'k-anonymity', k: 20 }]);
		design.setK(5);
		design.setRole('患者ID', 'insensitive');
		expect(project().privacy).toEqual([{ model: 'k-anonymity', k: 5 }]);
		expect(project().attributes['患者ID'].role).toBe('insensitive');
		expect(project().ui?.preset).toBe('anonymous');
	});

	it('drops the level of a column that stops being a quasi-identifier (the CLI would refuse it)', async () => {
		const { design, project } = setup();
		await design.open(table);
		design.setLevel('性別', 1);
		expect(project().transformation).toEqual({ 性別: 1 });
		design.setRole('性別', 'sensitive');
		expect(project().transformation).toEqual({});
	});
});

describe('Design across tables', () => {
	it('keeps each table its own design: switching back restores roles, levels and decisions', async () => {
		let project: Project = { ...emptyProject(), settings: { import: { encoding: 'auto' } } };
		const designs: Record<string, Project> = {};
		const client = {
			proposeRoles: async () => proposals,
			saveProject: async () => undefined,
			liveRisk: async (_id: string, _p: Project, seq: number) => ({ seq }) as unknown as LiveFigures,
			previewHierarchy: async () => ({ attribute: '', height: 0, values: [], levels: [], rows: [] })
		} as unknown as EngineClient;
		const design = new Design({
			project: () => project,
			setProject: (p) => {
				project = p;
				if (p.ui?.tableId) designs[p.ui.tableId] = p;
			},
			designOf: (id) => designs[id],
			client: () => client
		});
		const second = { id: 't2', name: 'b.csv' } as TableSummary;
		await design.open(table);
		design.setRole('患者ID', 'insensitive');
		design.setLevel('性別', 1);
		design.setDecision({ attribute: '性別', value: '女', action: 'keep', note: 'ok' });
		design.update({ ...project, patient: { id: '患者ID' } });
		await design.open(second);
		// The new table's own guess, not the previous table's choice.
		expect(project.patient).toEqual({ id: '患者ID', sex: '性別' });
		expect(project.ui?.tableId).toBe('t2');
		expect(project.data.path).toBe('b.csv');
		expect(project.attributes['患者ID']).toEqual({ role: 'identifying' });
		expect(project.transformation).toEqual({});
		design.setLevel('性別', 0);
		project = { ...project, settings: { import: { encoding: 'shift_jis' } } };
		await design.open(table);
		expect(project.ui?.tableId).toBe('t1');
		expect(project.data.path).toBe('a.csv');
		expect(project.attributes['患者ID']).toEqual({ role: 'insensitive' });
		expect(project.transformation).toEqual({ 性別: 1 });
		expect(project.decisions).toEqual([{ attribute: '性別', value: '女', action: 'keep', note: 'ok' }]);
		expect(project.patient).toEqual({ id: '患者ID' });
		// Import choices belong to the workbench, not to a table.
		expect(project.settings).toEqual({ import: { encoding: 'shift_jis' } });
		await design.open(second);
		expect(project.transformation).toEqual({ 性別: 0 });
	});

	it("saves the previous table's last change before switching, even within the save debounce", async () => {
		let project: Project = emptyProject();
		const saved: Project[] = [];
		const client = {
			proposeRoles: async () => proposals,
			saveProject: async (p: Project) => void saved.push(p),
			liveRisk: async (_id: string, _p: Project, seq: number) => ({ seq }) as unknown as LiveFigures
		} as unknown as EngineClient;
		const design = new Design({
			project: () => project,
			setProject: (p) => (project = p),
			client: () => client
		});
		await design.open(table);
		await wait(450);
		design.setLevel('性別', 1);
		await design.open({ id: 't2', name: 'b.csv' } as TableSummary);
		const last = saved.filter((p) => p.ui?.tableId === 't1').at(-1);
		expect(last?.transformation).toEqual({ 性別: 1 });
	});
});
