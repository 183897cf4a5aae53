/**
 * Age band sets used in Japanese practice (DOMAIN.md §5.3, from the PPC 事務局レポート 事例編 and the
 * insurance age thresholds). Each set is a list of cut points: bands are [c_i, c_{i+1}), plus an open band
 * below the first cut (only when it is above 0) and an open, top-coded band from the last cut
 * ("90歳以上": PPC's own example top-codes 116歳 to 90歳以上, DOMAIN.md §1.2 measure 4).
 */

export type AgeBandSet = '5y' | '10y' | '20y' | 'ppc7' | 'ppc15' | 'jp_insurance' | 'pediatric';

export const AGE_BAND_SETS: readonly AgeBandSet[] = [
	'5y',
	'10y',
	'20y',
	'ppc7',
	'ppc15',
	'jp_insurance',
	'pediatric'
];

/** Default top code (DOMAIN.md §0.5, §5.3: 90+; 85+ and 100+ are offered as alternatives). */
export const DEFAULT_AGE_TOP = 90;

function widthCuts(width: number, top: number): number[] {
	const cuts: number[] = [];
	for (let c = 0; c < top; c += width) cuts.push(c);
	cuts.push(top);
	return cuts;
}

/**
 * Cut points of a band set. `top` applies to the regular sets (5y, 10y, 20y); the PPC and insurance sets
 * have fixed open ends by definition:
 * - ppc7 (事例編 ID-POS): <20, 20–29, …, 60–69, 70+
 * - ppc15 (事例編 仮名 case 2): <15, 15–19, …, 75–79, 80+
 * - jp_insurance: 0–5 (未就学), 6–14, 15–39, 40–64 (介護2号), 65–69, 70–74 (高齢受給者), 75+ (後期高齢者)
 * - pediatric, in whole years: 0 (乳児), 1–5, 6–11, 12–14, 15–17, 18+ (the <28-day 新生児 band needs ages in days)
 */
export function ageBandCuts(set: AgeBandSet, top: number = DEFAULT_AGE_TOP): number[] {
	switch (set) {
		case '5y':
			return widthCuts(5, top);
		case '10y':
			return widthCuts(10, top);
		case '20y':
			return widthCuts(20, top);
		case 'ppc7':
			return [20, 30, 40, 50, 60, 70];
		case 'ppc15':
			return [15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80];
		case 'jp_insurance':
			return [0, 6, 15, 40, 65, 70, 75];
		case 'pediatric':
			return [0, 1, 6, 12, 15, 18];
	}
}
