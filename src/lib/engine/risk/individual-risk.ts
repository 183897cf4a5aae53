/**
 * sdcMicro's individual risk (R/indivRisk.R, R/measure_risk.R, sdcMicro 5.8.1).
 *
 * Without weights r_i = 1/fk_i. With sampling weights the Benedetti–Franconi approximation of the
 * negative-binomial posterior is used (Benedetti & Franconi, "Statistical and technological
 * solutions for controlled data dissemination", NTTS 1998; Franconi & Polettini, "Individual risk
 * estimation in µ-Argus: a review", PSD 2004), with p = fk/Fk:
 *   fk = 1:  p/(1−p) · ln(1/p)
 *   fk = 2:  p/(1−p) − (p/(1−p))² · ln(1/p)
 *   fk ≥ 3:  p / (fk − (1−p))
 * and r = 1/fk wherever fk == Fk (every weight 1, where the formulas degenerate).
 */

/**
 * Σ values with Neumaier's compensated summation: R's sum() accumulates in long double, so a plain
 * double loop would drift from sdcMicro's figures (Σ 1/fk over adult is 19502 + 3e-10 otherwise).
 */
export function accurateSum(values: ArrayLike<number>): number {
	let sum = 0;
	let compensation = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		const t = sum + v;
		compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
		sum = t;
	}
	return sum + compensation;
}

export function unweightedRisk(fk: Float64Array): Float64Array {
	const risk = new Float64Array(fk.length);
	for (let i = 0; i < fk.length; i++) risk[i] = 1 / fk[i];
	return risk;
}

export function weightedRisk(fk: Float64Array, Fk: Float64Array): Float64Array {
	const risk = new Float64Array(fk.length);
	for (let i = 0; i < fk.length; i++) {
		const f = fk[i];
		if (f === Fk[i]) {
			risk[i] = 1 / f;
			continue;
		}
		const p = f / Fk[i];
		const odds = p / (1 - p);
		if (f === 1) risk[i] = odds * Math.log(1 / p);
		else if (f === 2) risk[i] = odds - odds * odds * Math.log(1 / p);
		else risk[i] = p / (f - (1 - p));
	}
	return risk;
}

export interface GlobalRisk {
	/** Expected number of re-identifications: Σ r_i. */
	readonly expectedReidentifications: number;
	/** ER / n. */
	readonly globalRisk: number;
	readonly globalRiskPercent: number;
	readonly maxRisk: number;
	/** Records with risk strictly above each threshold. */
	readonly recordsAbove: Record<string, number>;
}

export function globalRisk(risk: Float64Array, thresholds: readonly number[] = [0.5, 0.1]): GlobalRisk {
	const sum = accurateSum(risk);
	let max = 0;
	for (let i = 0; i < risk.length; i++) if (risk[i] > max) max = risk[i];
	const recordsAbove: Record<string, number> = {};
	for (const t of thresholds) {
		let above = 0;
		for (let i = 0; i < risk.length; i++) if (risk[i] > t) above++;
		recordsAbove[String(t)] = above;
	}
	const n = risk.length;
	return {
		expectedReidentifications: sum,
		globalRisk: n ? sum / n : 0,
		globalRiskPercent: n ? (100 * sum) / n : 0,
		maxRisk: max,
		recordsAbove
	};
}

export interface HouseholdRisk {
	/** Household risk of each record's household: 1 − Π_{i∈h}(1 − r_i). */
	readonly perRecord: Float64Array;
	/** Σ over records of their household's risk (sdcMicro's hier_risk_ER). */
	readonly expectedReidentifications: number;
	/** That sum / n (hier_risk). */
	readonly globalRisk: number;
	readonly globalRiskPercent: number;
	readonly households: number;
}

/** sdcMicro's hierarchical risk (measure_risk with hid, fast_hier = TRUE). */
export function householdRisk(risk: Float64Array, householdCodes: Int32Array): HouseholdRisk {
	let maxCode = -1;
	for (let i = 0; i < householdCodes.length; i++)
		if (householdCodes[i] > maxCode) maxCode = householdCodes[i];
	const survival = new Float64Array(maxCode + 1).fill(1);
	const seen = new Uint8Array(maxCode + 1);
	for (let i = 0; i < risk.length; i++) {
		survival[householdCodes[i]] *= 1 - risk[i];
		seen[householdCodes[i]] = 1;
	}
	const perRecord = new Float64Array(risk.length);
	for (let i = 0; i < risk.length; i++) perRecord[i] = 1 - survival[householdCodes[i]];
	const sum = accurateSum(perRecord);
	let households = 0;
	for (let h = 0; h <= maxCode; h++) households += seen[h];
	const n = risk.length;
	return {
		perRecord,
		expectedReidentifications: sum,
		globalRisk: n ? sum / n : 0,
		globalRiskPercent: n ? (100 * sum) / n : 0,
		households
	};
}
