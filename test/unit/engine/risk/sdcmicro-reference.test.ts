/**
 * Every configuration of ../shared/reference/sdcmicro/summary.json (and its per-record file), as
 * computed by R sdcMicro 5.8.1: fk/Fk, individual, global and household risk, k-anonymity
 * violations, l-diversity and SUDA2. Tolerance 1e-9 relative; DIS 1e-6 (sdcMicro uses float32).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { frequencies } from '../../../../src/lib/engine/risk/frequencies';
import {
	globalRisk,
	householdRisk,
	unweightedRisk,
	weightedRisk
} from '../../../../src/lib/engine/risk/individual-risk';
import { lDiversity } from '../../../../src/lib/engine/risk/l-diversity';
import { suda2 } from '../../../../src/lib/engine/risk/suda2';
import { groupify } from '../../../../src/lib/engine/classes/groupify';
import type { EncodedColumn, EncodedTable } from '../../../../src/lib/engine/table/encoded-table';
import {
	expectAllClose,
	expectClose,
	hasShared,
	loadReferenceInput,
	readCsvColumns,
	sdcReference
} from './reference';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const summary: Record<string, Json> = hasShared
	? JSON.parse(readFileSync(path.join(sdcReference, 'summary.json'), 'utf8'))
	: {};
const configs = Object.values(summary).filter((c) => c.config);

const MISSING = new Set(['NA', '']);

function column(table: EncodedTable, name: string): EncodedColumn {
	const c = table.columns.find((col) => col.name === name);
	if (!c) throw new Error(`no column ${name}`);
	return c;
}

function missingFlags(c: EncodedColumn): Uint8Array {
	return Uint8Array.from(c.values, (v) => (MISSING.has(v) ? 1 : 0));
}

function weightsOf(table: EncodedTable, name: string): Float64Array {
	const c = column(table, name);
	return Float64Array.from(c.codes, (code) => Number(c.values[code]));
}

/** table(x) over records as sdcMicro prints it: value → number of records. */
function tableOf(values: ArrayLike<number>): Record<string, number> {
	const result: Record<string, number> = {};
	for (let i = 0; i < values.length; i++) result[String(values[i])] = (result[String(values[i])] ?? 0) + 1;
	return result;
}

