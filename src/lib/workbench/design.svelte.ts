/**
 * The rule-design state on the page (issue 5): the project being edited, role proposals, rule
 * previews, the live risk figures, the search, compare, the tour and peculiar-value decisions.
 * Every number comes from the data worker; this class only keeps what it answered.
 *
 * Live risk: each change schedules one request after a short debounce; requests carry a sequence
 * number and only the answer to the latest one is shown (latest wins), so a slow answer never
 * overwrites a newer one.
 */
import type { AttributeConfig, AttributeRole, HierarchyConfig } from '$lib/engine/config/project-config';
import type { PeculiarDecision } from '$lib/engine/peculiar';
import { fillFromPreset, type PresetId } from '$lib/engine/presets';
import type {
	ColumnProposal,
	CompareResult,
	HierarchyPreview,
	LiveFigures,
	PeculiarView,
	SearchOutcome,
	SearchProgressView,
	TourResult
} from './design-types';
import type { EngineClient } from './engine-client';
import { errorCode, errorMessage } from './errors';
import { designForTable, withoutStaleLevels } from './design-start';
import { readProjectFile, refusal, type OpenProjectOutcome } from './project-open';
import type { Project, TableSummary } from './types';

export type { OpenProjectOutcome, OpenProjectProblem } from './project-open';

export type DesignStep = 'data' | 'roles' | 'rules' | 'peculiar' | 'search' | 'compare' | 'tour' | 'export';
export const DESIGN_STEPS: readonly DesignStep[] = [
	'data',
	'roles',
	'rules',
	'peculiar',
	'search',
	'compare',
	'tour',
	'export'
];

/** Wait after a change before asking for risk: slider drags coalesce, a single click still feels instant. */
const RISK_DEBOUNCE_MS = 16;
const SAVE_DEBOUNCE_MS = 400;

export interface DesignHost {
	project(): Project;
	setProject(next: Project): void;
	/** The design a table was last given (kept per table by the worker), if any. */
	designOf?(tableId: string): Project | undefined;
	client(): EngineClient;
}

export class Design {
	step = $state<DesignStep>('data');
	proposals = $state.raw<ColumnProposal[]>([]);
	figures = $state.raw<LiveFigures | null>(null);
	riskError = $state<string | null>(null);
	/** Time from the change to the figures arriving (ms), for the benchmark. */
	lastRefreshMs = $state<number | null>(null);
	previews = $state.raw<Record<string, HierarchyPreview>>({});
	search = $state.raw<{ jobId: string; progress: SearchProgressView | null; started: number } | null>(null);
	outcome = $state.raw<SearchOutcome | null>(null);
	searchError = $state<string | null>(null);
	/** The rules in force before an optimum was applied (to compare or go back). */
	previousTransformation = $state.raw<Record<string, number> | null>(null);
	compared = $state.raw<CompareResult | null>(null);
	/** Share of records unique on each QI and pair of QIs under the current rules. */
	uniqueness = $state.raw<{ attributes: string[]; uniqueShare: number }[] | null>(null);
	tour = $state.raw<TourResult | null>(null);
	peculiar = $state.raw<PeculiarView | null>(null);

	private seq = 0;
	private riskTimer: ReturnType<typeof setTimeout> | null = null;
	private saveTimer: ReturnType<typeof setTimeout> | null = null;
	private changedAt = 0;
	private tableId: string | null = null;
	/** Column names of the table the rules apply to. */
	private columns: readonly string[] = [];

	constructor(private readonly host: DesignHost) {}

	get project(): Project {
		return this.host.project();
	}

	/** The design another loaded table was last given (the release of several tables reads it). */
	designOf(tableId: string): Project | undefined {
		return tableId === this.project.ui?.tableId ? this.project : this.host.designOf?.(tableId);
	}

	/**
	 * The table the rules apply to. Switching tables restores the design that table was last given
	 * (each table keeps its own roles, rules, treatments and decisions); a table never designed starts
	 * from the role proposals.
	 */
	async open(table: TableSummary | undefined): Promise<void> {
		if (!table || table.id === this.tableId) return;
		// The previous table's last change is saved before its design stops being the project.
		await this.flush().catch((error: unknown) => (this.riskError = errorMessage(error)));
		if (table.id === this.tableId) return;
		this.tableId = table.id;
		this.columns = table.header;
		this.previews = {};
		this.figures = null;
		this.outcome = null;
		this.compared = null;
		this.tour = null;
		this.proposals = [];
		const proposals = await this.host.client().proposeRoles(table.id);
		if (this.tableId !== table.id) return;
		this.proposals = proposals;
		const saved = this.host.designOf?.(table.id);
		const next = designForTable(this.project, table, saved, proposals);
		if (!next) {
			this.refreshRisk();
			return;
		}
		this.update(next.project, { save: true });
		// A restored design's rules are shown at once (a new one's previews come with the Rules step).
		if (next.restored) for (const name of this.quasiIdentifiers) void this.preview(name);
	}

