/**
 * Poisson probabilities for k-map's cell-size estimators. Computed in log space so that large
 * means (λ = k·sampling fraction up to k) do not underflow: ln P(X = x) = −λ + x·ln λ − ln x!.
 */

const logFactorials: number[] = [0];

/** ln(x!) by summing logarithms (x stays below k, so the table stays small). */
export function logFactorial(x: number): number {
	for (let i = logFactorials.length; i <= x; i++) logFactorials.push(logFactorials[i - 1] + Math.log(i));
	return logFactorials[x];
}

/** P(X = x) for X ~ Poisson(λ). */
export function poissonProbability(lambda: number, x: number): number {
	if (x < 0) return 0;
	if (x === 0) return Math.exp(-lambda);
	return Math.exp(-lambda + x * Math.log(lambda) - logFactorial(x));
}
