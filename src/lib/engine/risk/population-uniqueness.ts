/**
 * Population uniqueness: the estimated share of the population that is unique on the QIs, from the
 * class-size histogram of a sample and the population size. Follows ARX 3.9.2
 * (org.deidentifier.arx.risk.RiskModelPopulationUniqueness and its models):
 * - Pitman: Hoshino, "Applying Pitman's sampling formula to microdata disclosure risk assessment",
 *   J. Official Statistics 17(4), 2001 — maximum-likelihood fit of the Pitman (θ, α) parameters;
 * - Zayatz: "Estimation of the percent of unique population elements on a microdata file using the
 *   sample", US Census Bureau SRD Report 91/08, 1991 — hypergeometric conditional uniqueness;
 * - SNB: Chen & Keller-McNulty, "Estimation of identification disclosure risk in microdata",
 *   J. Official Statistics 14(1), 1998 — slide negative binomial, K from Haas & Stokes' Shlosser;
 * - Dankar et al., "Estimating the re-identification risk of clinical data sets", BMC Medical
 *   Informatics and Decision Making 12:66, 2012 — decision rule choosing among the three.
 * An estimate that does not exist (no convergence, NaN, or 0 uniques while the sample has uniques)
 * is reported as null, never as a number.
 */
import { classesOfSize, type ClassSizeHistogram } from './class-histogram';
import { solve2D } from './newton-raphson';
import { digamma, gamma, logGamma, trigamma } from './special-functions';

export type PopulationModel = { size: number } | { samplingFraction: number };
export type UniquenessModelName = 'pitman' | 'zayatz' | 'snb';

export interface PopulationUniqueness {
	/** Population size used (ARX: round(records / samplingFraction) when a fraction is given). */
	readonly populationSize: number;
	readonly samplingFraction: number;
	/** Share of the population estimated to be unique; null when the model gives no estimate. */
	readonly pitman: number | null;
	readonly zayatz: number | null;
	readonly snb: number | null;
	/** Dankar's rule: the model chosen and its value; model 'none' when the sample has no uniques. */
	readonly dankar: { model: UniquenessModelName | 'none'; value: number } | null;
}

const ACCURACY = 1e-6;

export function populationSizeOf(model: PopulationModel, records: number): number {
	if ('size' in model) return model.size;
	return Math.round(records / model.samplingFraction);
}

/** Number of population uniques after Hoshino's Pitman model, NaN when it cannot be fitted. */
export function pitmanUniques(histogram: ClassSizeHistogram, populationSize: number): number {
	const c1 = classesOfSize(histogram, 1);
	let c2 = classesOfSize(histogram, 2);
	const u = histogram.classes;
	const n = histogram.records;
	// ARX's initial guess (moment estimates); c2 = 0 is replaced by 1 (an overestimate).
	c2 = c2 !== 0 ? c2 : 1;
	const c = (c1 * (c1 - 1)) / c2;
	const t0 = (n * u * c - c1 * (n - 1) * (2 * u + c)) / (2 * c1 * u + c1 * c - n * c);
	const a0 = (t0 * (c1 - n) + (n - 1) * c1) / (n * u);
	const positiveTheta = (t: number) => t >= 0;
	let result = solve2D(pitmanClosed(histogram, u, n), t0, a0, { constraint: positiveTheta });
	if (Number.isNaN(result[0]) || Number.isNaN(result[1])) {
		result = solve2D(pitmanIterative(histogram, u, n), t0, a0, { constraint: positiveTheta });
	} else {
		// The closed forms can converge to a wrong root: ARX re-checks with the summation forms.
		const check = new Float64Array(6);
		pitmanIterative(histogram, u, n).evaluate(result[0], result[1], check);
		if (
			Number.isNaN(check[0]) ||
			Number.isNaN(check[1]) ||
			Math.abs(check[0]) > ACCURACY ||
			Math.abs(check[1]) > ACCURACY
		) {
			result = solve2D(pitmanIterative(histogram, u, n), t0, a0, { constraint: positiveTheta });
		}
	}
	const [t, a] = result;
	if (Number.isNaN(a) || Number.isNaN(t) || a === 0) return NaN;
	// E[uniques] = Γ(θ+1) / Γ(θ+α) · N^α, evaluated in logs and directly; ARX keeps the larger valid one.
	const inRange = (v: number) => (v >= 0 && v <= populationSize ? v : NaN);
	const viaLogs = inRange(Math.exp(logGamma(t + 1) - logGamma(t + a)) * Math.pow(populationSize, a));
	const direct = inRange((gamma(t + 1) / gamma(t + a)) * Math.pow(populationSize, a));
	if (Number.isNaN(viaLogs)) return direct;
	if (Number.isNaN(direct)) return viaLogs;
	return Math.max(viaLogs, direct);
}

