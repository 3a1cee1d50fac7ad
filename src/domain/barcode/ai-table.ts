// The GS1 Application Identifiers the parser knows, after the GS1 Barcode Syntax Dictionary (the
// machine-readable form of GS1 General Specifications §3.2). The app reads only 01, 10, 17 and 21,
// but every AI in a scan has to be stepped over with its exact length, otherwise everything after
// an unknown one is misread, so the table covers the whole published list rather than just those.

/** N = digits, X = GS1 CSET 82, Y = GS1 CSET 39, Z = GS1 CSET 64 (GS1 General Specifications §7.11). */
export type AiCharset = 'N' | 'X' | 'Y' | 'Z';

export interface AiSpec {
  readonly ai: string;
  readonly min: number;
  readonly max: number;
  readonly charset: AiCharset;
  /** Leading characters that must be digits in an otherwise alphanumeric field (e.g. 253: GDTI). */
  readonly digitPrefix: number;
  /**
   * Listed in the "predefined length" table (§7.8.5): such a value is always `max` characters and is
   * not followed by FNC1. Every other AI, even one with a fixed length like 422 or 7003, is
   * terminated by FNC1 (sent as GS) unless it is the last element.
   */
  readonly predefined: boolean;
  /** csum: last digit is the GS1 mod-10 check digit (§7.9.1); date: YYMMDD with day 00 allowed (§7.12). */
  readonly check: 'csum' | 'date' | null;
}

type Shape = Omit<AiSpec, 'ai'>;

const predefined = (len: number, check: AiSpec['check'] = null): Shape => ({
  min: len,
  max: len,
  charset: 'N',
  digitPrefix: 0,
  predefined: true,
  check,
});
const fixed = (charset: AiCharset, len: number, digitPrefix = 0): Shape => ({
  min: len,
  max: len,
  charset,
  digitPrefix,
  predefined: false,
  check: null,
});
const upTo = (charset: AiCharset, max: number, min = 1, digitPrefix = 0): Shape => ({
  min,
  max,
  charset,
  digitPrefix,
  predefined: false,
  check: null,
});

