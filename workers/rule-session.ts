/**
 * The rule-design session of the data worker (issue 5): everything the rule-design steps compute,
 * kept here so the page never computes. A session is prepared once per (table, roles, hierarchies,
 * privacy models, suppression limit, peculiar-value decisions) — the expensive O(rows) part — and
 * then answers level changes from the atoms (rollUp, O(atoms)), which is what makes the live risk
 * panel fast.
 */
import {
	checkPrivacy,
	classesOf,
	minimalClassSize,
	type PrivacySetup
} from '$lib/engine/classes/equivalence-classes';
import type { AttributeConfig, ProjectConfig } from '$lib/engine/config/project-config';
import { buildHierarchyRows } from '$lib/engine/hierarchy/builders';
import {
	generalizeColumn,
	hierarchyFromRows,
	missingValues,
	type Hierarchy
} from '$lib/engine/hierarchy/hierarchy';
import { decideTable, decisionBounds, type DecidedTable, type PeculiarDecision } from '$lib/engine/peculiar';
import {
	classSizeHistogram,
	classesOfSize,
	recordsInClassesSmallerThan
} from '$lib/engine/risk/class-histogram';
import { prosecutorRisk } from '$lib/engine/risk/sample-risk';
import { completelyGeneralized, Evaluator } from '$lib/engine/search/evaluator';
import { prepareSearch, type PreparedSearch } from '$lib/engine/search/project-search';
import type { EncodedColumn, EncodedTable } from '$lib/engine/table/encoded-table';
import { EngineError } from '$lib/workbench/errors';
import type { LiveFigures } from '$lib/workbench/design-types';

/** Hierarchy rows in ARX layout for one attribute's rule (a builder spec or inline rows). */
export function hierarchyRowsOf(
	column: EncodedColumn,
	config: AttributeConfig,
	extraValues: readonly string[] = []
): string[][] {
	const spec = config.hierarchy;
	if (!spec) {
		// No rule yet: the value itself or nothing (ARX's default two-level hierarchy).
		return [...column.values, ...extraValues].map((v) => [v, '*']);
	}
	if ('rows' in spec) return spec.rows as string[][];
	if ('builder' in spec) return buildHierarchyRows([...column.values, ...extraValues], spec);
	throw new EngineError('BAD_RULE', `${column.name}: hierarchy files are imported as rows in the browser`);
}

/** The project's decisions on peculiar values (parseProjectConfig reads a legacy `ui.peculiar` as these). */
export const decisionsOf = (project: ProjectConfig): PeculiarDecision[] =>
	(project.decisions ?? []).filter((d) => d.action !== 'keep');

/** Columns referenced by the privacy models as sensitive attributes. */
function sensitiveInModels(project: ProjectConfig): string[] {
	const names = new Set<string>();
	for (const m of project.privacy ?? []) if ('attribute' in m && m.attribute) names.add(m.attribute);
	return [...names];
}

/** Sensitive attributes read by a hierarchical t-closeness model (they need their own hierarchy). */
export function hierarchicalSensitive(project: ProjectConfig): string[] {
	const names = new Set<string>();
	for (const m of project.privacy ?? [])
		if (m.model === 't-closeness' && m.variant === 'hierarchical') names.add(m.attribute);
	return [...names];
}

/** "a", "b", "c" (+n): the first values of a list for a message. */
const someValues = (values: readonly string[]) =>
	`${values
		.slice(0, 3)
		.map((v) => `"${v}"`)
		.join(', ')}${values.length > 3 ? ` (+${values.length - 3})` : ''}`;

/**
 * The hierarchy of a sensitive attribute for hierarchical t-closeness (Li et al. 2007, §4.2), from
 * its rule (rows or builder spec) as the export reads it (export-input materializeProject). Every
 * value present in the analysed rows must be a leaf: the criterion would otherwise place it under
 * another value's ancestors (project-search maps unknown values to leaf 0).
 */