/** Likelihood equations of Pitman's model with their Jacobian, closed forms in polygamma functions. */
function pitmanClosed(histogram: ClassSizeHistogram, u: number, n: number) {
	return {
		evaluate(t: number, a: number, out: Float64Array): void {
			const u1 = u - 1;
			const v1 = digamma(u1 + t / a + 1);
			const v2 = trigamma((a + t + a * u1) / a);
			const v3 = trigamma(t / a + 1);
			const v4 = digamma(t / a + 1);
			const a2 = a * a;
			const d1 = (v3 - v2) / a2;
			const d5 = (a * v1 + t * v2 - a * v4 - t * v3) / (a2 * a);
			const d3 = (a2 * u1 - t * t * v2 + t * t * v3 - 2 * a * t * v1 + 2 * a * t * v4) / (a2 * a2);
			const o1 = (v1 - v4) / a;
			const o3 = (-t * v1 + a * u1 + t * v4) / (a * a);
			const o2 = digamma(n + t) - digamma(t + 1);
			const d2 = trigamma(t + 1) - trigamma(n + t);
			let d4 = 0;
			let o4 = 0;
			const v6 = digamma(1 - a);
			const v7 = trigamma(1 - a);
			const { sizes, counts } = histogram;
			for (let i = 0; i < sizes.length; i++) {
				const size = sizes[i];
				if (size === 1) continue;
				d4 += counts[i] * (v7 - trigamma(size - a));
				o4 += counts[i] * (digamma(size - a) - v6);
			}
			out[0] = o1 - o2;
			out[1] = o3 - o4;
			out[2] = d2 - d1;
			out[3] = 0 - d5;
			out[4] = 0 - d5;
			out[5] = 0 - d3 - d4;
		}
	};
}

/** The same equations as explicit sums (slower, but valid where the closed forms break down). */
function pitmanIterative(histogram: ClassSizeHistogram, u: number, n: number) {
	return {
		evaluate(t: number, a: number, out: Float64Array): void {
			let d1 = 0;
			let d2 = 0;
			let d3 = 0;
			let d4 = 0;
			let d5 = 0;
			let o1 = 0;
			let o2 = 0;
			let o3 = 0;
			let o4 = 0;
			for (let i = 1; i < u; i++) {
				const v0 = t + i * a;
				const v1 = 1 / v0;
				const v3 = 1 / (v0 * v0);
				const v4 = i * v3;
				d1 += v3;
				d5 += v4;
				d3 += i * v4;
				o1 += v1;
				o3 += i * v1;
			}
			const { sizes, counts } = histogram;
			for (let c = 0; c < sizes.length; c++) {
				const size = sizes[c];
				if (size === 1) continue;
				let s1 = 0;
				let s2 = 0;
				for (let j = 1; j < size; j++) {
					const v = j - a;
					s1 += 1 / (v * v);
					s2 += 1 / v;
				}
				d4 += counts[c] * s1;
				o4 += counts[c] * s2;
			}
			for (let i = 1; i < n; i++) {
				const v0 = t + i;
				d2 += 1 / (v0 * v0);
				o2 += 1 / v0;
			}
			out[0] = o1 - o2;
			out[1] = o3 - o4;
			out[2] = d2 - d1;
			out[3] = 0 - d5;
			out[4] = 0 - d5;
			out[5] = 0 - d3 - d4;
		}
	};
}