/** [first AI, last AI of a consecutive range (same width), shape]. */
const ROWS: ReadonlyArray<readonly [string, string, Shape]> = [
  ['00', '00', predefined(18, 'csum')], // SSCC
  ['01', '01', predefined(14, 'csum')], // GTIN
  ['02', '02', predefined(14, 'csum')], // GTIN of contained items
  ['03', '03', predefined(14, 'csum')], // GTIN of a made-to-order item
  ['04', '04', predefined(16)],
  ['10', '10', upTo('X', 20)], // batch/lot
  ['11', '13', predefined(6, 'date')], // production, due, packaging date
  ['15', '17', predefined(6, 'date')], // best before, sell by, expiry
  ['20', '20', predefined(2)], // variant
  ['21', '22', upTo('X', 20)], // serial, consumer product variant
  ['235', '235', upTo('X', 28)],
  ['240', '241', upTo('X', 30)],
  ['242', '242', upTo('N', 6)],
  ['243', '243', upTo('X', 20)],
  ['250', '251', upTo('X', 30)],
  ['253', '253', upTo('X', 30, 13, 13)], // GDTI: GLN-13 + optional serial
  ['254', '254', upTo('X', 20)],
  ['255', '255', upTo('N', 25, 13)], // GCN
  ['30', '30', upTo('N', 8)],
  ['37', '37', upTo('N', 8)],
  ['3900', '3909', upTo('N', 15)],
  ['3910', '3919', upTo('N', 18, 4)], // ISO 4217 currency + amount
  ['3920', '3929', upTo('N', 15)],
  ['3930', '3939', upTo('N', 18, 4)],
  ['3940', '3943', fixed('N', 4)],
  ['3950', '3955', fixed('N', 6)],
  ['400', '401', upTo('X', 30)],
  ['402', '402', fixed('N', 17)],
  ['403', '403', upTo('X', 30)],
  ['410', '417', predefined(13, 'csum')], // GLNs
  ['420', '420', upTo('X', 20)],
  ['421', '421', upTo('X', 12, 4, 3)], // ISO 3166 country + postcode
  ['422', '422', fixed('N', 3)],
  ['423', '423', upTo('N', 15, 3)],
  ['424', '424', fixed('N', 3)],
  ['425', '425', upTo('N', 15, 3)],
  ['426', '426', fixed('N', 3)],
  ['427', '427', upTo('X', 3)],
  ['4300', '4301', upTo('X', 35)],
  ['4302', '4306', upTo('X', 70)],
  ['4307', '4307', fixed('X', 2)],
  ['4308', '4308', upTo('X', 30)],
  ['4309', '4309', fixed('N', 20)],
  ['4310', '4311', upTo('X', 35)],
  ['4312', '4316', upTo('X', 70)],
  ['4317', '4317', fixed('X', 2)],
  ['4318', '4318', upTo('X', 20)],
  ['4319', '4319', upTo('X', 30)],
  ['4320', '4320', upTo('X', 35)],
  ['4321', '4323', fixed('N', 1)],
  ['4324', '4325', fixed('N', 10)],
  ['4326', '4326', fixed('N', 6)],
  ['4330', '4333', upTo('X', 7, 6, 6)], // temperature + optional "-"
  ['7001', '7001', fixed('N', 13)],
  ['7002', '7002', upTo('X', 30)],
  ['7003', '7003', fixed('N', 10)],
  ['7004', '7004', upTo('N', 4)],
  ['7005', '7005', upTo('X', 12)],
  ['7006', '7006', fixed('N', 6)],
  ['7007', '7007', upTo('N', 12, 6)],
  ['7008', '7008', upTo('X', 3)],
  ['7009', '7009', upTo('X', 10)],
  ['7010', '7010', upTo('X', 2)],
  ['7011', '7011', upTo('N', 10, 6)],
  ['7020', '7022', upTo('X', 20)],
  ['7023', '7023', upTo('X', 30)],
  ['7030', '7039', upTo('X', 30, 4, 3)], // ISO 3166 country + approval number
  ['7040', '7040', fixed('X', 4, 1)],
  ['710', '716', upTo('X', 20)], // national healthcare reimbursement numbers
  ['7230', '7239', upTo('X', 30, 3)],
  ['7240', '7240', upTo('X', 20)],
  ['7241', '7241', fixed('N', 2)],
  ['7242', '7242', upTo('X', 25)],
  ['8001', '8001', fixed('N', 14)],
  ['8002', '8002', upTo('X', 20)],
  ['8003', '8003', upTo('X', 30, 14, 14)], // GRAI
  ['8004', '8004', upTo('X', 30)],
  ['8005', '8005', fixed('N', 6)],
  ['8006', '8006', fixed('N', 18)],
  ['8007', '8007', upTo('X', 34)],
  ['8008', '8008', upTo('N', 12, 8)],
  ['8009', '8009', upTo('X', 50)],
  ['8010', '8010', upTo('Y', 30)],
  ['8011', '8011', upTo('N', 12)],
  ['8012', '8012', upTo('X', 20)],
  ['8013', '8014', upTo('X', 25)],
  ['8017', '8018', fixed('N', 18)],
  ['8019', '8019', upTo('N', 10)],
  ['8020', '8020', upTo('X', 25)],
  ['8026', '8026', fixed('N', 18)],
  ['8030', '8030', upTo('Z', 90)],
  ['8110', '8110', upTo('X', 70)],
  ['8111', '8111', fixed('N', 4)],
  ['8112', '8112', upTo('X', 70)],
  ['8200', '8200', upTo('X', 70)],
  ['90', '90', upTo('X', 30)],
  ['91', '99', upTo('X', 90)], // company internal
];

// 31nn–36nn trade measures: 3 digits name the quantity and unit, the 4th is the implied decimal
// point position. Only the families the Syntax Dictionary lists, each with decimal positions 0–5.
const MEASURE_FAMILIES: ReadonlyArray<readonly [number, number]> = [
  [310, 316],
  [320, 329],
  [330, 337],
  [340, 349],
  [350, 357],
  [360, 369],
];

function buildTable(): Map<string, AiSpec> {
  const table = new Map<string, AiSpec>();
  const add = (ai: string, shape: Shape): void => {
    table.set(ai, { ai, ...shape });
  };
  for (const [first, last, shape] of ROWS) {
    for (let n = Number(first); n <= Number(last); n++) add(String(n).padStart(first.length, '0'), shape);
  }
  for (const [from, to] of MEASURE_FAMILIES) {
    for (let family = from; family <= to; family++) {
      for (let decimals = 0; decimals <= 5; decimals++) add(`${family}${decimals}`, predefined(6));
    }
  }
  return table;
}

export const AI_TABLE: ReadonlyMap<string, AiSpec> = buildTable();

/**
 * The first two digits of an AI fix its length (the AI set is prefix-free by design), so the parser
 * knows how many digits to read before it looks the AI up. A clash here means a bad table row.
 */
function buildPrefixLengths(): Map<string, number> {
  const lengths = new Map<string, number>();
  for (const ai of AI_TABLE.keys()) {
    const prefix = ai.slice(0, 2);
    const known = lengths.get(prefix);
    if (known !== undefined && known !== ai.length) {
      throw new Error(`AI table: AIs starting ${prefix} have lengths ${known} and ${ai.length}`);
    }
    lengths.set(prefix, ai.length);
  }
  return lengths;
}

export const AI_LENGTH_BY_PREFIX: ReadonlyMap<string, number> = buildPrefixLengths();
