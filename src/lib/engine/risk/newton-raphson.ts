/**
 * Two-dimensional Newton–Raphson solver with ARX's restart strategy (de.linearbits.newtonraphson 0.0.1
 * as configured by ARXSolverConfiguration): start from the model's own guess, then restart from 16
 * prepared start values {0, 0.33, 0.66, 0.99}² when a try diverges (NaN), leaves the constraint or
 * exceeds 1000 iterations. A solution is accepted when both equations are within `accuracy` (1e-6).
 *
 * Following the same path as ARX matters: the estimators below are evaluated at the solver's
 * solution, so a different but equally "converged" point would change the estimate in its 7th digit.
 * ARX additionally stops after 100 ms per try / 1 s in total; we count iterations only, which makes
 * the result deterministic.
 */

export interface Equations {
	/** Writes the values f(x, y) and the Jacobian [[dfx/dx, dfx/dy], [dfy/dx, dfy/dy]] for the point. */
	evaluate(x: number, y: number, out: Float64Array): void;
}

export interface SolverOptions {
	accuracy?: number;
	iterationsPerTry?: number;
	/** Points must satisfy this; a step leaving it ends the try. */
	constraint?: (x: number, y: number) => boolean;
}

/** ARXSolverConfiguration.getDefaultStartValues(): d += 0.33 from 0 while d < 1, accumulated in doubles. */
function defaultStartValues(): [number, number][] {
	const values: [number, number][] = [];
	for (let d1 = 0; d1 < 1; d1 += 0.33) {
		for (let d2 = 0; d2 < 1; d2 += 0.33) values.push([d1, d2]);
	}
	return values;
}

const START_VALUES = defaultStartValues();

/** Returns the solution [x, y], or [NaN, NaN] when no try converged. */
export function solve2D(
	equations: Equations,
	startX: number,
	startY: number,
	options: SolverOptions = {}
): [number, number] {
	const accuracy = options.accuracy ?? 1e-6;
	const perTry = options.iterationsPerTry ?? 1000;
	const totalLimit = (START_VALUES.length + 1) * perTry;
	const out = new Float64Array(6);
	let total = 0;
	let nextStart = 0;
	let first = true;
	while (total <= totalLimit) {
		let x: number;
		let y: number;
		if (first) {
			x = startX;
			y = startY;
			first = false;
		} else {
			[x, y] = START_VALUES[nextStart++];
		}
		let iterations = 0;
		for (;;) {
			total++;
			equations.evaluate(x, y, out);
			const fx = out[0];
			const fy = out[1];
			if (Math.abs(fx) <= accuracy && Math.abs(fy) <= accuracy) return [x, y];
			// Invert the Jacobian (as SquareMatrix2D.inverse) and take the Newton step.
			const invDet = 1 / (out[2] * out[5] - out[3] * out[4]);
			const a = out[5] * invDet;
			const b = -out[3] * invDet;
			const c = -out[4] * invDet;
			const d = out[2] * invDet;
			x -= a * fx + b * fy;
			y -= c * fx + d * fy;
			// As the ARX library: once the last prepared start value is in use, one step is all it gets.
			if (nextStart === START_VALUES.length) return [NaN, NaN];
			if (options.constraint && !options.constraint(x, y)) break;
			if (Number.isNaN(x) || Number.isNaN(y) || iterations++ >= perTry) break;
		}
	}
	return [NaN, NaN];
}