	get quasiIdentifiers(): string[] {
		return Object.entries(this.project.attributes)
			.filter(([, a]) => a.role === 'quasi-identifying')
			.map(([name]) => name);
	}

	/** Applies a new project: saves it (debounced) and refreshes the live risk. */
	update(next: Project, options: { save?: boolean; risk?: boolean } = {}): void {
		this.changedAt = performance.now();
		this.host.setProject(withoutStaleLevels(next));
		if (options.save !== false) this.scheduleSave();
		if (options.risk !== false) this.scheduleRisk();
	}

	setRole(name: string, role: AttributeRole): void {
		const current = this.project.attributes[name];
		const proposal = this.proposals.find((p) => p.name === name)?.proposal;
		const hierarchy =
			current?.hierarchy ??
			(role === 'quasi-identifying' && proposal?.suggestedHierarchy
				? { ...proposal.suggestedHierarchy }
				: undefined);
		const attribute: AttributeConfig = hierarchy ? { ...current, role, hierarchy } : { ...current, role };
		this.update({ ...this.project, attributes: { ...this.project.attributes, [name]: attribute } });
	}

	setRule(name: string, hierarchy: HierarchyConfig | undefined): void {
		const current = this.project.attributes[name] ?? { role: 'quasi-identifying' as const };
		const { hierarchy: _old, ...rest } = current;
		void _old;
		const attribute: AttributeConfig = hierarchy ? { ...rest, hierarchy } : rest;
		// Only a quasi-identifier has a level; a sensitive attribute's rule serves hierarchical t-closeness.
		const qi = current.role === 'quasi-identifying';
		const transformation = qi ? { ...this.project.transformation, [name]: 0 } : this.project.transformation;
		this.update({
			...this.project,
			attributes: { ...this.project.attributes, [name]: attribute },
			transformation
		});
		void this.preview(name);
	}

	setLevel(name: string, level: number): void {
		this.update({ ...this.project, transformation: { ...this.project.transformation, [name]: level } });
	}

	setTransformation(transformation: Record<string, number>): void {
		this.update({ ...this.project, transformation: { ...transformation } });
	}

	setK(k: number): void {
		const others = (this.project.privacy ?? []).filter((m) => m.model !== 'k-anonymity');
		this.update({
			...this.project,
			privacy: [{ model: 'k-anonymity', k }, ...others],
			ui: { ...this.project.ui, k }
		});
	}

	setSuppressionLimit(limit: number): void {
		this.update({ ...this.project, suppressionLimit: Math.max(0, Math.min(1, limit)) });
	}

	applyPreset(preset: PresetId, k?: number): void {
		const filled = fillFromPreset(preset, this.proposals, { k });
		this.update({
			...this.project,
			attributes: filled.attributes,
			privacy: filled.privacy,
			suppressionLimit: filled.suppressionLimit,
			transformation: filled.transformation,
			ui: { ...this.project.ui, preset, k: k ?? this.project.ui?.k }
		});
		this.previews = {};
	}

	/** Sets the decision on one value (the project's `decisions`; a bound only for top/bottom-coding). */
	setDecision(decision: PeculiarDecision): void {
		const rest = (this.project.decisions ?? []).filter(
			(d) => !(d.attribute === decision.attribute && d.value === decision.value)
		);
		const { bound, ...plain } = decision;
		const coding = decision.action === 'top-code' || decision.action === 'bottom-code';
		const next: PeculiarDecision = coding && bound !== undefined ? { ...plain, bound } : plain;
		this.update({ ...this.project, decisions: [...rest, next] });
	}

	decisionOf(attribute: string, value: string): PeculiarDecision | undefined {
		return this.project.decisions?.find((d) => d.attribute === attribute && d.value === value);
	}

	/** Opens a project file (see project-open.ts); on success its rules replace the current ones. */
	openProjectFile(text: string): OpenProjectOutcome {
		if (!this.tableId) return refusal('no-table', '');
		const read = readProjectFile(text, this.columns, this.project, this.tableId);
		if (!read.ok) return read;
		const next = read.project;
		this.previews = {};
		this.outcome = null;
		this.compared = null;
		this.uniqueness = null;
		this.tour = null;
		this.update(next);
		for (const name of this.quasiIdentifiers) void this.preview(name);
		return { ok: true };
	}

	/** A plain copy of the project for the worker (structured clone cannot take Svelte proxies). */
	private sessionProject(): Project {
		return $state.snapshot(this.project) as Project;
	}

	private scheduleSave(): void {
		if (this.saveTimer) clearTimeout(this.saveTimer);
		this.saveTimer = setTimeout(() => {
			this.saveTimer = null;
			this.host
				.client()
				.saveProject($state.snapshot(this.project) as Project)
				.catch((error: unknown) => (this.riskError = errorMessage(error)));
		}, SAVE_DEBOUNCE_MS);
	}

