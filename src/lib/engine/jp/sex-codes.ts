/**
 * Sex code crosswalk (DOMAIN.md §5.7): UKE 男女区分, DPC 様式1 and 特定健診 (OID 1.2.392.200119.6.1104)
 * use 1 = male, 2 = female; HL7 v2 PID-8 uses M/F/O/U; FHIR / JP Core male/female/other/unknown;
 * ISO 5218 0 = not known, 1 = male, 2 = female, 9 = not applicable (mapped to other, as DOMAIN does).
 * Japanese labels as written in exports (男/女, 男性/女性) are accepted too.
 */

export type Sex = 'male' | 'female' | 'other' | 'unknown';

const CODES: Record<string, Sex> = {
	'1': 'male',
	'2': 'female',
	'9': 'other',
	'0': 'unknown',
	m: 'male',
	f: 'female',
	o: 'other',
	u: 'unknown',
	male: 'male',
	female: 'female',
	other: 'other',
	unknown: 'unknown',
	男: 'male',
	女: 'female',
	男性: 'male',
	女性: 'female',
	その他: 'other',
	不明: 'unknown'
};

/** The internal sex of a code in any of the schemes above, or undefined. */
export function parseSex(text: string): Sex | undefined {
	const key = text.normalize('NFKC').trim().toLowerCase();
	return Object.hasOwn(CODES, key) ? CODES[key] : undefined;
}

export const SEX_LABELS: Readonly<Record<'ja' | 'en', Record<Sex, string>>> = {
	ja: { male: '男性', female: '女性', other: 'その他', unknown: '不明' },
	en: { male: 'male', female: 'female', other: 'other', unknown: 'unknown' }
};