function sensitiveHierarchy(project: ProjectConfig, source: EncodedTable, table: EncodedTable, name: string) {
	const config = project.attributes[name];
	const column = source.columns.find((c) => c.name === name);
	if (!config?.hierarchy || !column) {
		throw new EngineError(
			'BAD_RULE',
			`${name}: hierarchical t-closeness needs a hierarchy for this attribute`
		);
	}
	let hierarchy: Hierarchy;
	try {
		hierarchy = hierarchyFromRows(name, hierarchyRowsOf(column, config));
	} catch (error) {
		throw new EngineError('BAD_RULE', `${name}: ${(error as Error).message}`);
	}
	const analysed = table.columns.find((c) => c.name === name) ?? column;
	const present = new Uint8Array(analysed.values.length);
	for (let row = 0; row < table.rowCount; row++) present[analysed.codes[row]] = 1;
	const missing = analysed.values.filter((v, code) => present[code] && !hierarchy.leafIndex.has(v));
	if (missing.length > 0) {
		throw new EngineError('BAD_RULE', `${name}: the rule does not cover ${someValues(missing)}`);
	}
	return hierarchy;
}

export interface SessionQI {
	readonly name: string;
	readonly column: EncodedColumn;
	readonly original: EncodedColumn;
	readonly hierarchy: Hierarchy;
}

export class RuleSession {
	readonly qis: SessionQI[];
	readonly prepared: PreparedSearch;
	readonly evaluator: Evaluator;
	readonly setup: PrivacySetup;
	/** Rows suppressed by peculiar-value decisions (not part of the analysed table). */
	readonly suppressedByDecision: number;
	/** The analysed table (rows suppressed by decisions removed). */
	readonly table: EncodedTable;
	/** Source row of each analysed row; null when no row was suppressed by a decision. */
	readonly keptRows: Int32Array | null;
	/** 1 for each source row that is analysed; null when no row was suppressed by a decision. */
	readonly keep: Uint8Array | null;
	/** Hierarchies given to the search: the quasi-identifiers' and those of hierarchical t-closeness. */
	readonly hierarchies: Readonly<Record<string, Hierarchy>>;

	constructor(
		readonly source: EncodedTable,
		readonly project: ProjectConfig
	) {
		const decisions = decisionsOf(project);
		const qiColumns = source.columns.filter((c) => project.attributes[c.name]?.role === 'quasi-identifying');
		const hierarchies: Record<string, Hierarchy> = {};
		const withHierarchies = qiColumns.map((column) => {
			const config = project.attributes[column.name];
			try {
				const rows = hierarchyRowsOf(column, config, decisionBounds(decisions, column.name));
				return { name: column.name, hierarchy: hierarchyFromRows(column.name, rows) };
			} catch (error) {
				throw new EngineError('BAD_RULE', `${column.name}: ${(error as Error).message}`);
			}
		});
		const sensitiveNames = sensitiveInModels(project);
		let decided: DecidedTable;
		try {
			decided = decideTable(source, withHierarchies, decisions, sensitiveNames);
		} catch (error) {
			throw new EngineError('BAD_RULE', (error as Error).message);
		}
		this.suppressedByDecision = decided.suppressedByDecision;
		this.keptRows = decided.keptRows;
		this.keep = null;
		if (decided.keptRows) {
			this.keep = new Uint8Array(source.rowCount);
			for (const row of decided.keptRows) this.keep[row] = 1;
		}
		this.qis = decided.quasiIdentifiers.map((q) => {
			const missing = missingValues(q.column, q.hierarchy);
			if (missing.length > 0) {
				throw new EngineError('BAD_RULE', `${q.name}: the rule does not cover ${someValues(missing)}`);
			}
			hierarchies[q.name] = q.hierarchy;
			return q;
		});
		this.table = decided.table;
		for (const name of hierarchicalSensitive(project)) {
			hierarchies[name] = sensitiveHierarchy(project, source, this.table, name);
		}
		this.hierarchies = hierarchies;
		this.prepared = prepareSearch({
			config: project,
			table: this.table,
			quasiIdentifiers: this.qis,
			sensitive: sensitiveNames,
			hierarchies
		});
		const { data, criteria, quality, suppressionLimit } = this.prepared;
		this.setup = {
			criteria,
			suppressionLimit: Math.floor(suppressionLimit * data.sampleRows),
			sensitiveCardinalities: data.sensitiveCardinalities,
			sampleRows: data.sampleRows,
			completelyGeneralized: completelyGeneralized(data),
			classLoss: quality.classLosses ? (classes) => quality.classLosses!(classes) : undefined
		};
		this.evaluator = new Evaluator(data, this.setup);
	}

