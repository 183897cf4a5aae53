/**
 * Per-model figures for the live risk panel (issue 5): for each privacy model of the project, the
 * engine's verdict for that model alone (checkPrivacy with only its criterion and the project's
 * suppression limit) and the model's own figure on the released classes, so the page can say
 * which model fails and by how much. Everything is computed from the session's atoms, O(atoms).
 *
 * The figures follow the definitions of the criteria they report on (src/lib/engine/criteria,
 * after ARX 3.9.2):
 * - distinct l: distinct sensitive values in a class; entropy l: exp(ψ(n) − Σ nᵢψ(nᵢ)/n) with
 *   ψ = ln (Shannon) or Grassberger's G (the bound ARX's EntropyLDiversity checks, solved for l);
 * - recursive (c,l): the c a class needs, r₁ / (r_l + … + r_m) (Machanavajjhala et al. 2007);
 * - t-closeness: the earth mover's distance with equal, ordered or hierarchical ground distance
 *   (Li et al. 2007); the hierarchical one is the criterion's own function (hierarchicalDistance);
 * - β-likeness: the largest relative gain (pᵢ − qᵢ)/qᵢ (Cao & Karras 2012);
 * - average risk = classes / records, sample uniqueness = records in classes of size 1 / records,
 *   population uniqueness = estimated population uniques / population size (risk-based.ts).
 */
import { checkPrivacy, classesOf, type ClassTable } from '$lib/engine/classes/equivalence-classes';
import type { ProjectConfig } from '$lib/engine/config/project-config';
import { grassbergerG } from '$lib/engine/criteria';
import type { PrivacyCriterion, SensitiveHistogram } from '$lib/engine/criteria/criterion';
import { populationUniques } from '$lib/engine/criteria/risk-based';
import { lexicographicOrder } from '$lib/engine/criteria/t-closeness';
import { hierarchicalDistance } from '$lib/engine/criteria/t-closeness-hierarchical';
import { pitmanUniques, snbUniques, zayatzUniques } from '$lib/engine/risk/population-uniqueness';
import type { ModelFigure, ModelMeasure } from '$lib/workbench/design-types';
import type { RuleSession } from './rule-session';

type Spec = NonNullable<ProjectConfig['privacy']>[number];

/** Sensitive attributes in the order the session prepared them (first mention in the models). */
function sensitiveOrder(specs: readonly Spec[]): string[] {
	const names = new Set<string>();
	for (const m of specs) if ('attribute' in m && m.attribute) names.add(m.attribute);
	return [...names];
}

/**
 * createCriteria returns δ-presence first and the rest in the given order; this maps each
 * criterion back to the position of its spec.
 */
function specIndexOfCriteria(specs: readonly Spec[]): number[] {
	const presence = specs.flatMap((s, i) => (s.model === 'delta-presence' ? [i] : []));
	const rest = specs.flatMap((s, i) => (s.model === 'delta-presence' ? [] : [i]));
	return [...presence, ...rest];
}

/** Rows per sensitive code in one class, read from its atoms. */
function classHistogram(
	classes: ClassTable,
	c: number,
	sensitive: Int32Array,
	scratch: Float64Array,
	touched: number[]
): number {
	touched.length = 0;
	const { atomStart, atoms, snapshot } = classes;
	if (!atomStart || !atoms) return 0;
	for (let i = atomStart[c]; i < atomStart[c + 1]; i++) {
		const atom = atoms[i];
		const code = sensitive[atom];
		if (scratch[code] === 0) touched.push(code);
		scratch[code] += snapshot.size[atom];
	}
	return touched.length;
}

interface SensitiveData {
	/** Global distribution q over the analysed rows. */
	readonly q: Float64Array;
	readonly rank: Int32Array;
	/** −q in the order of the values (ordered distance), and a scratch of the same length. */
	readonly negatedQByRank: Float64Array;
	readonly scratch: Float64Array;
	/** Hierarchical EMD of a class histogram, when the session has the attribute's hierarchy. */
	readonly hierarchical: ((h: SensitiveHistogram) => number) | null;
}

