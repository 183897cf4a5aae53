/**
 * The rule-design part of the data worker's API (issue 5): role proposals, hierarchy previews, live
 * risk, the search with progress and cancel, compare, the "one in how many?" tour and peculiar
 * values. One RuleSession is kept per project shape, so moving a level slider costs O(atoms).
 */
import type { ProjectConfig } from '$lib/engine/config/project-config';
import { hierarchyFromRows, hierarchyRows, type Hierarchy } from '$lib/engine/hierarchy/hierarchy';
import { hierarchyFromCsv } from '$lib/engine/hierarchy/arx-csv';
import { proposeRoles } from '$lib/engine/jp/identifiers';
import { detectPeculiar, PECULIAR_THRESHOLD } from '$lib/engine/peculiar';
import { attributeRisks } from '$lib/engine/risk/attribute-risk';
import { searchProject } from '$lib/engine/search/project-search';
import type { EncodedTable } from '$lib/engine/table/encoded-table';
import type {
	ColumnProposal,
	CompareResult,
	HierarchyPreview,
	LiveFigures,
	PeculiarView,
	SearchOutcome,
	SearchProgressView,
	TourResult
} from '$lib/workbench/design-types';
import { EngineError, errorMessage } from '$lib/workbench/errors';
import { compareSession, countsOf, suppressedRows, topOf } from './compare';
import { modelFigures } from './model-figures';
import { hierarchicalSensitive, hierarchyRowsOf, RuleSession } from './rule-session';

const PROPOSAL_SAMPLE = 5000;
const PREVIEW_VALUES = 40;
const PREVIEW_GROUPS = 12;
const COMPARE_TOP = 12;
/** Original values listed under each generalized value in compare (the rest are summed). */
const COMPARE_MEMBERS = 8;
const LATTICE_VIEW_LIMIT = 50_000;
/** The search yields to the worker's event loop this often, so cancel and heartbeats get through. */
const SEARCH_SLICE_MS = 40;

/** Parts of the project that decide a session (the transformation does not). */
function sessionKey(tableId: string, project: ProjectConfig): string {
	// A sensitive attribute's rule matters only to hierarchical t-closeness (rule-session).
	const hierarchical = hierarchicalSensitive(project);
	const attributes = Object.entries(project.attributes)
		.filter(([, a]) => a.role === 'quasi-identifying' || a.role === 'sensitive')
		.map(([name, a]) => [
			name,
			a.role,
			a.role === 'quasi-identifying' || hierarchical.includes(name) ? a.hierarchy : null
		]);
	return JSON.stringify([
		tableId,
		attributes,
		project.privacy ?? [],
		project.suppressionLimit ?? 0,
		project.quality ?? null,
		project.decisions ?? []
	]);
}

/**
 * Risk figures need classes, not a verdict: a project without privacy models is measured as
 * 1-anonymity (every class passes, nothing is suppressed), which the engine accepts, while
 * createCriteria rejects an empty list. The search keeps the real project.
 */
function withoutModelsAsKOne(project: ProjectConfig): ProjectConfig {
	return (project.privacy ?? []).length > 0
		? project
		: { ...project, privacy: [{ model: 'k-anonymity', k: 1 }] };
}