/**
 * P(X = 1) for X ~ Hypergeometric(population N, successes m, draws n), as an exact product:
 * m·n/N · Π_{j=0}^{m−2} (N−n−j)/(N−1−j). Avoids differences of huge log-gamma values.
 */
export function hypergeometricOne(N: number, m: number, n: number): number {
	if (1 < Math.max(0, n + m - N) || 1 > Math.min(m, n)) return 0;
	let p = (m * n) / N;
	for (let j = 0; j <= m - 2 && p > 0; j++) p *= (N - n - j) / (N - 1 - j);
	return p;
}

/** Number of population uniques after Zayatz's model. */
export function zayatzUniques(histogram: ClassSizeHistogram, populationSize: number): number {
	const { sizes, counts, classes, records } = histogram;
	// ARX passes both sizes as Java ints to commons-math's HypergeometricDistribution.
	const N = Math.min(Math.trunc(populationSize), 2147483647);
	const n = Math.min(Math.trunc(records), 2147483647);
	const c1 = sizes.length > 0 && sizes[0] === 1 ? counts[0] : 0;
	let denominator = 0;
	for (let i = 0; i < sizes.length; i++)
		denominator += (counts[i] / classes) * hypergeometricOne(N, sizes[i], n);
	const uniqueness = ((c1 / classes) * hypergeometricOne(N, 1, n)) / denominator;
	return (c1 * uniqueness) / (records / populationSize);
}

/** Number of population uniques after the slide negative binomial model, NaN without convergence. */
export function snbUniques(histogram: ClassSizeHistogram, populationSize: number): number {
	const c1 = classesOfSize(histogram, 1);
	const c2 = classesOfSize(histogram, 2);
	const f = histogram.records / populationSize;
	const k = shlosserClasses(histogram, c1, f);
	const [a, b] = solve2D(snbEquations(k, f, c1, c2), 1, 1);
	return k * Math.pow(b, a);
}

/** Shlosser's estimate of the number of non-empty population classes, written as ARX computes it. */
function shlosserClasses(histogram: ClassSizeHistogram, c1: number, f: number): number {
	let v1 = 0;
	let v2 = 0;
	let v3 = 0;
	let v4 = 0;
	const f2 = f * f;
	const { sizes, counts } = histogram;
	for (let i = 0; i < sizes.length; i++) {
		const size = sizes[i];
		const count = counts[i];
		const w = Math.pow(1 - f, size) * count;
		v1 += size * f2 * Math.pow(1 - f2, size - 1) * count;
		// Sic: ARX subtracts 1 per histogram entry, not per class.
		v2 += w * Math.pow(1 + f, size) - 1;
		v3 += w;
		v4 += size * f * Math.pow(1 - f, size - 1) * count;
	}
	return histogram.classes + c1 * (v1 / v2) * (v3 / v4) * (v3 / v4);
}