function sensitiveData(session: RuleSession, index: number, name: string): SensitiveData {
	const bottom = session.prepared.data.bottom;
	const column = session.table.columns.find((c) => c.name === name);
	const cardinality = session.prepared.data.sensitiveCardinalities[index];
	const counts = new Float64Array(Math.max(cardinality, column?.values.length ?? 0));
	const codes = bottom.sensitive[index];
	let total = 0;
	for (let a = 0; a < bottom.count; a++) {
		counts[codes[a]] += bottom.size[a];
		total += bottom.size[a];
	}
	const q = counts.map((n) => (total > 0 ? n / total : 0));
	// Ordered distance: ARX's default string order of the values (t-closeness.ts).
	const order = lexicographicOrder(column?.values ?? []);
	const rank = new Int32Array(counts.length);
	order.forEach((code, r) => (rank[code] = r));
	const negatedQByRank = new Float64Array(counts.length);
	for (let code = 0; code < counts.length; code++) negatedQByRank[rank[code]] = -q[code];
	// As project-search gives it to the criterion: levels[l][code] = the value's label at level l.
	const hierarchy = session.hierarchies[name];
	const values = column?.values ?? [];
	const hierarchical = hierarchy
		? hierarchicalDistance({
				name,
				values,
				globalCounts: counts,
				hierarchyLevels: hierarchy.levels.map((labels, level) =>
					values.map((value) => labels[hierarchy.codes[level][hierarchy.leafIndex.get(value) ?? 0]])
				)
			})
		: null;
	return { q, rank, negatedQByRank, scratch: new Float64Array(counts.length), hierarchical };
}

/** The figure of a class-based sensitive model on one class, from its histogram. */
function classFigure(
	spec: Spec,
	size: number,
	hist: Float64Array,
	touched: readonly number[],
	data: SensitiveData
): number {
	switch (spec.model) {
		case 'l-diversity': {
			if (spec.variant === 'distinct') return touched.length;
			if (spec.variant === 'recursive') {
				const counts = touched.map((code) => hist[code]).sort((a, b) => b - a);
				const l = Math.ceil(spec.l);
				if (counts.length < l) return Infinity;
				let tail = 0;
				for (let i = l - 1; i < counts.length; i++) tail += counts[i];
				return counts[0] / tail;
			}
			const psi = spec.variant === 'entropy' ? Math.log : grassbergerG;
			let sum = 0;
			for (const code of touched) sum += hist[code] * psi(hist[code]);
			return Math.exp(psi(size) - sum / size);
		}
		case 't-closeness': {
			if (spec.variant === 'equal') {
				let distance = 0;
				let seen = 0;
				for (const code of touched) {
					distance += Math.abs(hist[code] / size - data.q[code]);
					seen += data.q[code];
				}
				// Values absent from the class contribute their whole global share.
				return (distance + (1 - seen)) / 2;
			}
			if (spec.variant === 'ordered') {
				const m = data.q.length;
				// −q in rank order, then the class's p added at its codes (the scratch is reused).
				const diff = data.scratch;
				diff.set(data.negatedQByRank);
				for (const code of touched) diff[data.rank[code]] += hist[code] / size;
				let cumulative = 0;
				let distance = 0;
				for (let r = 0; r < m; r++) {
					cumulative += diff[r];
					distance += Math.abs(cumulative);
				}
				return m > 1 ? distance / (m - 1) : 0;
			}
			if (!data.hierarchical) return NaN;
			return data.hierarchical({
				codes: Int32Array.from(touched),
				counts: Int32Array.from(touched, (code) => hist[code]),
				length: touched.length
			});
		}
		case 'beta-likeness': {
			let gain = 0;
			for (const code of touched) {
				const q = data.q[code];
				if (q > 0) gain = Math.max(gain, (hist[code] / size - q) / q);
			}
			return gain;
		}
		default:
			return NaN;
	}
}

function measureOf(spec: Spec): ModelMeasure {
	switch (spec.model) {
		case 'k-anonymity':
		case 'k-map':
			return 'k';
		case 'l-diversity':
			return spec.variant === 'recursive' ? 'c' : 'l';
		case 't-closeness':
			return 't';
		case 'beta-likeness':
			return 'beta';
		case 'average-risk':
			return 'average-risk';
		case 'sample-uniqueness':
			return 'sample-uniques';
		case 'population-uniqueness':
			return 'population-uniques';
		default:
			return 'none';
	}
}

function targetOf(spec: Spec, criterion: PrivacyCriterion): number | null {
	switch (spec.model) {
		case 'k-anonymity':
			return spec.k;
		case 'k-map':
			// With an estimator the sample must reach the derived k′ (the criterion's class size).
			return criterion.kind === 'class' && criterion.minimalClassSizeAvailable
				? criterion.minimalClassSize
				: spec.k;
		case 'l-diversity':
			return spec.variant === 'recursive' ? (spec.c ?? null) : spec.l;
		case 't-closeness':
			return spec.t;
		case 'beta-likeness':
			return spec.beta;
		case 'average-risk':
		case 'sample-uniqueness':
		case 'population-uniqueness':
			return spec.threshold;
		default:
			return null;
	}
}

