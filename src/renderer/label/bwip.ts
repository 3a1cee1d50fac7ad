// Barcodes as SVG via bwip-js (pure JS, the browser build: no Node zlib, no canvas needed).
// bwip returns a whole <svg> document; we keep its viewBox and inner paths so the caller can place
// the bars inside its own SVG (label preview) or size them in mm (barcode sheet).
import { toSVG } from 'bwip-js/browser';

export interface BarcodeSvg {
  /** viewBox size in bwip units: modules across for code128 (scaleX 1), modules square for QR. */
  width: number;
  height: number;
  /** Inner markup (paths only: bwip draws bars and modules as <path>, never text here). */
  body: string;
}

export type Symbology = 'code128' | 'qrcode';

// Memo of a pure function: sheets and previews redraw the same codes on every render.
const cache = new Map<string, BarcodeSvg | null>();
const CACHE_LIMIT = 600;

export function barcodeSvg(bcid: Symbology, text: string): BarcodeSvg | null {
  const key = `${bcid}\u0000${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let result: BarcodeSvg | null;
  try {
    const svg =
      bcid === 'code128'
        ? toSVG({ bcid, text, scaleX: 1, scaleY: 1, height: 10, includetext: false })
        : toSVG({ bcid, text, scale: 1 });
    result = parseSvg(svg);
  } catch (err) {
    // bwip throws on data the symbology cannot carry; the caller shows the human text instead.
    console.warn(`cannot encode ${bcid}`, text, err);
    result = null;
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

function parseSvg(svg: string): BarcodeSvg | null {
  const viewBox = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  const open = svg.indexOf('>');
  const close = svg.lastIndexOf('</svg>');
  if (!viewBox || open < 0 || close < open) return null;
  return { width: Number(viewBox[1]), height: Number(viewBox[2]), body: svg.slice(open + 1, close) };
}
