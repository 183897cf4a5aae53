/**
 * How much each quasi-identifier, alone or with others, separates the records: ARX's
 * RiskModelAttributes (ARX 3.9.2), after Motwani & Xu, "Efficient algorithms for masking and finding
 * quasi-identifiers", VLDB 2007:
 * - distinction = classes / records (1 when the attributes make every record unique);
 * - separation  = share of record pairs that the attributes tell apart (differ on some attribute).
 * Plus the share of sample uniques, which is what the UI quotes ("these two make 62 % unique").
 */
import { RefineTable, wholePartition, type Partition } from './refine';

export interface AttributeCombinationRisk {
	/** Indexes of the key columns in the combination, ascending. */
	readonly attributes: readonly number[];
	readonly distinction: number;
	readonly separation: number;
	/** Share of records that are unique on these attributes alone. */
	readonly uniqueShare: number;
}

function measures(partition: Partition, rowCount: number): Omit<AttributeCombinationRisk, 'attributes'> {
	// Pairs inside one class are the ones not separated: 1 − Σ C(size, 2) / C(n, 2).
	let samePairs = 0;
	let uniques = 0;
	for (let c = 0; c < partition.count; c++) {
		const s = partition.sizes[c];
		samePairs += (s * (s - 1)) / 2;
		if (s === 1) uniques++;
	}
	const pairs = (rowCount * (rowCount - 1)) / 2;
	return {
		distinction: rowCount ? partition.count / rowCount : 0,
		separation: pairs > 0 ? (pairs - samePairs) / pairs : 0,
		uniqueShare: rowCount ? uniques / rowCount : 0
	};
}

/**
 * Every combination of at most `maxSize` key columns (all of them by default), ordered as ARX:
 * by size, then distinction, then separation.
 */
export function attributeRisks(
	keys: readonly Int32Array[],
	rowCount: number,
	maxSize = keys.length
): AttributeCombinationRisk[] {
	const table = new RefineTable(rowCount);
	const result: AttributeCombinationRisk[] = [];
	const visit = (attributes: number[], parent: Partition, from: number) => {
		if (attributes.length === maxSize) return;
		for (let v = from; v < keys.length; v++) {
			const partition = table.refine(parent, keys[v]);
			const combination = [...attributes, v];
			result.push({ attributes: combination, ...measures(partition, rowCount) });
			visit(combination, partition, v + 1);
		}
	};
	visit([], wholePartition(rowCount), 0);
	result.sort(
		(a, b) =>
			a.attributes.length - b.attributes.length ||
			a.distinction - b.distinction ||
			a.separation - b.separation ||
			a.attributes.join(',').localeCompare(b.attributes.join(','))
	);
	return result;
}
