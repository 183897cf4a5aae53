/**
 * The configurations whose summary is only printed in ../shared/reference/sdcmicro/README.md (§3,
 * "Summary figures", computed with R sdcMicro 5.8.1), transcribed here with the digits the README
 * prints (10 significant digits; compared at 1e-9 relative, DIS at 1e-6).
 */
import { describe, expect, it } from 'vitest';
import { groupify } from '../../../../src/lib/engine/classes/groupify';
import { frequencies } from '../../../../src/lib/engine/risk/frequencies';
import {
	globalRisk,
	householdRisk,
	unweightedRisk,
	weightedRisk
} from '../../../../src/lib/engine/risk/individual-risk';
import { lDiversity } from '../../../../src/lib/engine/risk/l-diversity';
import { suda2 } from '../../../../src/lib/engine/risk/suda2';
import type { EncodedTable } from '../../../../src/lib/engine/table/encoded-table';
import { expectClose, hasShared, loadReferenceInput } from './reference';

interface Figures {
	input: string;
	keys: string[];
	weight?: string;
	household?: string;
	sensitive?: string;
	n: number;
	classes: number;
	uniques: number;
	fkBelow: [number, number, number];
	FkBelow?: [number, number, number];
	erUnweighted: number;
	globalPctUnweighted: number;
	erWeighted?: number;
	globalPctWeighted?: number;
	householdEr?: number;
	householdPct?: number;
	lDiversity?: { minDistinct: number; recordsDistinctBelow2: number };
	suda: { unique: number; max: number; sum: number; maxDis: number };
}

const TESTDATA_KEYS = ['urbrur', 'roof', 'walls', 'water', 'electcon', 'relat', 'sex'];
const ADULT = [
	'sex',
	'age',
	'race',
	'marital_status',
	'education',
	'native_country',
	'workclass',
	'occupation'
];

const figures: Record<string, Figures> = {
	testdata_k7: {
		input: 'testdata.csv',
		keys: TESTDATA_KEYS,
		weight: 'sampling_weight',
		household: 'ori_hid',
		sensitive: 'hhcivil',
		n: 4580,
		classes: 412,
		uniques: 157,
		fkBelow: [157, 281, 458],
		FkBelow: [0, 0, 0],
		erUnweighted: 412,
		globalPctUnweighted: 8.995633188,
		erWeighted: 10.77829892,
		globalPctWeighted: 0.2353340375,
		householdEr: 51.81292744,
		householdPct: 1.131286625,
		lDiversity: { minDistinct: 1, recordsDistinctBelow2: 2466 },
		suda: { unique: 157, max: 720, sum: 4890, maxDis: 0.6781425537 }
	},
	testdata2_k7: {
		input: 'testdata2.csv',
		keys: TESTDATA_KEYS,
		weight: 'sampling_weight',
		sensitive: 'hhcivil',
		n: 93,
		classes: 93,
		uniques: 93,
		fkBelow: [93, 93, 93],
		FkBelow: [0, 0, 0],
		erUnweighted: 93,
		globalPctUnweighted: 100,
		erWeighted: 4.326068963,
		globalPctWeighted: 4.651687057,
		lDiversity: { minDistinct: 1, recordsDistinctBelow2: 93 },
		suda: { unique: 93, max: 744, sum: 7321, maxDis: 1 }
	},
	free1_k5: {
		input: 'free1.csv',
		keys: ['REGION', 'SEX', 'AGE', 'MARSTAT', 'KINDPERS'],
		weight: 'WEIGHT',
		sensitive: 'EDUC1',
		n: 4000,
		classes: 3544,
		uniques: 3162,
		fkBelow: [3162, 3820, 3974],
		FkBelow: [0, 0, 0],
		erUnweighted: 3544,
		globalPctUnweighted: 88.6,
		erWeighted: 82.58457604,
		globalPctWeighted: 2.064614401,
		lDiversity: { minDistinct: 1, recordsDistinctBelow2: 3356 },
		suda: { unique: 3162, max: 26, sum: 18870, maxDis: 0.2896038867 }
	},
	adult_all9: {
		input: 'adult.csv',
		keys: [...ADULT, 'salary_class'],
		n: 30162,
		classes: 19502,
		uniques: 15512,
		fkBelow: [15512, 19708, 23470],
		erUnweighted: 19502,
		globalPctUnweighted: 64.65751608,
		suda: { unique: 15512, max: 40326, sum: 20402731, maxDis: 0.9416764409 }
	},
	adult_qi8: {
		input: 'adult.csv',
		keys: ADULT,
		sensitive: 'salary_class',
		n: 30162,
		classes: 18109,
		uniques: 14021,
		fkBelow: [14021, 18073, 21977],
		erUnweighted: 18109,
		globalPctUnweighted: 60.03912207,
		lDiversity: { minDistinct: 1, recordsDistinctBelow2: 23430 },
		suda: { unique: 14021, max: 5042, sum: 3087614, maxDis: 0.8917198874 }
	}
};

