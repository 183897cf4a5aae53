import { describe, expect, it } from 'vitest';
import { JavaPriorityQueue } from '../../../../src/lib/engine/search/java-priority-queue';

describe('JavaPriorityQueue', () => {
	it('polls ties in the order java.util.PriorityQueue does', () => {
		// Measured with OpenJDK 17.0.15: new PriorityQueue<Integer>(5, (x, y) -> Integer.compare(x / 3, y / 3)),
		// offer for each op ≥ 0, poll for each −1 (while not empty), printing the polled values.
		const ops = [
			7, 3, 5, 4, 8, 1, 2, -1, 6, 0, 11, 9, -1, -1, 10, 12, 13, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1
		];
		const javaOrder = [1, 2, 0, 4, 3, 5, 7, 8, 6, 9, 10, 11, 12, 13];
		const queue = new JavaPriorityQueue((x, y) => Math.sign(Math.floor(x / 3) - Math.floor(y / 3)));
		const polled: number[] = [];
		for (const op of ops) {
			if (op >= 0) queue.offer(op);
			else if (queue.size > 0) polled.push(queue.poll());
		}
		expect(polled).toEqual(javaOrder);
		expect(queue.size).toBe(0);
	});
});