	/** Levels in QI order from the project's transformation (clamped to each hierarchy). */
	levelsOf(transformation: Readonly<Record<string, number>> | undefined): Int32Array {
		return Int32Array.from(this.qis, (q) => {
			const level = transformation?.[q.name] ?? 0;
			return Math.max(0, Math.min(q.hierarchy.height - 1, Math.trunc(level)));
		});
	}

	/** The live risk figures of one transformation (see LiveFigures). */
	figures(levels: Int32Array, seq: number): LiveFigures {
		const t0 = performance.now();
		const { data, criteria, quality } = this.prepared;
		const snapshot = this.evaluator.snapshot(levels);
		const classes = classesOf(snapshot);
		const privacy = checkPrivacy(classes, this.setup);
		const hasModel = criteria.length > 0;
		// Suppression applies when the transformation meets the models (ARX's outliers); otherwise
		// the figures show the data as generalized, with nothing suppressed.
		const outlier = privacy.anonymous ? privacy.outlier : new Uint8Array(classes.count);
		const sizes = new Int32Array(classes.count);
		for (let c = 0; c < classes.count; c++) sizes[c] = outlier[c] ? 0 : classes.size[c];
		const histogram = classSizeHistogram(sizes);
		const kTarget = Math.max(minimalClassSize(criteria), 2);
		const thresholds = [0.5, 0.34, 0.2, 0.1, 0.09, 0.05, 0.02, 0.01];
		const risk = prosecutorRisk(histogram, thresholds);
		const loss = quality.evaluate({ classes, outlier });
		const suppressed = privacy.anonymous ? privacy.suppressed : 0;
		return {
			seq,
			levels: Object.fromEntries(this.qis.map((q, i) => [q.name, levels[i]])),
			heights: Object.fromEntries(this.qis.map((q) => [q.name, q.hierarchy.height])),
			rows: this.source.rowCount,
			analysedRows: data.sampleRows,
			classes: histogram.classes,
			kReached: histogram.sizes.length > 0 ? histogram.sizes[0] : 0,
			kTarget,
			recordsAtRisk: recordsInClassesSmallerThan(histogram, kTarget),
			sampleUniques: classesOfSize(histogram, 1),
			highestRisk: risk.highest,
			averageRisk: risk.average,
			riskCurve: thresholds.map((t) => ({ threshold: t, share: risk.recordsAtRisk[String(t)] })),
			suppressed,
			suppressedByDecision: this.suppressedByDecision,
			neededSuppression: privacy.anonymous
				? privacy.suppressed
				: privacy.minimalSizeFailed
					? privacy.suppressed
					: null,
			suppressionLimitRows: this.setup.suppressionLimit,
			informationLoss: quality.present(loss),
			qualityModel: quality.name,
			verdict: !hasModel ? 'no-model' : privacy.anonymous ? 'met' : 'not-met',
			classSizes: Array.from(histogram.sizes, (size, i) => ({ size, count: histogram.counts[i] })),
			elapsedMs: performance.now() - t0
		};
	}

	/** Original and generalized QI values of the released rows, for compare and the tour. */
	generalized(levels: Int32Array): { codes: Int32Array; values: readonly string[] }[] {
		return this.qis.map((q, i) => generalizeColumn(q.column, q.hierarchy, levels[i]));
	}
}
