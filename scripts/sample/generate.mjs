import { createRandom, weightedPicker } from './random.mjs';
import { AGE_BANDS, DIAGNOSES, GIVEN_NAMES, PREFECTURES, SURNAMES, femaleShare } from './tables.mjs';

export const HEADER = [
	'患者ID',
	'氏名',
	'氏名カナ',
	'性別',
	'生年月日',
	'郵便番号',
	'都道府県',
	'受診日',
	'ICD10',
	'医療機関コード',
	'HbA1c',
	'BMI',
	'薬効分類'
];

export const DEFAULT_SEED = 20240401;
const DAY = 86_400_000;
/** Visits fall in 2023年度 (FY2023: 2023-04-01 … 2024-03-31, 366 days). */
const VISIT_START = Date.UTC(2023, 3, 1);
const VISIT_DAYS = 366;

/** @param {number} ms */
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
/** @param {number} x @param {number} lo @param {number} hi */
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
/** @param {number} n @param {number} width */
const pad = (n, width) => String(n).padStart(width, '0');

/**
 * Facilities per prefecture (about one per 40 patients, at least 3), each with a 10-digit 医療機関コード:
 * 都道府県番号 (2) + 点数表番号 1 (医科) + 7 digits. Patients pick them with Zipf weights (1/rank), so a few
 * large hospitals see most patients, as in practice.
 * @param {ReturnType<typeof createRandom>} random
 * @param {number} patients
 */
function makeFacilities(random, patients) {
	const total = PREFECTURES.reduce((s, p) => s + /** @type {number} */ (p[2]), 0);
	/** @type {Map<string, (u: number) => string>} */
	const byPrefecture = new Map();
	for (const [code, , population] of PREFECTURES) {
		const share = /** @type {number} */ (population) / total;
		const count = Math.max(3, Math.round((share * patients) / 40));
		const codes = new Set();
		while (codes.size < count) codes.add(`${code}1${pad(random.int(10_000_000), 7)}`);
		const list = [...codes];
		byPrefecture.set(
			/** @type {string} */ (code),
			weightedPicker(
				list,
				list.map((_, k) => 1 / (k + 1))
			)
		);
	}
	return byPrefecture;
}

/**
 * Generates `count` synthetic patients (one row each) from `seed`. Everything is drawn from the seeded
 * generator in a fixed order, so the output depends on nothing else.
 * @param {number} count
 * @param {number} [seed]
 * @returns {string[][]}
 */
export function generatePatients(count, seed = DEFAULT_SEED) {
	const random = createRandom(seed);
	const pickBand = weightedPicker(
		AGE_BANDS,
		AGE_BANDS.map(([, , population, rate]) => population * rate)
	);
	const pickPrefecture = weightedPicker(
		PREFECTURES,
		PREFECTURES.map((p) => /** @type {number} */ (p[2]))
	);
	const pickSurname = weightedPicker(
		SURNAMES,
		SURNAMES.map((s) => /** @type {number} */ (s[2]))
	);
	const facilities = makeFacilities(random, count);
	/** @type {Record<string, (u: number) => (string | number)[]>[]} */
	const givenPickers = [];
	for (const sex of /** @type {const} */ (['male', 'female'])) {
		GIVEN_NAMES[sex].forEach((cohort, k) => {
			givenPickers[k] ??= {};
			givenPickers[k][sex] = weightedPicker(
				cohort.names,
				cohort.names.map((n) => /** @type {number} */ (n[2]))
			);
		});
	}
	/** One picker per age group × sex, over the diagnoses allowed for that sex. */
	const diagnosisPickers = [0, 1, 2, 3].map((group) =>
		Object.fromEntries(
			['M', 'F'].map((sex) => {
				const allowed = DIAGNOSES.filter((d) => d[2] === null || d[2] === sex);
				return [
					sex,
					weightedPicker(
						allowed,
						allowed.map((d) => /** @type {number[]} */ (d[1])[group])
					)
				];
			})
		)
	);

	const rows = [];
	for (let i = 0; i < count; i++) {
		const [from, to] = pickBand(random.next());
		const age = from + random.int(to - from + 1);
		const female = random.next() < femaleShare(age);
		const sex = female ? 'F' : 'M';

		const visit = VISIT_START + random.int(VISIT_DAYS) * DAY;
		const v = new Date(visit);
		// A birthday that makes the patient exactly `age` (満年齢) on the visit day.
		const earliest = Date.UTC(v.getUTCFullYear() - age - 1, v.getUTCMonth(), v.getUTCDate()) + DAY;
		const latest = Date.UTC(v.getUTCFullYear() - age, v.getUTCMonth(), v.getUTCDate());
		const birth = earliest + random.int((latest - earliest) / DAY + 1) * DAY;
		const birthYear = new Date(birth).getUTCFullYear();

		const [surname, surnameKana] = pickSurname(random.next());
		const cohort = GIVEN_NAMES.male.findIndex((c) => birthYear < c.until);
		const [given, givenKana] = givenPickers[cohort][female ? 'female' : 'male'](random.next());

		const [prefCode, prefName, , ranges] = pickPrefecture(random.next());
		const [lo, hi] = /** @type {number[][]} */ (ranges)[
			random.int(/** @type {number[][]} */ (ranges).length)
		];
		const postal = `${pad(lo + random.int(hi - lo + 1), 3)}-${pad(random.int(10_000), 4)}`;
		const facility = /** @type {(u: number) => string} */ (facilities.get(/** @type {string} */ (prefCode)))(
			random.next()
		);

		const group = age < 15 ? 0 : age < 40 ? 1 : age < 65 ? 2 : 3;
		const [icd, , , drugClass] = diagnosisPickers[group][sex](random.next());
		const prescribed = drugClass !== '' && random.next() < 0.85 ? drugClass : '';

		const diabetic = icd === 'E11.9';
		const metabolic = diabetic || icd === 'E78.5' || icd === 'I10';
		const hba1cMeasured = random.next() < (diabetic ? 0.98 : age < 15 ? 0.02 : 0.55);
		const hba1c = hba1cMeasured
			? (diabetic
					? clamp(7.3 + random.normal(), 5.8, 13.5)
					: clamp(5.5 + 0.008 * Math.max(0, age - 40) + 0.35 * random.normal(), 4.3, 6.4)
				).toFixed(1)
			: '';
		const bmiMeasured = random.next() < 0.85;
		const bmiMean = age < 18 ? 15 + 0.4 * age : 22.3 + (metabolic ? 2.2 : 0) - (age >= 75 ? 0.8 : 0);
		const bmi = bmiMeasured ? clamp(bmiMean + (age < 18 ? 2 : 3.2) * random.normal(), 12, 48).toFixed(1) : '';

		rows.push([
			`P${pad(i + 1, 7)}`,
			`${surname}\u3000${given}`,
			`${surnameKana}\u3000${givenKana}`,
			female ? '女' : '男',
			iso(birth),
			postal,
			/** @type {string} */ (prefName),
			iso(visit).replaceAll('-', '/'),
			/** @type {string} */ (icd),
			facility,
			hba1c,
			bmi,
			/** @type {string} */ (prescribed)
		]);
	}
	return rows;
}

/**
 * RFC 4180 CSV: quotes only fields that need it.
 * @param {string[]} header
 * @param {string[][]} rows
 * @param {string} lineBreak
 */
export function toCsv(header, rows, lineBreak) {
	/** @param {string} cell */
	const quote = (cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
	return [header, ...rows].map((row) => row.map(quote).join(',') + lineBreak).join('');
}
