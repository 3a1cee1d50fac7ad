// A standalone Code 128 for the printed barcode sheet, sized in mm so it scans off paper:
// 0.33 mm modules read reliably with the cheap CCD scanners most desks have.
import { barcodeSvg } from './bwip.js';

export function Barcode({
  text,
  moduleMm = 0.33,
  heightMm = 12,
}: {
  text: string;
  moduleMm?: number;
  heightMm?: number;
}) {
  const bars = barcodeSvg('code128', text);
  if (!bars) return null;
  return (
    <svg
      className="barcode"
      data-barcode="code128"
      data-text={text}
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${bars.width} ${bars.height}`}
      preserveAspectRatio="none"
      style={{ width: `${(bars.width * moduleMm).toFixed(2)}mm`, height: `${heightMm}mm` }}
      dangerouslySetInnerHTML={{ __html: bars.body }}
    />
  );
}
