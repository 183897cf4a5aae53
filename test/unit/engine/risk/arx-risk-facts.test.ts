/**
 * ARX's risk figures for raw adult (all 9 attributes as QIs): the assertions of ARX's TestRiskMetrics
 * and the risk analysis with ARX's USA population model, from ../shared/reference/arx/cases.json
 * (`risk_facts`). ARX's own test compares Dankar's rule to 4 decimals; we hold it to 1e-9 relative.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupify } from '../../../../src/lib/engine/classes/groupify';
import { classSizeBuckets, classSizeHistogram } from '../../../../src/lib/engine/risk/class-histogram';
import { populationUniqueness } from '../../../../src/lib/engine/risk/population-uniqueness';
import { prosecutorRisk } from '../../../../src/lib/engine/risk/sample-risk';
import { attributeRisks } from '../../../../src/lib/engine/risk/attribute-risk';
import { expectClose, loadReferenceInput, shared } from './reference';

const casesFile = path.join(shared, 'reference/arx/cases.json');
const present = existsSync(casesFile);
if (!present) console.warn(`ARX risk facts skipped: ${casesFile} is absent`);

type Fact = { what: string; expected: number; model_chosen?: string; model_chosen_here?: string };

describe.skipIf(!present)('ARX risk facts (raw adult, 9 QIs)', () => {
	const facts = present ? JSON.parse(readFileSync(casesFile, 'utf8')).risk_facts : undefined;
	const table = loadReferenceInput('adult.csv');
	const classes = groupify(
		table.columns.map((c) => c.codes),
		table.columns.map((c) => c.values.length),
		table.rowCount
	);
	const histogram = classSizeHistogram(classes.sizes, classes.count);
	const find = (pattern: RegExp): Fact => facts.facts.find((f: Fact) => pattern.test(f.what));

	it('average and highest prosecutor risk of the raw data', () => {
		const risk = prosecutorRisk(histogram);
		expect(risk.average).toBe(find(/^average prosecutor .* raw data/).expected);
		expect(risk.highest).toBe(find(/^highest prosecutor risk of the raw data/).expected);
	});

	for (const fraction of [0.1, 0.2, 0.01, 1]) {
		it(`Dankar's decision rule at sampling fraction ${fraction}`, () => {
			const fact = facts.facts.find(
				(f: Fact) =>
					/Dankar/.test(f.what) && new RegExp(`fraction ${fraction}( |$)`).test(f.what.replace('1.0', '1'))
			) as Fact;
			const result = populationUniqueness(histogram, { samplingFraction: fraction });
			expect(result.dankar).not.toBeNull();
			expectClose(result.dankar!.value, fact.expected, 1e-9, `Dankar at ${fraction}`);
			const model = fact.model_chosen ?? fact.model_chosen_here;
			if (model) expect(result.dankar!.model).toBe(model.toLowerCase());
		});
	}

	it("reproduces ARX's risk analysis with the USA population", () => {
		const usa = facts.measured_here_usa_population;
		const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
		const risk = prosecutorRisk(histogram, [0.5, 0.2, 0.1]);
		expect(round(risk.lowest, 6)).toBe(usa.prosecutor.lowest);
		expect(risk.highest).toBe(usa.prosecutor.highest);
		expect(round(risk.average, 6)).toBe(usa.prosecutor.average);
		expect(round(risk.recordsAffectedByHighestRisk, 4)).toBe(usa.sample_uniques_share);
		for (const [t, share] of Object.entries(usa.records_at_risk_share as Record<string, number>)) {
			expect(round(risk.recordsAtRisk[t], 4), t).toBe(share);
		}
		expect(classSizeBuckets(histogram)).toEqual(usa.class_size_counts);
		const pu = populationUniqueness(histogram, { size: usa.population });
		const expected = usa.population_uniqueness_share;
		expect(round(pu.pitman!, 4)).toBe(expected.pitman);
		expect(round(pu.zayatz!, 4)).toBe(expected.zayatz);
		expect(pu.snb).toBe(expected.snb);
		expect(pu.dankar!.model).toBe(expected.dankar.model);
		expect(round(pu.dankar!.value, 4)).toBe(expected.dankar.value);
	});

	it('attribute analysis: the full QI set has distinction = average prosecutor risk', () => {
		const keys = table.columns.map((c) => c.codes);
		const all = attributeRisks(keys, table.rowCount, keys.length).find((a) => a.attributes.length === 9)!;
		expect(all.distinction).toBe(facts.facts[0].expected);
		expectClose(all.uniqueShare, 15512 / 30162, 1e-15, 'unique share');
	});
});
