/**
 * The rules behind the column-role proposals (identifiers.ts), in priority order: identifiers first
 * (個人識別符号, names, contact data, linking codes, free text), then quasi-identifiers, then sensitive
 * data. Each rule has column-name keywords (DOMAIN.md §3.6 inventory, Japanese and English) and, where
 * the values themselves are telling, a value test (identifier-values.ts).
 */
import type { AttributeRole } from '../config/project-config';
import type { HierarchyBuilderSpec } from '../hierarchy/builders';
import type { Keywords } from './identifier-keywords';
import * as V from './identifier-values';

/** Keyword lists are written `a|b|c` to keep the table compact. */
const list = (words: string): string[] => words.split('|');

/** The attribute roles of the project file. */
export type ColumnRole = AttributeRole;

export type RoleReason =
	| 'my-number'
	| 'insurance-card-number'
	| 'insurer-number'
	| 'public-expense-recipient'
	| 'person-name'
	| 'kana-name'
	| 'phone'
	| 'email'
	| 'url'
	| 'ip-address'
	| 'doctor'
	| 'patient-id'
	| 'unique-code'
	| 'free-text'
	| 'birth-date'
	| 'death-date'
	| 'age'
	| 'sex'
	| 'postal-code'
	| 'prefecture'
	| 'address'
	| 'event-date'
	| 'date'
	| 'facility'
	| 'special-notes'
	| 'public-expense-payer'
	| 'diagnosis'
	| 'drug'
	| 'procedure'
	| 'lab-value'
	| 'outcome'
	| 'no-evidence';

export interface ValueTest {
	/** Values matching with this rate or more are strong evidence (score 2). */
	strong?: (v: string) => boolean;
	/** Weak evidence (score 1), e.g. digits that could also be another code. */
	weak?: (v: string) => boolean;
	/** Minimum share of matching values (default 0.8). */
	rate?: number;
	/** Score of strong value evidence when it is decisive on its own (default 2). */
	strongScore?: number;
	/** Values only confirm a name match (a date is not a birth date unless the header says so). */
	onlyWithName?: boolean;
}

export interface Rule {
	reason: RoleReason;
	role: ColumnRole;
	text: string;
	keywords?: Keywords;
	values?: ValueTest;
	pic?: boolean;
	hierarchy?: HierarchyBuilderSpec | ((sample: readonly string[]) => HierarchyBuilderSpec | undefined);
}

export const allMatch = (sample: readonly string[], test: (v: string) => boolean) =>
	sample.filter(test).length / sample.length;

/** YJ codes → 4, 3, 2, 1 digits; a column of n-digit 薬効分類 codes → n−1 … 1 digits. */
function drugHierarchy(sample: readonly string[]): HierarchyBuilderSpec | undefined {
	if (sample.length === 0) return undefined;
	if (allMatch(sample, V.isYjCode) >= 0.8) return { builder: 'prefix', preset: 'drug' };
	if (allMatch(sample, V.isDrugClassCode) < 0.8) return undefined;
	const longest = sample.filter(V.isDrugClassCode).reduce((most, v) => Math.max(most, v.length), 0);
	if (longest < 2) return undefined;
	return {
		builder: 'prefix',
		preset: 'drug',
		digits: Array.from({ length: longest - 1 }, (_, i) => longest - 1 - i)
	};
}