function snbEquations(k: number, f: number, c1: number, c2: number) {
	return {
		evaluate(a: number, b: number, out: Float64Array): void {
			const q = (1 - f) * (1 - b);
			out[0] = k * f * Math.pow(b / (1 - q), a) * ((a * q) / (1 - q) + 1) - c1;
			out[1] =
				((k * a * Math.pow(b, a) * (f * f) * (1 - b)) / 2) * Math.pow(1 - q, a + 2) * (2 - (1 - a) * q) - c2;
			// Jacobian in ARX's (Matlab-derived) form, kept term by term so the iterates agree with ARX.
			const v0 = (b - 1) * (f - 1);
			const v1 = v0 - 1;
			const v2 = 1 - v0;
			const v3 = (a * v0) / v1 - 1;
			const v4 = Math.pow(-b / v1, a);
			const v6 = Math.pow(f, 2);
			const v7 = Math.pow(b, a);
			const v8 = v7 * v6 * k;
			const v9 = a * v8;
			const v10 = 2 * Math.pow(v2, a + 2);
			const v11 = Math.pow(v1, 2);
			const v13 = f * k;
			const v14 = f - 1;
			const v15 = a - 1;
			const v16 = b - 1;
			const v17 = v15 * v0;
			const v18 = v6 * k;
			const v19 = v17 + 2;
			const v20 = v18 * v19;
			out[2] = -v13 * Math.log(-b / v1) * v3 * v4 - (v13 * v4 * v0) / v1;
			out[3] =
				a * v13 * (1 / v1 - (b * v14) / v11) * v3 * Math.pow(-b / v1, v15) -
				v13 * v4 * ((a * v14) / v1 - (a * v16 * Math.pow(v14, 2)) / v11);
			out[4] =
				(v9 * Math.log(v2) * v19 * v16) / v10 -
				(v9 * Math.pow(v16, 2) * v14) / v10 -
				(v7 * v20 * v16) / v10 -
				(a * v7 * v18 * Math.log(b) * v19 * v16) / v10;
			out[5] =
				-(v9 * v19) / v10 -
				(Math.pow(a, 2) * Math.pow(b, v15) * v20 * v16) / v10 -
				(a * v7 * v18 * v17) / v10 -
				(a * v7 * v20 * (a + 2) * v0) / (2 * Math.pow(v2, a + 3));
		}
	};
}

const valid = (uniques: number) => !Number.isNaN(uniques) && uniques !== 0;

/** All population-uniqueness estimates for one histogram and one population model. */
export function populationUniqueness(
	histogram: ClassSizeHistogram,
	model: PopulationModel
): PopulationUniqueness {
	const populationSize = populationSizeOf(model, histogram.records);
	const samplingFraction = histogram.records / populationSize;
	if (histogram.records === 0 || classesOfSize(histogram, 1) === 0) {
		// No sample uniques: every model estimates no population uniques (ARX: DANKAR, 0).
		return {
			populationSize,
			samplingFraction,
			pitman: 0,
			zayatz: 0,
			snb: 0,
			dankar: { model: 'none', value: 0 }
		};
	}
	const share = (uniques: number) => (valid(uniques) ? uniques / populationSize : null);
	// Each model is fitted lazily, as in ARX: Pitman's fit dominates the cost.
	let pitman: number | undefined;
	let zayatz: number | undefined;
	let snb: number | undefined;
	const getPitman = () => (pitman ??= pitmanUniques(histogram, populationSize));
	const getZayatz = () => (zayatz ??= zayatzUniques(histogram, populationSize));
	const getSnb = () => (snb ??= snbUniques(histogram, populationSize));

	let dankar: { model: UniquenessModelName; uniques: number };
	if (samplingFraction <= 0.1) {
		dankar = valid(getPitman())
			? { model: 'pitman', uniques: getPitman() }
			: { model: 'zayatz', uniques: getZayatz() };
	} else if (valid(getSnb())) {
		dankar =
			getZayatz() < getSnb()
				? { model: 'zayatz', uniques: getZayatz() }
				: { model: 'snb', uniques: getSnb() };
	} else {
		dankar = { model: 'zayatz', uniques: getZayatz() };
	}
	const dankarShare = share(dankar.uniques);
	return {
		populationSize,
		samplingFraction,
		pitman: share(getPitman()),
		zayatz: share(getZayatz()),
		snb: share(getSnb()),
		dankar: dankarShare === null ? null : { model: dankar.model, value: dankarShare }
	};
}