export function createDesignApi(tableOf: (id: string) => EncodedTable) {
	let cached: { key: string; session: RuleSession } | null = null;
	const searches = new Map<string, AbortController>();

	function session(tableId: string, project: ProjectConfig): RuleSession {
		return sessionFor(tableId, withoutModelsAsKOne(project));
	}

	function sessionFor(tableId: string, project: ProjectConfig): RuleSession {
		const key = sessionKey(tableId, project);
		if (cached?.key !== key) {
			cached = null;
			cached = { key, session: new RuleSession(tableOf(tableId), project) };
		}
		return cached.session;
	}

	return {
		/** A role proposal with its reason for every column (jp/identifiers). */
		proposeRoles(tableId: string): ColumnProposal[] {
			const table = tableOf(tableId);
			const n = Math.min(PROPOSAL_SAMPLE, table.rowCount);
			const proposals = proposeRoles(
				table.columns.map((c) => ({
					name: c.name,
					values: Array.from(c.codes.subarray(0, n), (code) => c.values[code]),
					stats: { distinctCount: c.values.length, rowCount: table.rowCount }
				}))
			);
			return table.columns.map((c, i) => ({ name: c.name, proposal: proposals[i] }));
		},

		/** The rule of one attribute applied to its column: values → generalized values, counts per level. */
		previewHierarchy(tableId: string, project: ProjectConfig, attribute: string): HierarchyPreview {
			const table = tableOf(tableId);
			const column = table.columns.find((c) => c.name === attribute);
			if (!column) throw new EngineError('UNKNOWN_COLUMN', `No column "${attribute}".`);
			const config = project.attributes[attribute] ?? { role: 'quasi-identifying' };
			let hierarchy: Hierarchy;
			try {
				hierarchy = hierarchyFromRows(attribute, hierarchyRowsOf(column, config));
			} catch (error) {
				return { attribute, height: 0, values: [], levels: [], rows: [], error: errorMessage(error) };
			}
			const counts = countsOf(column.codes, column.values.length);
			const leafOrder = column.values
				.map((value, code) => ({ value, code }))
				.filter((v) => counts[v.code] > 0)
				.sort((a, b) => counts[b.code] - counts[a.code] || a.code - b.code);
			const missing = leafOrder.filter((v) => !hierarchy.leafIndex.has(v.value)).map((v) => v.value);
			const levels = hierarchy.levels.map((labels, level) => {
				const byGroup = new Int32Array(labels.length);
				for (const { value, code } of leafOrder) {
					const leaf = hierarchy.leafIndex.get(value);
					if (leaf !== undefined) byGroup[hierarchy.codes[level][leaf]] += counts[code];
				}
				const { distinct, top } = topOf(labels, byGroup, PREVIEW_GROUPS);
				return { level, groups: distinct, top };
			});
			const values = leafOrder.slice(0, PREVIEW_VALUES).map(({ value, code }) => {
				const leaf = hierarchy.leafIndex.get(value);
				const path =
					leaf === undefined
						? []
						: hierarchy.levels.slice(1).map((labels, i) => labels[hierarchy.codes[i + 1][leaf]]);
				return { value, count: counts[code], path };
			});
			return {
				attribute,
				height: hierarchy.height,
				values,
				levels,
				rows: hierarchyRows(hierarchy),
				error: missing.length > 0 ? `MISSING:${missing.slice(0, 5).join(', ')}` : undefined
			};
		},

		/** Parses an ARX hierarchy CSV (as imported by the person) into rows. */
		parseHierarchyCsv(attribute: string, text: string): string[][] {
			try {
				return hierarchyRows(hierarchyFromCsv(attribute, text));
			} catch (error) {
				throw new EngineError('BAD_RULE', errorMessage(error));
			}
		},

		/**
		 * Live risk of the project's current transformation, with each privacy model's own figure and
		 * verdict; `seq` comes back so the page keeps the latest.
		 */
		liveRisk(tableId: string, project: ProjectConfig, seq: number): LiveFigures {
			const t0 = performance.now();
			const s = session(tableId, project);
			const levels = s.levelsOf(project.transformation);
			const figures = s.figures(levels, seq);
			if ((project.privacy ?? []).length === 0) {
				// No model yet (e.g. the 仮名加工 and HIPAA presets): the figures, without a verdict.
				return {
					...figures,
					verdict: 'no-model',
					neededSuppression: null,
					models: [],
					elapsedMs: performance.now() - t0
				};
			}
			const models = modelFigures(s, project, levels);
			return { ...figures, models, elapsedMs: performance.now() - t0 };
		},

		/** Runs the optimal (or heuristic) search; progress at most every 40 ms; `cancelSearch` stops it. */
		async search(
			jobId: string,
			tableId: string,
			project: ProjectConfig,
			onProgress?: (p: SearchProgressView) => void
		): Promise<SearchOutcome> {
			const s = sessionFor(tableId, project);
			const controller = new AbortController();
			searches.set(jobId, controller);
			const t0 = performance.now();
			try {
				// Let a cancel that follows the start at once arrive before the first slice.
				await new Promise((resolve) => setTimeout(resolve, 0));
				if (controller.signal.aborted) throw new EngineError('ABORTED', 'The search was cancelled.');
				const run = searchProject(s.prepared, project, controller.signal);
				let sliceStart = performance.now();
				for (;;) {
					const step = run.next();
					if (step.done) {
						const result = step.value;
						const names = s.qis.map((q) => q.name);
						const dims = names.length;
						const shown = result.lattice.size <= LATTICE_VIEW_LIMIT;
						const latticeLevels = new Int32Array(shown ? result.lattice.size * dims : 0);
						if (shown) {
							for (let i = 0; i < result.lattice.size; i++) {
								latticeLevels.set(result.lattice.levelsOf(i), i * dims);
							}
						}
						return {
							transformation: result.levels
								? Object.fromEntries(names.map((n, i) => [n, result.levels![i]]))
								: null,
							informationLoss: result.informationLoss,
							suppressedRecords: result.suppressedRecords,
							checked: result.checked,
							latticeSize: result.latticeSize,
							optimal: result.optimal,
							elapsedMs: performance.now() - t0,
							quasiIdentifiers: names,
							latticeLevels,
							latticeTags: shown ? result.tags.slice() : new Uint8Array(0)
						};
					}
					if (performance.now() - sliceStart >= SEARCH_SLICE_MS) {
						const p = step.value;
						onProgress?.({
							checked: p.checked,
							latticeSize: p.latticeSize,
							elapsedMs: performance.now() - t0,
							bestLoss: p.bestLoss
						});
						await new Promise((resolve) => setTimeout(resolve, 0));
						if (controller.signal.aborted) throw new EngineError('ABORTED', 'The search was cancelled.');
						sliceStart = performance.now();
					}
				}
			} catch (error) {
				if (controller.signal.aborted) throw new EngineError('ABORTED', 'The search was cancelled.');
				throw error;
			} finally {
				searches.delete(jobId);
			}
		},

		cancelSearch(jobId: string): boolean {
			const job = searches.get(jobId);
			job?.abort();
			return job !== undefined;
		},

		/** Before/after per QI, suppressed records and changed rows for the project's transformation. */
		compare(tableId: string, project: ProjectConfig): CompareResult {
			const s = session(tableId, project);
			return compareSession(s, s.levelsOf(project.transformation), COMPARE_TOP, COMPARE_MEMBERS);
		},

		/**
		 * Which quasi-identifiers (alone and in pairs) make records unique under the current rules:
		 * the share of records unique on each (engine risk/attribute-risk, after ARX's RiskModelAttributes).
		 */
		uniqueness(tableId: string, project: ProjectConfig): { attributes: string[]; uniqueShare: number }[] {
			const s = session(tableId, project);
			const generalized = s.generalized(s.levelsOf(project.transformation));
			return attributeRisks(
				generalized.map((g) => g.codes),
				s.table.rowCount,
				Math.min(2, generalized.length)
			).map((r) => ({ attributes: r.attributes.map((i) => s.qis[i].name), uniqueShare: r.uniqueShare }));
		},

		/** "One in how many?": the rows that share a record's generalized QI values. */
		shareOf(tableId: string, project: ProjectConfig, row: number): TourResult {
			const s = session(tableId, project);
			const levels = s.levelsOf(project.transformation);
			const generalized = s.generalized(levels);
			const r = Math.max(0, Math.min(s.table.rowCount - 1, Math.trunc(row)));
			const target = generalized.map((g) => g.codes[r]);
			let sharing = 0;
			const others: number[] = [];
			for (let x = 0; x < s.table.rowCount; x++) {
				let same = true;
				for (let i = 0; i < target.length && same; i++) same = generalized[i].codes[x] === target[i];
				if (!same) continue;
				sharing++;
				if (x !== r && others.length < 8) others.push(x);
			}
			return {
				row: r,
				values: s.qis.map((q) => q.column.values[q.column.codes[r]]),
				generalized: generalized.map((g, i) => g.values[target[i]]),
				sharing,
				suppressed: suppressedRows(s, levels, generalized)[r] === 1,
				others
			};
		},

		/** Peculiar values of the quasi-identifiers and sensitive attributes (threshold default 10). */
		peculiar(
			tableId: string,
			project: ProjectConfig,
			proposals: readonly ColumnProposal[],
			threshold = PECULIAR_THRESHOLD
		): PeculiarView {
			const table = tableOf(tableId);
			const findings = table.columns.flatMap((column) => {
				const role = project.attributes[column.name]?.role;
				if (role !== 'quasi-identifying' && role !== 'sensitive') return [];
				const reason = proposals.find((p) => p.name === column.name)?.proposal.reason;
				return detectPeculiar(column, {
					threshold,
					age: reason === 'age',
					birthDate: reason === 'birth-date'
				});
			});
			return { findings, threshold };
		},

		/**
		 * The project file as `npx tokumei search` runs it: every rule materialized as inline rows
		 * (the CLI reads rows and files; builder specs stay beside them under `rule`).
		 */
		projectFile(tableId: string, project: ProjectConfig, dataPath: string): ProjectConfig {
			const table = tableOf(tableId);
			const attributes: ProjectConfig['attributes'] = {};
			for (const [name, a] of Object.entries(project.attributes)) {
				const column = table.columns.find((c) => c.name === name);
				if (a.role === 'quasi-identifying' && column) {
					attributes[name] = {
						...a,
						hierarchy: { rows: hierarchyRowsOf(column, a) },
						...(a.hierarchy && 'builder' in a.hierarchy ? { rule: a.hierarchy } : {})
					};
				} else attributes[name] = a;
			}
			return { ...project, data: { ...project.data, path: dataPath }, attributes };
		}
	};
}
