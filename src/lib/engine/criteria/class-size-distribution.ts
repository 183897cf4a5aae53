import type { ClassSizeDistribution, RemainingDistribution } from './criterion';

/**
 * A mutable class-size distribution (size → number of classes), the state ARX's
 * HashGroupifyDistribution keeps while sample-based criteria suppress classes. Counts live in a
 * typed array indexed by size (sizes are bounded by the rows), which keeps the thousands of
 * evaluations of a search cheap.
 */
export class MutableClassSizeDistribution implements ClassSizeDistribution {
	private bySize: Int32Array;
	records = 0;
	classes = 0;

	constructor(largestSize = 64) {
		this.bySize = new Int32Array(largestSize + 1);
	}

	private ensure(size: number): void {
		if (size < this.bySize.length) return;
		const grown = new Int32Array(Math.max(size + 1, 2 * this.bySize.length));
		grown.set(this.bySize);
		this.bySize = grown;
	}

	add(size: number): void {
		this.ensure(size);
		this.classes++;
		this.records += size;
		this.bySize[size]++;
	}

	/** Mirrors ARX's removeFromDistribution, which may drive a count below zero (never here unless a class is removed twice). */
	remove(size: number): void {
		this.ensure(size);
		this.classes--;
		this.records -= size;
		this.bySize[size]--;
	}

	classesOfSize(size: number): number {
		return size >= 0 && size < this.bySize.length ? this.bySize[size] : 0;
	}

	histogram() {
		const sizes: number[] = [];
		for (let s = 0; s < this.bySize.length; s++) if (this.bySize[s] !== 0) sizes.push(s);
		return {
			sizes: Int32Array.from(sizes),
			counts: Int32Array.from(sizes, (s) => this.bySize[s]),
			records: this.records,
			classes: this.classes
		};
	}
}

/** The distribution of the classes listed in a RemainingDistribution (entries ≤ 0 ignored). */
export function distributionOf(remaining: RemainingDistribution): MutableClassSizeDistribution {
	let largest = 0;
	for (let i = 0; i < remaining.classCount; i++) largest = Math.max(largest, remaining.classSizes[i]);
	const distribution = new MutableClassSizeDistribution(largest);
	for (let i = 0; i < remaining.classCount; i++) {
		if (remaining.classSizes[i] > 0) distribution.add(remaining.classSizes[i]);
	}
	return distribution;
}

/** Share of records in classes of exactly this size (ARX: 0 for an empty distribution). */
export function fractionOfRecordsInClassesOfSize(distribution: ClassSizeDistribution, size: number): number {
	return distribution.records === 0 ? 0 : (distribution.classesOfSize(size) * size) / distribution.records;
}