describe.skipIf(!hasShared)('sdcMicro reference figures', () => {
	for (const cfg of configs) {
		describe(cfg.config, () => {
			const table = loadReferenceInput(cfg.input);
			const keyColumns = (cfg.keyVars as string[]).map((k) => column(table, k));
			const keys = keyColumns.map((c) => c.codes);
			const missing = keyColumns.map(missingFlags);
			const weights = cfg.weightVar ? weightsOf(table, cfg.weightVar) : undefined;
			const n = table.rowCount;
			const unweighted = frequencies({ keys, rowCount: n, missing });
			const weighted = weights ? frequencies({ keys, rowCount: n, missing, weights }) : undefined;
			const recordsFile = path.join(sdcReference, cfg.records_file ?? `records/${cfg.config}.csv`);
			const records = existsSync(recordsFile) ? readCsvColumns(recordsFile) : undefined;

			it('counts records, classes, sample uniques and k-anonymity violations', () => {
				expect(n).toBe(cfg.n_records);
				if (cfg.n_equivalence_classes !== null) expect(unweighted.patterns).toBe(cfg.n_equivalence_classes);
				const fk = unweighted.fk;
				expect(fk.filter((f) => f === 1).length).toBe(cfg.sample_uniques_fk1);
				expect(fk.filter((f) => f === 2).length).toBe(cfg.records_fk2);
				for (const [k, count] of Object.entries(cfg.violations_fk_lt_k as Record<string, number>)) {
					expect(fk.filter((f) => f < Number(k.slice(1))).length, k).toBe(count);
				}
				if (weighted && cfg.violations_Fk_lt_k_weighted) {
					for (const [k, count] of Object.entries(
						cfg.violations_Fk_lt_k_weighted as Record<string, number>
					)) {
						expect(weighted.Fk.filter((f) => f < Number(k.slice(1))).length, k).toBe(count);
					}
				}
				expect(tableOf(fk)).toEqual(cfg.fk_table_over_records);
			});

			const checkGlobal = (risk: Float64Array, expected: Json) => {
				const g = globalRisk(risk, [0.5, 0.1]);
				expectClose(g.expectedReidentifications, expected.global_risk_ER, 1e-9, 'ER');
				expectClose(g.globalRisk, expected.global_risk, 1e-9, 'global risk');
				expectClose(g.globalRiskPercent, expected.global_risk_pct, 1e-9, 'global risk %');
				expectClose(g.maxRisk, expected.max_indiv_risk, 1e-9, 'max risk');
				expect(g.recordsAbove['0.5']).toBe(expected['records_risk_gt_0.5']);
				expect(g.recordsAbove['0.1']).toBe(expected['records_risk_gt_0.1']);
			};

			it('computes the unweighted individual and global risk', () => {
				checkGlobal(unweightedRisk(unweighted.fk), cfg.risk_unweighted);
			});

			it.skipIf(!cfg.risk_weighted)('computes the weighted (Benedetti–Franconi) risk', () => {
				checkGlobal(weightedRisk(weighted!.fk, weighted!.Fk), cfg.risk_weighted);
				expectClose(
					weighted!.Fk.reduce((a, b) => a + b, 0),
					cfg.risk_weighted.sum_Fk_over_records,
					1e-9,
					'Σ Fk'
				);
			});

			it.skipIf(!cfg.hier_risk)('computes the household risk', () => {
				const h = householdRisk(weightedRisk(weighted!.fk, weighted!.Fk), column(table, cfg.hhId).codes);
				for (const [name, value] of Object.entries(cfg.hier_risk as Record<string, unknown>)) {
					if (typeof value !== 'number') continue;
					if (/pct$/.test(name)) expectClose(h.globalRiskPercent, value, 1e-9, name);
					else if (/ER$/.test(name)) expectClose(h.expectedReidentifications, value, 1e-9, name);
					else if (/risk$/.test(name)) expectClose(h.globalRisk, value, 1e-9, name);
				}
			});

			const classes = groupify(
				keys,
				keyColumns.map((c) => c.values.length),
				n
			);
			const lDiversityOf = (sensitive: string) => {
				const s = column(table, sensitive);
				const l = lDiversity({
					classOfRow: classes.classOfRow,
					classCount: classes.count,
					sensitive: s.codes,
					missing: Uint8Array.from(s.values, (v) => (v === '-999' ? 1 : 0)),
					c: 2
				});
				const perRecord = (values: Float64Array) => Float64Array.from(classes.classOfRow, (c) => values[c]);
				return {
					l,
					distinct: perRecord(l.distinct),
					entropy: perRecord(l.entropy),
					recursive: perRecord(l.recursive)
				};
			};

			it.skipIf(!cfg.ldiversity)('computes l-diversity (distinct, entropy, recursive c = 2)', () => {
				const expected = cfg.ldiversity;
				const { l, distinct, entropy, recursive } = lDiversityOf(expected.sensitive);
				expect(l.minDistinct).toBe(expected.min_distinct);
				expectClose(l.minEntropy, expected.min_entropy, 1e-9, 'min entropy');
				expect(l.minRecursive).toBe(expected.min_recursive);
				expect(distinct.filter((d) => d < 2).length).toBe(expected.records_distinct_lt2);
				expect(distinct.filter((d) => d < 3).length).toBe(expected.records_distinct_lt3);
				expect(entropy.filter((d) => d < 2).length).toBe(expected.records_entropy_lt2);
				expect(recursive.filter((d) => d < 2).length).toBe(expected.records_recursive_lt2);
				expectClose(
					distinct.reduce((a, b) => a + b, 0) / n,
					expected.mean_distinct_over_records,
					1e-9,
					'mean distinct'
				);
				expect(tableOf(distinct)).toEqual(expected.distinct_table_over_records);
				if (expected.multi) {
					for (const s of expected.multi.sensitive as string[]) {
						const m = lDiversityOf(s).l;
						const mins = expected.multi.min_per_column;
						expect(m.minDistinct).toBe(mins[`${s}_Distinct_Ldiversity`]);
						expectClose(m.minEntropy, mins[`${s}_Entropy_Ldiversity`], 1e-9, `${s} entropy`);
						expect(m.minRecursive).toBe(mins[`${s}_Recursive_Ldiversity`]);
					}
				}
			});

			const sudaOf = () =>
				suda2(
					(cfg.suda2.variables as string[]).map((v) => column(table, v).codes),
					n,
					{ disFraction: cfg.suda2.DisFraction }
				);

			it.skipIf(!cfg.suda2)('computes SUDA2 scores, DIS scores and contributions', () => {
				const expected = cfg.suda2;
				const s = sudaOf();
				expect(s.uniqueRecords).toBe(expected.records_score_gt0);
				expect(s.maxScore).toBe(expected.max_score);
				expect(s.scoreSum).toBe(expected.sum_score);
				expectClose(s.scoreSum / n, expected.mean_score, 1e-9, 'mean score');
				expectClose(s.maxDis, expected.max_dis_score, 1e-6, 'max DIS');
				expectClose(
					s.disScores.reduce((a, b) => a + b, 0),
					expected.sum_dis_score,
					1e-6,
					'Σ DIS'
				);
				expect(tableOf(s.scores)).toEqual(expected.score_table);
				(expected.variables as string[]).forEach((v, i) =>
					expectClose(
						s.attributeContributions[i],
						expected.attribute_contributions_pct[v],
						1e-9,
						`contribution of ${v}`
					)
				);
				// print.suda2's intervals: (-1, eps], (eps, 0.1+eps], ... , (0.7+eps, Inf)
				const eps = 2.220446049250313e-16;
				const bounds = [-1, ...Array.from({ length: 8 }, (_, i) => i / 10 + eps), Infinity];
				const labels = Object.keys(expected.dis_score_intervals);
				const counts = new Array(labels.length).fill(0);
				for (const d of s.disScores) {
					for (let b = 0; b + 1 < bounds.length; b++) {
						if (d > bounds[b] && d <= bounds[b + 1]) counts[b]++;
					}
				}
				expect(Object.fromEntries(labels.map((l, i) => [l, counts[i]]))).toEqual(
					expected.dis_score_intervals
				);
			});

			it.skipIf(!records)('matches the per-record file', () => {
				const r = records!;
				expectAllClose(unweighted.fk, r.fk, 1e-9, 'fk');
				expectAllClose(unweightedRisk(unweighted.fk), r.risk_unweighted, 1e-9, 'risk_unweighted');
				if (r.Fk) expectAllClose(weighted!.Fk, r.Fk, 1e-9, 'Fk');
				if (r.risk_weighted)
					expectAllClose(weightedRisk(weighted!.fk, weighted!.Fk), r.risk_weighted, 1e-9, 'risk_weighted');
				if (r['fk_alpha0.5']) {
					const half = frequencies({ keys, rowCount: n, missing, weights, alpha: 0.5 });
					expectAllClose(half.fk, r['fk_alpha0.5'], 1e-9, 'fk alpha 0.5');
					expectAllClose(half.Fk, r['Fk_alpha0.5'], 1e-9, 'Fk alpha 0.5');
				}
				for (const name of Object.keys(r)) {
					const single = /^ldiv_(.+)_(distinct|entropy|recursive_c2)$/.exec(name);
					const multi = /^ldivmulti_(.+)_(Distinct|Entropy|Recursive)_Ldiversity$/.exec(name);
					const match = single ?? multi;
					if (!match) continue;
					const l = lDiversityOf(match[1]);
					const kind = match[2].toLowerCase().replace('_c2', '') as 'distinct' | 'entropy' | 'recursive';
					expectAllClose(l[kind], r[name], 1e-9, name);
				}
				if (r.suda_score) {
					const s = sudaOf();
					expectAllClose(s.scores, r.suda_score, 1e-9, 'suda_score');
					expectAllClose(s.disScores, r.dis_suda_score, 1e-6, 'dis_suda_score');
					(cfg.suda2.variables as string[]).forEach((v, i) =>
						expectAllClose(s.contributions[i], r[`suda_contrib_${v}`], 1e-9, `suda_contrib_${v}`)
					);
				}
			});
		});
	}
});
