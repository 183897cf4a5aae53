/**
 * Which classes a fixed transformation suppresses, decided by the engine's own evaluation
 * (classes/equivalence-classes.ts: classesOf + checkPrivacy, ARX's HashGroupify#analyzeAll) on the
 * snapshot counted in pass 1 — the same verdict the search reached for this transformation.
 */
import { checkPrivacy, classesOf, minimalClassSize, type ClassTable } from '../classes/equivalence-classes';
import type { ProjectConfig } from '../config/project-config';
import { projectCriteria, qualityContext, sensitiveAttributeSetup } from '../config/evaluation-setup';
import type { Hierarchy } from '../hierarchy/hierarchy';
import { createQualityModel } from '../metrics';
import { ApplyError, ClassKeyer, type Census, type QiGeneralizer } from './class-census';

export interface SuppressionFigures {
	/** Records analysed: the data after opt-out exclusion, minus the records suppressed by decisions. */
	records: number;
	/**
	 * Records suppressed by peculiar-value decisions (`decisions`): masked or left out like the records
	 * of suppressed classes, but not analysed and not counted against the suppression limit.
	 */
	suppressedByDecision: number;
	equivalenceClasses: number;
	/** Smallest class left after suppression (the k reached); 0 when every record is suppressed. */
	minClassSize: number;
	suppressedRecords: number;
	suppressedClasses: number;
	/** The project's quality measure for this transformation (null without privacy models). */
	informationLoss: number | number[] | null;
	qualityModel: string | null;
	/**
	 * Per sensitive attribute: the fewest distinct values in a released class (the distinct-l reached;
	 * Machanavajjhala et al. 2007, §4.1). Absent without sensitive attributes.
	 */
	distinctLReached?: Record<string, number>;
}

export interface SuppressionDecision {
	readonly keyer: ClassKeyer;
	/** Keys (ClassKeyer) of the suppressed classes. */
	readonly suppressed: ReadonlySet<number | string>;
	/** Sizes of the released (not suppressed, non-empty) classes. */
	readonly releasedClassSizes: Int32Array;
	/** Codes (per QI, at its level) of each suppressed class, in class order. */
	readonly suppressedCodes: readonly Int32Array[];
	readonly figures: SuppressionFigures;
}

export function decideSuppression(
	census: Census,
	qis: readonly QiGeneralizer[],
	config: ProjectConfig,
	hierarchies: Readonly<Record<string, Hierarchy>>
): SuppressionDecision {
	const keyer = new ClassKeyer(qis.map((q) => q.cardinality));
	const classes = classesOf(census.snapshot);
	const specs = config.privacy ?? [];
	if (specs.some((s) => 'subset' in s && s.subset !== undefined)) {
		throw new ApplyError(
			'BAD_INPUT',
			'privacy: models with a research subset cannot be applied by streaming'
		);
	}
	let outlier: Uint8Array = new Uint8Array(classes.count);
	let informationLoss: SuppressionFigures['informationLoss'] = null;
	let qualityModel: string | null = null;
	if (specs.length > 0) {
		const criteria = projectCriteria(
			config,
			census.rows,
			census.rows,
			census.sensitive.map((s) => sensitiveAttributeSetup(s.name, s.values, s.counts, hierarchies[s.name]))
		);
		// The search's metric context (metrics/index.ts metricContext), from the leaf counts of pass 1.
		const quality = createQualityModel(
			config.quality,
			qualityContext(
				qis,
				census.leafCounts,
				census.rows,
				config.suppressionLimit ?? 0,
				config.quality?.attributeWeights
			)
		);
		const privacy = checkPrivacy(classes, {
			criteria,
			suppressionLimit: Math.floor((config.suppressionLimit ?? 0) * census.rows),
			sensitiveCardinalities: census.sensitive.map((s) => s.values.length),
			sampleRows: census.rows,
			// ARX's HashGroupify#isCompletelyGeneralized (search/evaluator.ts completelyGeneralized).
			completelyGeneralized: (levels) =>
				qis.every(
					(q, i) => levels[i] === q.hierarchy.height - 1 && q.hierarchy.levels[levels[i]].length === 1
				),
			classLoss: quality.classLosses ? (c) => quality.classLosses!(c) : undefined
		});
		if (!privacy.anonymous) {
			const k = minimalClassSize(criteria);
			throw new ApplyError(
				'NOT_ANONYMOUS',
				`transformation: it does not satisfy the privacy models within the suppression limit ` +
					`(${privacy.suppressed} of ${census.rows} records would be suppressed${k > 0 ? `, k = ${k}` : ''}); ` +
					'choose a transformation the search found anonymous'
			);
		}
		outlier = privacy.outlier;
		informationLoss = quality.present(quality.evaluate({ classes, outlier }));
		qualityModel = quality.name;
	}
	const suppressed = new Set<number | string>();
	const codes = new Int32Array(qis.length);
	const suppressedCodes: Int32Array[] = [];
	const released: number[] = [];
	let suppressedRecords = 0;
	let equivalenceClasses = 0;
	let minClassSize = 0;
	for (let c = 0; c < classes.count; c++) {
		if (outlier[c]) {
			for (let q = 0; q < qis.length; q++) codes[q] = classes.qi[q][c];
			suppressed.add(keyer.key(codes));
			suppressedCodes.push(codes.slice());
			suppressedRecords += classes.size[c];
			continue;
		}
		equivalenceClasses++;
		released.push(classes.size[c]);
		if (minClassSize === 0 || classes.size[c] < minClassSize) minClassSize = classes.size[c];
	}
	const distinctLReached = census.sensitive.length > 0 ? distinctL(census, classes, outlier) : undefined;
	return {
		keyer,
		suppressed,
		suppressedCodes,
		releasedClassSizes: Int32Array.from(released),
		figures: {
			records: census.rows,
			suppressedByDecision: census.suppressedByDecision,
			equivalenceClasses,
			minClassSize,
			suppressedRecords,
			suppressedClasses: suppressed.size,
			informationLoss,
			qualityModel,
			...(distinctLReached ? { distinctLReached } : {})
		}
	};
}

/** Fewest distinct sensitive values over the released (non-suppressed, non-empty) classes. */
function distinctL(census: Census, classes: ClassTable, outlier: Uint8Array): Record<string, number> {
	const { atomStart, atoms } = classes;
	const result: Record<string, number> = {};
	census.sensitive.forEach((attribute, s) => {
		const codes = census.snapshot.sensitive[s];
		const seen = new Int32Array(attribute.values.length).fill(-1);
		let min = 0;
		for (let c = 0; c < classes.count; c++) {
			if (outlier[c] || classes.size[c] === 0 || !atomStart || !atoms) continue;
			let distinct = 0;
			for (let i = atomStart[c]; i < atomStart[c + 1]; i++) {
				const code = codes[atoms[i]];
				if (seen[code] !== c) {
					seen[code] = c;
					distinct++;
				}
			}
			if (min === 0 || distinct < min) min = distinct;
		}
		result[attribute.name] = min;
	});
	return result;
}