/** Population size for population uniqueness: the model's own, else the project's population. */
function populationSize(spec: { population?: number }, project: ProjectConfig, rows: number): number | null {
	if (spec.population !== undefined) return spec.population;
	const p = project.population;
	if (p && 'size' in p) return p.size;
	if (p && 'samplingFraction' in p) return Math.round(rows / p.samplingFraction);
	return null;
}

/**
 * Figures of every privacy model of `project` for the transformation `levels` of the session.
 * Released classes are those the whole set of models keeps (as in the live figures): when the
 * transformation is not anonymous nothing is suppressed.
 */
export function modelFigures(
	session: RuleSession,
	project: ProjectConfig,
	levels: Int32Array
): ModelFigure[] {
	const specs = project.privacy ?? [];
	const criteria = session.prepared.criteria;
	if (specs.length === 0 || criteria.length !== specs.length) return [];
	const classes = classesOf(session.evaluator.snapshot(levels));
	const overall = checkPrivacy(classes, session.setup);
	const released = (c: number) => classes.size[c] > 0 && !(overall.anonymous && overall.outlier[c]);
	let records = 0;
	let count = 0;
	let minSize = Infinity;
	let uniques = 0;
	const bySize = new Map<number, number>();
	for (let c = 0; c < classes.count; c++) {
		if (!released(c)) continue;
		const size = classes.size[c];
		records += size;
		count++;
		minSize = Math.min(minSize, size);
		if (size === 1) uniques++;
		bySize.set(size, (bySize.get(size) ?? 0) + 1);
	}
	const sensitive = sensitiveOrder(specs);
	const dataOf = new Map<string, SensitiveData>();
	const specOf = specIndexOfCriteria(specs);
	const figures: ModelFigure[] = [];
	criteria.forEach((criterion, ci) => {
		const index = specOf[ci];
		const spec = specs[index];
		// With one model, "alone" is the overall check already made.
		const alone =
			criteria.length === 1 ? overall : checkPrivacy(classes, { ...session.setup, criteria: [criterion] });
		let reached: number | null = null;
		const attribute = 'attribute' in spec && spec.attribute ? spec.attribute : null;
		switch (spec.model) {
			case 'k-anonymity':
			case 'k-map':
				reached = count > 0 ? minSize : 0;
				break;
			case 'average-risk':
				reached = records > 0 ? count / records : 0;
				break;
			case 'sample-uniqueness':
				reached = records > 0 ? uniques / records : 0;
				break;
			case 'population-uniqueness': {
				const size = populationSize(spec, project, session.prepared.data.rowCount);
				if (size !== null && records > 0) {
					const sizes = [...bySize.keys()].sort((a, b) => a - b);
					const histogram = {
						sizes: Int32Array.from(sizes),
						counts: Int32Array.from(sizes, (s) => bySize.get(s)!),
						records,
						classes: count
					};
					const estimated = populationUniques(histogram, size, spec.estimator, {
						pitman: pitmanUniques,
						zayatz: zayatzUniques,
						snb: snbUniques
					});
					// −1 (Dankar without a usable model) or 0 with sample uniques: the models did not
					// fit (risk-based.ts), which the criterion counts as a failure; say "not estimated".
					reached = estimated < 0 || (estimated === 0 && uniques > 0) ? null : estimated / size;
				} else if (records === 0) reached = 0;
				break;
			}
			case 'l-diversity':
			case 't-closeness':
			case 'beta-likeness': {
				if (measureOf(spec) === 'none' || attribute === null) break;
				const s = sensitive.indexOf(attribute);
				if (s < 0) break;
				let data = dataOf.get(attribute);
				if (!data) {
					data = sensitiveData(session, s, attribute);
					dataOf.set(attribute, data);
				}
				const codes = classes.snapshot.sensitive[s];
				const hist = new Float64Array(data.q.length);
				const touched: number[] = [];
				const higherBetter = measureOf(spec) === 'l';
				let worst = higherBetter ? Infinity : 0;
				for (let c = 0; c < classes.count; c++) {
					if (!released(c)) continue;
					classHistogram(classes, c, codes, hist, touched);
					const value = classFigure(spec, classes.size[c], hist, touched, data);
					for (const code of touched) hist[code] = 0;
					worst = higherBetter ? Math.min(worst, value) : Math.max(worst, value);
				}
				reached = count > 0 ? worst : null;
				break;
			}
		}
		figures.push({
			index,
			model: spec.model,
			label: criterion.label,
			attribute,
			measure: measureOf(spec),
			reached,
			target: targetOf(spec, criterion),
			met: alone.anonymous,
			suppressedAlone: alone.suppressed
		});
	});
	return figures.sort((a, b) => a.index - b.index);
}
