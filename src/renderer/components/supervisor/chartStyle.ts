// Shared chart settings. Sizes are fixed: ResponsiveContainer measures its parent with
// ResizeObserver and draws nothing until it gets a size, which jsdom never reports.
export const CHART = { width: 620, height: 280 } as const;
export const SMALL_CHART = { width: 420, height: 260 } as const;
export const MARGIN = { top: 16, right: 24, bottom: 8, left: 8 } as const;
/** Axis text readable from a few metres away. */
export const TICK = { fontSize: 16 } as const;

/** Line and bar colours, distinct in print and for the common colour-vision deficiencies. */
export const PALETTE = [
  '#0b5cad',
  '#d55e00',
  '#1b7f3b',
  '#cc79a7',
  '#b26a00',
  '#56b4e9',
  '#6a3d9a',
  '#111111',
] as const;

export function paletteColor(i: number): string {
  return PALETTE[i % PALETTE.length] ?? '#111111';
}

export const LAYOUT_COLORS: Record<string, string> = { u_shaped: '#0b5cad', island: '#1b7f3b', straight: '#d55e00' };