function codes(table: EncodedTable, name: string): Int32Array {
	const column = table.columns.find((c) => c.name === name);
	if (!column) throw new Error(`no column ${name}`);
	return column.codes;
}

describe.skipIf(!hasShared)('sdcMicro README summary figures', () => {
	for (const [name, f] of Object.entries(figures)) {
		it(name, () => {
			const table = loadReferenceInput(f.input);
			const n = table.rowCount;
			const keys = f.keys.map((k) => codes(table, k));
			expect(n).toBe(f.n);
			const weightColumn = f.weight ? table.columns.find((c) => c.name === f.weight) : undefined;
			const weights = weightColumn
				? Float64Array.from(weightColumn.codes, (c) => Number(weightColumn.values[c]))
				: undefined;
			const freq = frequencies({ keys, rowCount: n, weights });
			expect(freq.patterns).toBe(f.classes);
			expect(freq.fk.filter((v) => v === 1).length).toBe(f.uniques);
			expect([2, 3, 5].map((k) => freq.fk.filter((v) => v < k).length)).toEqual(f.fkBelow);
			if (f.FkBelow) expect([2, 3, 5].map((k) => freq.Fk.filter((v) => v < k).length)).toEqual(f.FkBelow);
			const unweighted = globalRisk(unweightedRisk(freq.fk));
			expectClose(unweighted.expectedReidentifications, f.erUnweighted, 1e-9, 'ER');
			expectClose(unweighted.globalRiskPercent, f.globalPctUnweighted, 1e-9, 'global %');
			if (f.erWeighted !== undefined) {
				const risk = weightedRisk(freq.fk, freq.Fk);
				const weighted = globalRisk(risk);
				expectClose(weighted.expectedReidentifications, f.erWeighted, 1e-9, 'ER weighted');
				expectClose(weighted.globalRiskPercent, f.globalPctWeighted!, 1e-9, 'global % weighted');
				if (f.household) {
					const h = householdRisk(risk, codes(table, f.household));
					expectClose(h.expectedReidentifications, f.householdEr!, 1e-9, 'household ER');
					expectClose(h.globalRiskPercent, f.householdPct!, 1e-9, 'household %');
				}
			}
			if (f.sensitive && f.lDiversity) {
				const classes = groupify(
					keys,
					f.keys.map((k) => table.columns.find((c) => c.name === k)!.values.length),
					n
				);
				const l = lDiversity({
					classOfRow: classes.classOfRow,
					classCount: classes.count,
					sensitive: codes(table, f.sensitive)
				});
				expect(l.minDistinct).toBe(f.lDiversity.minDistinct);
				const below2 = classes.classOfRow.filter((c) => l.distinct[c] < 2).length;
				expect(below2).toBe(f.lDiversity.recordsDistinctBelow2);
			}
			const s = suda2(keys, n, { disFraction: 0.01 });
			expect([s.uniqueRecords, s.maxScore, s.scoreSum]).toEqual([f.suda.unique, f.suda.max, f.suda.sum]);
			expectClose(s.maxDis, f.suda.maxDis, 1e-6, 'max DIS');
		});
	}
});
