/** A binary min-heap of node indices ordered by a comparator on (key, node) pairs. */
export class MinHeap<K> {
	private readonly nodes: number[] = [];
	private readonly keys: K[] = [];

	constructor(private readonly less: (a: K, an: number, b: K, bn: number) => boolean) {}

	get size(): number {
		return this.nodes.length;
	}

	push(node: number, key: K): void {
		const { nodes, keys } = this;
		let i = nodes.length;
		nodes.push(node);
		keys.push(key);
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!this.less(keys[i], nodes[i], keys[parent], nodes[parent])) break;
			this.swap(i, parent);
			i = parent;
		}
	}

	peekKey(): K | undefined {
		return this.keys[0];
	}

	/** Removes the smallest entry; returns its node. */
	pop(): number | undefined {
		const { nodes, keys } = this;
		if (nodes.length === 0) return undefined;
		const top = nodes[0];
		const lastNode = nodes.pop() as number;
		const lastKey = keys.pop() as K;
		if (nodes.length > 0) {
			nodes[0] = lastNode;
			keys[0] = lastKey;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let smallest = i;
				if (l < nodes.length && this.less(keys[l], nodes[l], keys[smallest], nodes[smallest])) smallest = l;
				if (r < nodes.length && this.less(keys[r], nodes[r], keys[smallest], nodes[smallest])) smallest = r;
				if (smallest === i) break;
				this.swap(i, smallest);
				i = smallest;
			}
		}
		return top;
	}

	private swap(a: number, b: number): void {
		const { nodes, keys } = this;
		[nodes[a], nodes[b]] = [nodes[b], nodes[a]];
		[keys[a], keys[b]] = [keys[b], keys[a]];
	}
}
