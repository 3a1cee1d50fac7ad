// Status colours, chosen for contrast at ~1 m under warehouse lighting. Used inline where a colour
// carries meaning (alert background, weight in/out of window) so it cannot be lost to a stylesheet.
export const colors = {
  green: '#1b7f3b',
  red: '#c62828',
  // White on it reads at 5.6:1 (WCAG AA wants 4.5:1); the old #b26a00 was 4.2:1 (issue 12 §5).
  amber: '#9a5800',
  ink: '#111111',
  paper: '#ffffff',
  night: '#121417',
  muted: '#555b61',
  // The same meanings on the near-black status bar, where the dark tones above would not read.
  greenOnDark: '#6fdc94',
  redOnDark: '#ff7a7a',
  amberOnDark: '#ffc266',
  // The offline banner: black on this yellow, striped, reads on any background incl. a red alert.
  hazard: '#ffd600',
} as const;

export function levelColor(level: 'info' | 'success' | 'warn' | 'error'): string {
  switch (level) {
    case 'success':
      return colors.green;
    case 'warn':
      return colors.amber;
    case 'error':
      return colors.red;
    case 'info':
      return colors.ink;
  }
}
