/**
 * A binary min-heap of node indexes that breaks ties exactly like java.util.PriorityQueue (offer:
 * siftUp stops at a parent that is not greater; poll: the last element sifts down from the root,
 * preferring the left child unless the right one is smaller). ARX's Flash keeps its path starts in
 * such a queue, and with a comparator that ties often the order of equal nodes decides its result.
 */
export class JavaPriorityQueue {
	private heap: number[] = [];

	constructor(private readonly compare: (a: number, b: number) => number) {}

	get size(): number {
		return this.heap.length;
	}

	offer(x: number): void {
		const heap = this.heap;
		let k = heap.length;
		heap.push(x);
		while (k > 0) {
			const parent = (k - 1) >>> 1;
			const e = heap[parent];
			if (this.compare(x, e) >= 0) break;
			heap[k] = e;
			k = parent;
		}
		heap[k] = x;
	}

	poll(): number {
		const heap = this.heap;
		const result = heap[0];
		const x = heap.pop() as number;
		const n = heap.length;
		if (n > 0) {
			let k = 0;
			const half = n >>> 1;
			while (k < half) {
				let child = 2 * k + 1;
				let c = heap[child];
				const right = child + 1;
				if (right < n && this.compare(c, heap[right]) > 0) c = heap[(child = right)];
				if (this.compare(x, c) <= 0) break;
				heap[k] = c;
				k = child;
			}
			heap[k] = x;
		}
		return result;
	}
}
