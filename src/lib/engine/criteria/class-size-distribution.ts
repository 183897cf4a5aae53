import type { ClassSizeDistribution, RemainingDistribution } from './criterion';

/**
 * A mutable class-size distribution (size → number of classes), the state ARX's
 * HashGroupifyDistribution keeps while sample-based criteria suppress classes.
 */
export class MutableClassSizeDistribution implements ClassSizeDistribution {
	private readonly bySize = new Map<number, number>();
	records = 0;
	classes = 0;

	add(size: number): void {
		this.classes++;
		this.records += size;
		this.bySize.set(size, (this.bySize.get(size) ?? 0) + 1);
	}

	/** Mirrors ARX's removeFromDistribution (HPPC remove returns 0 for an absent key). */
	remove(size: number): void {
		this.classes--;
		this.records -= size;
		const previous = this.bySize.get(size) ?? 0;
		this.bySize.delete(size);
		if (previous !== 1) this.bySize.set(size, previous - 1);
	}

	classesOfSize(size: number): number {
		return this.bySize.get(size) ?? 0;
	}

	histogram() {
		const sizes = [...this.bySize.keys()].filter((s) => this.bySize.get(s) !== 0).sort((a, b) => a - b);
		return {
			sizes: Int32Array.from(sizes),
			counts: Int32Array.from(sizes, (s) => this.bySize.get(s) ?? 0),
			records: this.records,
			classes: this.classes
		};
	}
}

/** The distribution of the classes listed in a RemainingDistribution (entries ≤ 0 ignored). */
export function distributionOf(remaining: RemainingDistribution): MutableClassSizeDistribution {
	const distribution = new MutableClassSizeDistribution();
	for (let i = 0; i < remaining.classCount; i++) {
		if (remaining.classSizes[i] > 0) distribution.add(remaining.classSizes[i]);
	}
	return distribution;
}

/** Share of records in classes of exactly this size (ARX: 0 for an empty distribution). */
export function fractionOfRecordsInClassesOfSize(distribution: ClassSizeDistribution, size: number): number {
	return distribution.records === 0 ? 0 : (distribution.classesOfSize(size) * size) / distribution.records;
}