export const RULES: Rule[] = [
	{
		reason: 'my-number',
		role: 'identifying',
		pic: true,
		text: 'マイナンバー (individual number) is a 個人識別符号: delete it',
		keywords: { ja: list('マイナンバー|個人番号'), en: list('my number|mynumber|individual number') },
		values: { strong: V.isMyNumber, rate: 0.9, strongScore: 3 }
	},
	{
		reason: 'insurance-card-number',
		role: 'identifying',
		pic: true,
		text: '被保険者証 記号・番号 (insurance card symbol/number) is a 個人識別符号: delete it',
		keywords: {
			ja: list('被保険者番号|被保険者証|被保険者記号|記号番号|記号・番号|証記号|保険証|枝番'),
			en: list('member id|member number|subscriber id|policy number|beneficiary number')
		}
	},
	{
		reason: 'insurer-number',
		role: 'identifying',
		pic: true,
		text: '保険者番号 (insurer number) belongs to the insurance 個人識別符号 and reveals prefecture or municipality: delete it',
		keywords: {
			ja: list('保険者番号|保険者コード'),
			en: list('insurer number|insurer id|insurer code|payer id')
		},
		values: { weak: V.isInsurerNumber, rate: 0.9 }
	},
	{
		reason: 'public-expense-recipient',
		role: 'identifying',
		pic: true,
		text: '公費受給者番号 (public-expense recipient number) identifies the patient: delete it',
		keywords: { ja: list('受給者番号|受給者証'), en: list('recipient number') }
	},
	{
		reason: 'public-expense-payer',
		role: 'sensitive',
		text: '公費負担者番号: its 法別番号 reveals programs such as 生活保護 or 難病; keep 2 digits at most',
		keywords: { ja: list('公費負担者|負担者番号|法別番号|公費'), en: list('public expense') }
	},
	{
		reason: 'doctor',
		role: 'identifying',
		text: "Doctor's name or ID (医師名 / 医籍番号): delete it",
		keywords: {
			ja: list('医師|担当医|主治医|医籍|処方医|ドクター'),
			en: list('doctor|physician|practitioner')
		}
	},
	{
		reason: 'kana-name',
		role: 'identifying',
		text: 'Names in kana (カナ氏名) identify a person: delete them',
		keywords: {
			ja: list('カナ|かな|フリガナ|ふりがな|ヨミ|読み'),
			en: list('kana|furigana|phonetic name')
		},
		values: { strong: V.isKanaName }
	},
	{
		reason: 'person-name',
		role: 'identifying',
		text: "A person's name (氏名) identifies them: delete it",
		keywords: {
			ja: list('氏名|名前|患者名|姓名|受診者名|お名前|名字|苗字'),
			en: list('name|first name|last name|surname|given name|family name|full name'),
			enExclude: list(
				'drug|disease|diagnosis|hospital|facility|file|product|item|test|lab|clinic|medicine|medication|insurer|company|department|dept|ward|procedure|user|host|domain|brand|generic|code|column|field|device|city|street'
			)
		},
		values: { strong: (v) => V.isKanjiName(v) || V.isLatinName(v) }
	},
	{
		reason: 'phone',
		role: 'identifying',
		text: 'Telephone or fax numbers identify a person: delete them',
		keywords: {
			ja: list('電話|携帯|ファックス|ファクス|連絡先'),
			en: list('phone|telephone|tel|fax|mobile|cell phone')
		},
		values: { strong: V.isFormattedPhone, weak: V.isBarePhone }
	},
	{
		reason: 'email',
		role: 'identifying',
		text: 'E-mail addresses identify a person: delete them',
		keywords: { ja: list('メール|メアド'), en: list('email|e-mail|mail|mail address') },
		values: { strong: V.isEmail }
	},
	{
		reason: 'url',
		role: 'identifying',
		text: 'URLs can point to a person: delete them (HIPAA identifier 14)',
		keywords: { ja: list('ホームページ'), en: list('url|website|homepage|web page') },
		values: { strong: V.isUrl }
	},
	{
		reason: 'ip-address',
		role: 'identifying',
		text: 'IP addresses can identify a person: delete them (HIPAA identifier 15)',
		keywords: { ja: list('ipアドレス'), en: list('ip|ip address|ipaddress') },
		values: { strong: V.isIpAddress }
	},
	{
		reason: 'patient-id',
		role: 'identifying',
		text: 'Patient or record IDs are linking codes: replace them with random per-release IDs',
		keywords: {
			ja: list(
				'患者id|患者番号|患者コード|カルテ番号|カルテno|診察券|受診券|データ識別番号|識別番号|検索番号|レセプト番号|会員番号|会員id|利用者id|個人id|整理番号|受付番号|登録番号|仮id'
			),
			en: list(
				'id|patient id|patient number|mrn|medical record number|record number|chart number|subject id|person id|uuid|guid|identifier|account number|ssn'
			),
			enExclude: list('drug|item|product|test|lab|facility|hospital|doctor|physician|ward|icd')
		}
	},
	{
		reason: 'special-notes',
		role: 'sensitive',
		text: 'レセプト特記事項 codes reveal dialysis, HIV therapy or income class: drop them or map them to a coarse flag',
		keywords: { ja: list('特記事項|レセプト特記') }
	},
	{
		reason: 'free-text',
		role: 'identifying',
		text: 'Free text can contain names and other identifiers: delete it (or scrub it with review)',
		keywords: {
			ja: list('コメント|備考|所見|症状詳記|詳記|メモ|自由記載|自由記述|摘要|補足|主訴|現病歴|経過'),
			en: list('comment|comments|note|notes|remark|remarks|memo|free text|narrative|description')
		},
		values: { weak: V.isFreeText, rate: 0.6 }
	},
	{
		reason: 'birth-date',
		role: 'quasi-identifying',
		text: 'Birth dates are quasi-identifiers: convert to age bands or keep the month at most',
		keywords: {
			ja: list('生年月日|誕生日|生年|出生日|生年月'),
			en: list('birth|dob|birthdate|birthday|date of birth|born')
		},
		values: { weak: V.isDate, onlyWithName: true },
		hierarchy: { builder: 'date', levels: ['month', 'year', 'years'] }
	},
	{
		reason: 'death-date',
		role: 'quasi-identifying',
		text: 'Dates of death are quasi-identifiers: coarsen them to the month',
		keywords: {
			ja: list('死亡日|死亡年月日|死亡年月'),
			en: list('death date|date of death|deceased date')
		},
		values: { weak: V.isDate, onlyWithName: true },
		hierarchy: { builder: 'date', levels: ['month', 'year'] }
	},
	{
		reason: 'age',
		role: 'quasi-identifying',
		text: 'Ages are quasi-identifiers: use 5- or 10-year bands top-coded at 90',
		keywords: { ja: list('年齢|年代|満年齢'), en: list('age|age years|age group') },
		hierarchy: { builder: 'age' }
	},
	{
		reason: 'sex',
		role: 'quasi-identifying',
		text: 'Sex is a quasi-identifier (usually kept)',
		keywords: { ja: list('性別|男女'), en: list('sex|gender') },
		values: { strong: V.isSexLabel, rate: 0.95 },
		hierarchy: { builder: 'sex' }
	},
	{
		reason: 'postal-code',
		role: 'quasi-identifying',
		text: 'Postal codes are quasi-identifiers: keep the 3-digit zone at most',
		keywords: {
			ja: list('郵便番号|〒|郵便'),
			en: list('zip|zipcode|zip code|postal|postcode|postal code')
		},
		values: { strong: V.isFormattedPostal, weak: V.isBarePostal, rate: 0.9 },
		hierarchy: { builder: 'mask', preset: 'postal' }
	},
	{
		reason: 'prefecture',
		role: 'quasi-identifying',
		text: 'Prefectures are quasi-identifiers',
		keywords: { ja: list('都道府県|県名'), en: list('prefecture|state') },
		values: { strong: V.isPrefectureName, rate: 0.9 },
		hierarchy: { builder: 'prefecture' }
	},
	{
		reason: 'address',
		role: 'quasi-identifying',
		text: 'Addresses are identifying in full: cut them to the prefecture (or 市区町村 if k allows)',
		keywords: {
			ja: list('住所|所在地|居住地|現住所|市区町村|市町村|番地'),
			en: list('address|city|street|residence|municipality|county')
		},
		values: { strong: V.isAddress, rate: 0.6 },
		hierarchy: { builder: 'prefecture' }
	},
	{
		reason: 'event-date',
		role: 'quasi-identifying',
		text: 'Visit, admission and other event dates are quasi-identifiers: coarsen them to the month',
		keywords: {
			ja: list(
				'受診日|診療日|診療年月|入院日|入院年月日|退院日|退院年月日|検査日|処方日|実施日|実施年月|来院日|手術日|診療開始日|健診日|受付日|発症日|調剤日|日付|年月日|年月|日時'
			),
			en: list('date|visit|admission|discharge|admit|timestamp|datetime|service date|exam date')
		},
		values: { weak: V.isDate, onlyWithName: true },
		hierarchy: { builder: 'date', levels: ['month', 'year'] }
	},
	{
		reason: 'date',
		role: 'quasi-identifying',
		text: 'Dates are quasi-identifiers: coarsen them to the month',
		values: { weak: V.isDate, rate: 0.9 },
		hierarchy: { builder: 'date', levels: ['month', 'year'] }
	},
	{
		reason: 'facility',
		role: 'quasi-identifying',
		text: 'Facility codes and names narrow down patients: pseudonymize the facility or group it',
		keywords: {
			ja: list('医療機関|施設コード|施設名|病院名|病院コード|診療所'),
			en: list('hospital|facility|clinic|provider')
		}
	},
	{
		reason: 'diagnosis',
		role: 'sensitive',
		text: 'Diagnoses are sensitive: keep them, and generalize rare codes (category → block → chapter)',
		keywords: {
			ja: list('傷病|病名|診断|疾患|疾病|icd|主傷病|合併症|併存症|既往'),
			en: list('diagnosis|diagnoses|disease|condition|icd|icd10|icd-10|dx|disorder|comorbidity')
		},
		values: { strong: V.isIcd10 },
		hierarchy: (sample) =>
			sample.length > 0 && allMatch(sample, V.isIcd10) >= 0.8
				? { builder: 'prefix', preset: 'icd10' }
				: undefined
	},
	{
		reason: 'drug',
		role: 'sensitive',
		text: 'Drugs are sensitive: keep them or generalize to 薬効分類',
		keywords: {
			ja: list('医薬品|薬剤|薬品|処方|投薬|薬効|yj|薬価'),
			en: list('drug|medication|medicine|prescription|rx|yj|atc')
		},
		values: { strong: V.isYjCode, weak: V.isReceiptDrug },
		hierarchy: drugHierarchy
	},
	{
		reason: 'procedure',
		role: 'sensitive',
		text: 'Procedures are sensitive: keep them, and generalize rare ones',
		keywords: { ja: list('診療行為|手術|処置|術式'), en: list('procedure|surgery|operation|cpt') }
	},
	{
		reason: 'lab-value',
		role: 'sensitive',
		text: 'Lab and exam values are sensitive: top- or bottom-code the extremes',
		keywords: {
			ja: list(
				'検査値|検査結果|結果値|測定値|hba1c|血糖|血圧|収縮期|拡張期|bmi|身長|体重|腹囲|ldl|hdl|中性脂肪|γ-gtp|γgtp|クレアチニン|egfr|尿酸|尿蛋白|尿糖|ヘモグロビン|白血球|赤血球|血小板|コレステロール'
			),
			en: list(
				'lab|result|value|hba1c|glucose|bmi|height|weight|ldl|hdl|cholesterol|triglyceride|creatinine|egfr|hemoglobin|wbc|rbc|platelet|systolic|diastolic|ast|alt|ggt'
			),
			pattern: /\b\d[0-9a-z]{16}\b/
		}
	},
	{
		reason: 'outcome',
		role: 'sensitive',
		text: 'Outcomes such as death (転帰) are sensitive',
		keywords: { ja: list('転帰|死亡|予後'), en: list('outcome|death|deceased|mortality') }
	}
];
