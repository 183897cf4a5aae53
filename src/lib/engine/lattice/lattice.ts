/**
 * The generalization lattice of full-domain transformations: one level per quasi-identifier,
 * 0 … maxLevel. A node is stored as its mixed-radix index (last QI varies fastest), which makes
 * successors/predecessors a matter of adding or subtracting the QI's stride
 * (Kohlmayer et al., "Flash: efficient, stable and optimal k-anonymity", 2012, §3).
 */
export class Lattice {
	readonly dimensions: number;
	readonly size: number;
	/** strides[q] = index distance between two nodes that differ by one level in QI q. */
	readonly strides: Int32Array;
	/** Sum of levels of the top node (height of the lattice). */
	readonly height: number;

	constructor(readonly maxLevels: readonly number[]) {
		this.dimensions = maxLevels.length;
		this.strides = new Int32Array(this.dimensions);
		let size = 1;
		for (let q = this.dimensions - 1; q >= 0; q--) {
			this.strides[q] = size;
			size *= maxLevels[q] + 1;
		}
		this.size = size;
		this.height = maxLevels.reduce((a, b) => a + b, 0);
	}

	indexOf(levels: ArrayLike<number>): number {
		let index = 0;
		for (let q = 0; q < this.dimensions; q++) {
			if (levels[q] < 0 || levels[q] > this.maxLevels[q]) {
				throw new RangeError(`level ${levels[q]} of dimension ${q} is outside 0..${this.maxLevels[q]}`);
			}
			index += levels[q] * this.strides[q];
		}
		return index;
	}

	levelsOf(index: number, into = new Int32Array(this.dimensions)): Int32Array {
		for (let q = 0; q < this.dimensions; q++) {
			into[q] = Math.floor(index / this.strides[q]) % (this.maxLevels[q] + 1);
		}
		return into;
	}

	levelOf(index: number, dimension: number): number {
		return Math.floor(index / this.strides[dimension]) % (this.maxLevels[dimension] + 1);
	}

	/** Sum of the levels (the node's height in the lattice). */
	heightOf(index: number): number {
		let sum = 0;
		for (let q = 0; q < this.dimensions; q++) sum += this.levelOf(index, q);
		return sum;
	}

	/** Direct successors: one QI generalized by one level. */
	successors(index: number): number[] {
		const result: number[] = [];
		for (let q = 0; q < this.dimensions; q++) {
			if (this.levelOf(index, q) < this.maxLevels[q]) result.push(index + this.strides[q]);
		}
		return result;
	}

	/** Direct predecessors: one QI specialized by one level. */
	predecessors(index: number): number[] {
		const result: number[] = [];
		for (let q = 0; q < this.dimensions; q++) {
			if (this.levelOf(index, q) > 0) result.push(index - this.strides[q]);
		}
		return result;
	}

	/** Whether node a ≤ node b in every dimension (b generalizes a). */
	isGeneralizationOf(b: number, a: number): boolean {
		for (let q = 0; q < this.dimensions; q++) {
			if (this.levelOf(a, q) > this.levelOf(b, q)) return false;
		}
		return true;
	}
}
