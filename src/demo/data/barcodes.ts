// GS1 check digits for the demo catalog: the station validates them on every scan, so generated
// barcodes must be genuinely valid, not just 13 random digits.

/** GS1 mod-10 check digit for a body of any length: weights 3,1,3,… counted from the rightmost digit. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) {
    const d = body.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new Error(`not a digit in GS1 body: ${body}`);
    sum += d * w;
  }
  return (10 - (sum % 10)) % 10;
}

export function ean13(body12: string): string {
  if (body12.length !== 12) throw new Error(`EAN-13 body must have 12 digits: ${body12}`);
  return body12 + String(gs1CheckDigit(body12));
}

/** GTIN-14 of a case or inner pack: packaging indicator + the item's EAN-13 without its check digit. */
export function gtin14(indicator: number, itemEan13: string): string {
  const body = String(indicator) + itemEan13.slice(0, 12);
  return body + String(gs1CheckDigit(body));
}
