// Draws a LabelLayout as SVG. The viewBox is in millimetres, so every element keeps the units the
// layout (and the printer encoders) use: what the packer sees is the label the printer gets.
import type { LabelElement, LabelLayout } from '../../contract/label.js';
import { barcodeSvg } from './bwip.js';

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
/** Human-readable line under a code128 when showText is set (mm). */
const HRI_SIZE = 3;

function Element({ el }: { el: LabelElement }) {
  switch (el.type) {
    case 'text':
      return (
        // Layout positions are the top-left of the text box, as TSPL TEXT and ZPL ^FO use them.
        <text
          x={el.x}
          y={el.y}
          fontSize={el.size}
          fontWeight={el.bold ? 700 : 400}
          dominantBaseline="hanging"
          fontFamily={FONT}
        >
          {el.text}
        </text>
      );
    case 'code128': {
      const bars = barcodeSvg('code128', el.text);
      return (
        <g data-barcode="code128" data-text={el.text}>
          {bars ? (
            <svg
              x={el.x}
              y={el.y}
              width={bars.width * el.moduleWidth}
              height={el.height}
              viewBox={`0 0 ${bars.width} ${bars.height}`}
              preserveAspectRatio="none"
              dangerouslySetInnerHTML={{ __html: bars.body }}
            />
          ) : null}
          {el.showText || !bars ? (
            <text x={el.x} y={el.y + el.height + 0.8} fontSize={HRI_SIZE} dominantBaseline="hanging" fontFamily={FONT}>
              {el.text}
            </text>
          ) : null}
        </g>
      );
    }
    case 'qr': {
      const qr = barcodeSvg('qrcode', el.text);
      if (!qr) return null;
      return (
        <svg
          data-barcode="qr"
          x={el.x}
          y={el.y}
          width={el.size}
          height={el.size}
          viewBox={`0 0 ${qr.width} ${qr.height}`}
          dangerouslySetInnerHTML={{ __html: qr.body }}
        />
      );
    }
    case 'line':
      return <rect x={el.x} y={el.y} width={el.width} height={el.height} fill="#000" />;
    case 'box': {
      // SVG strokes straddle the path; inset by half the thickness so the box stays inside its bounds.
      const h = el.thickness / 2;
      return (
        <rect
          x={el.x + h}
          y={el.y + h}
          width={Math.max(0, el.width - el.thickness)}
          height={Math.max(0, el.height - el.thickness)}
          fill="none"
          stroke="#000"
          strokeWidth={el.thickness}
        />
      );
    }
  }
}

export function LabelSvg({ layout, title }: { layout: LabelLayout; title?: string }) {
  return (
    <svg
      className="label-svg"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${layout.widthMm} ${layout.heightMm}`}
      role="img"
      aria-label={title}
      style={{ aspectRatio: `${layout.widthMm} / ${layout.heightMm}` }}
    >
      <rect x={0} y={0} width={layout.widthMm} height={layout.heightMm} fill="#fff" />
      {layout.elements.map((el, i) => (
        <Element key={i} el={el} />
      ))}
    </svg>
  );
}
