/**
 * Layout of the generalization lattice as ARX draws it: one row per height (sum of levels, the
 * bottom node at the bottom), nodes of a row spread evenly. Nodes are kept in typed arrays so a
 * lattice of 45,000 nodes (the cup dataset) lays out in a few milliseconds and a pointer position
 * maps to its node in O(1) (row from y, slot from x) instead of a search over marks.
 */

export const TAG_NOT_CHECKED = 0;
export const TAG_ANONYMOUS = 1;
export const TAG_NOT_ANONYMOUS = 2;

export interface LatticeNodes {
	/** Levels of node i at [i·dimensions, (i+1)·dimensions). */
	readonly levels: Int32Array;
	/** Per node: 0 not checked, 1 anonymous, 2 not anonymous (the search's tags). */
	readonly tags: Uint8Array;
	readonly dimensions: number;
}

export interface LatticeLayout {
	readonly count: number;
	/** Largest height (rows are 0 … maxHeight). */
	readonly maxHeight: number;
	/** Node indexes ordered by height, then input order. */
	readonly order: Int32Array;
	/** rowStart[h] = first position in `order` of height h; rowStart[maxHeight + 1] = count. */
	readonly rowStart: Int32Array;
	/** For each node: its height and its slot within the row. */
	readonly height: Int32Array;
	readonly slot: Int32Array;
}

export function layoutLattice(nodes: LatticeNodes): LatticeLayout {
	const { levels, dimensions } = nodes;
	const count = dimensions > 0 ? Math.floor(levels.length / dimensions) : nodes.tags.length;
	const height = new Int32Array(count);
	let maxHeight = 0;
	for (let i = 0; i < count; i++) {
		let h = 0;
		for (let d = 0; d < dimensions; d++) h += levels[i * dimensions + d];
		height[i] = h;
		if (h > maxHeight) maxHeight = h;
	}
	// Counting sort by height: stable, O(nodes + height).
	const rowStart = new Int32Array(maxHeight + 2);
	for (let i = 0; i < count; i++) rowStart[height[i] + 1]++;
	for (let h = 1; h < rowStart.length; h++) rowStart[h] += rowStart[h - 1];
	const fill = rowStart.slice(0, maxHeight + 1);
	const order = new Int32Array(count);
	const slot = new Int32Array(count);
	for (let i = 0; i < count; i++) {
		const h = height[i];
		slot[i] = fill[h] - rowStart[h];
		order[fill[h]++] = i;
	}
	return { count, maxHeight, order, rowStart, height, slot };
}

/**
 * Levels of every node of the full lattice with these maximal levels, in the engine's node order
 * (mixed radix, last quasi-identifier fastest: Lattice.indexOf), so a search's `tags` line up.
 */
export function fullLatticeLevels(maxLevels: readonly number[]): Int32Array {
	const dims = maxLevels.length;
	let size = 1;
	for (const m of maxLevels) size *= m + 1;
	const levels = new Int32Array(size * dims);
	const current = new Int32Array(dims);
	for (let i = 0; i < size; i++) {
		levels.set(current, i * dims);
		// Odometer increment from the last dimension.
		for (let d = dims - 1; d >= 0; d--) {
			if (current[d] < maxLevels[d]) {
				current[d]++;
				break;
			}
			current[d] = 0;
		}
	}
	return levels;
}

export function rowSize(layout: LatticeLayout, h: number): number {
	return layout.rowStart[h + 1] - layout.rowStart[h];
}

/** Index of the node whose levels equal `target`, or −1. */
export function findNode(nodes: LatticeNodes, target: ArrayLike<number> | null | undefined): number {
	if (!target || target.length !== nodes.dimensions) return -1;
	const { levels, dimensions } = nodes;
	const count = Math.floor(levels.length / Math.max(1, dimensions));
	outer: for (let i = 0; i < count; i++) {
		for (let d = 0; d < dimensions; d++) if (levels[i * dimensions + d] !== target[d]) continue outer;
		return i;
	}
	return -1;
}

export function levelsOf(nodes: LatticeNodes, i: number): Int32Array {
	return nodes.levels.slice(i * nodes.dimensions, (i + 1) * nodes.dimensions);
}

/**
 * The node reached from `i` by a key: left/right within the row, up/down to the row above/below
 * at the same relative position, Home/End to the row's ends. Returns `i` when there is no move.
 */
export function moveCursor(layout: LatticeLayout, i: number, key: string): number {
	const h = layout.height[i];
	const s = layout.slot[i];
	const size = rowSize(layout, h);
	const at = (row: number, position: number) => layout.order[layout.rowStart[row] + position];
	switch (key) {
		case 'ArrowLeft':
			return s > 0 ? at(h, s - 1) : i;
		case 'ArrowRight':
			return s + 1 < size ? at(h, s + 1) : i;
		case 'Home':
			return at(h, 0);
		case 'End':
			return at(h, size - 1);
		case 'ArrowUp':
		case 'ArrowDown': {
			let row = h + (key === 'ArrowUp' ? 1 : -1);
			// Rows can be empty when a subset of the lattice is drawn: skip them.
			while (row >= 0 && row <= layout.maxHeight && rowSize(layout, row) === 0)
				row += key === 'ArrowUp' ? 1 : -1;
			if (row < 0 || row > layout.maxHeight) return i;
			const target = rowSize(layout, row);
			// Same relative position; a tie (a centred node between two) goes left.
			const position = Math.min(target - 1, Math.max(0, Math.ceil(((s + 0.5) / size) * target - 1)));
			return at(row, position);
		}
		default:
			return i;
	}
}