	/** Saves now (before a reload, in tests). */
	async flush(): Promise<void> {
		if (!this.saveTimer) return;
		clearTimeout(this.saveTimer);
		this.saveTimer = null;
		await this.host.client().saveProject($state.snapshot(this.project) as Project);
	}

	private scheduleRisk(): void {
		if (this.riskTimer) clearTimeout(this.riskTimer);
		this.riskTimer = setTimeout(() => {
			this.riskTimer = null;
			this.refreshRisk();
		}, RISK_DEBOUNCE_MS);
	}

	refreshRisk(): void {
		if (!this.tableId || this.quasiIdentifiers.length === 0) {
			this.figures = null;
			return;
		}
		const seq = ++this.seq;
		const since = this.changedAt;
		this.host
			.client()
			.liveRisk(this.tableId, this.sessionProject(), seq)
			.then(
				(figures) => {
					if (figures.seq !== this.seq) return;
					this.figures = figures;
					this.riskError = null;
					this.lastRefreshMs = performance.now() - since;
				},
				(error: unknown) => {
					if (seq === this.seq) this.riskError = errorMessage(error);
				}
			);
	}

	async preview(name: string): Promise<void> {
		if (!this.tableId) return;
		try {
			const preview = await this.host
				.client()
				.previewHierarchy(this.tableId, $state.snapshot(this.project) as Project, name);
			this.previews = { ...this.previews, [name]: preview };
		} catch (error) {
			this.previews = {
				...this.previews,
				[name]: { attribute: name, height: 0, values: [], levels: [], rows: [], error: errorMessage(error) }
			};
		}
	}

	async importHierarchy(name: string, text: string): Promise<void> {
		try {
			const rows = await this.host.client().parseHierarchyCsv(name, text);
			this.setRule(name, { rows });
		} catch (error) {
			this.previews = {
				...this.previews,
				[name]: { attribute: name, height: 0, values: [], levels: [], rows: [], error: errorMessage(error) }
			};
		}
	}

	/** Edits one cell of an attribute's hierarchy rows in place (imported or built: it becomes rows). */
	editCell(name: string, row: number, level: number, value: string): void {
		const preview = this.previews[name];
		if (!preview) return;
		const rows = preview.rows.map((r) => [...r]);
		if (!rows[row] || level < 1) return;
		rows[row][level] = value;
		this.setRule(name, { rows });
	}

	startSearch(): void {
		if (!this.tableId || this.search) return;
		this.searchError = null;
		const started = performance.now();
		const job = this.host.client().search(this.tableId, this.sessionProject(), (progress) => {
			if (this.search?.jobId === job.jobId) this.search = { ...this.search, progress };
		});
		this.search = { jobId: job.jobId, progress: null, started };
		job.done.then(
			(outcome) => {
				this.outcome = outcome;
				this.search = null;
			},
			(error: unknown) => {
				this.search = null;
				this.searchError = errorCode(error) === 'ABORTED' ? 'ABORTED' : errorMessage(error);
			}
		);
	}

	async cancelSearch(): Promise<void> {
		if (!this.search) return;
		await this.host
			.client()
			.cancelSearch(this.search.jobId)
			.catch(() => undefined);
	}

	applyOptimum(): void {
		if (!this.outcome?.transformation) return;
		this.previousTransformation = { ...(this.project.transformation ?? {}) };
		this.setTransformation({ ...this.outcome.transformation });
	}

	async compare(): Promise<void> {
		if (!this.tableId) return;
		try {
			const project = this.sessionProject();
			const client = this.host.client();
			const [compared, uniqueness] = await Promise.all([
				client.compare(this.tableId, project),
				client.uniqueness(this.tableId, project)
			]);
			this.compared = compared;
			this.uniqueness = uniqueness;
		} catch (error) {
			this.riskError = errorMessage(error);
		}
	}

	async shareOf(row: number): Promise<void> {
		if (!this.tableId) return;
		try {
			this.tour = await this.host.client().shareOf(this.tableId, this.sessionProject(), row);
		} catch (error) {
			this.riskError = errorMessage(error);
		}
	}

	async findPeculiar(threshold?: number): Promise<void> {
		if (!this.tableId) return;
		try {
			this.peculiar = await this.host
				.client()
				.peculiar(this.tableId, $state.snapshot(this.project) as Project, this.proposals, threshold);
		} catch (error) {
			this.riskError = errorMessage(error);
		}
	}

	/** The project file with every rule as inline rows: what `npx tokumei search` runs. */
	async projectFile(): Promise<string | null> {
		if (!this.tableId) return null;
		const file = await this.host
			.client()
			.projectFile(this.tableId, $state.snapshot(this.project) as Project, this.project.data.path);
		return JSON.stringify(file, null, '\t');
	}
}
