// What the desk command card carries (issue 12 §7) and how big each code may be drawn. The codes are
// the contract's own (contract/commands.ts), so the card needs no station to be printed.
import { commandCode, REASONS, reasonCode, type CommandName } from '../../../contract/commands.js';

export interface CardCode {
  code: string;
  /** i18n key of the caption (the reason or command name). */
  labelKey: string;
  labelParams?: Record<string, number>;
}

export interface CardGroup {
  id: 'main' | 'qty' | 'hold' | 'override';
  codes: CardCode[];
}

const cmd = (name: CommandName): CardCode => ({ code: commandCode({ name }), labelKey: `command.${name}` });

export const CARD_GROUPS: readonly CardGroup[] = [
  { id: 'main', codes: [cmd('ACK'), cmd('NEXT'), cmd('REPRINT'), cmd('CANCEL'), cmd('LOGOUT')] },
  {
    id: 'qty',
    codes: [2, 3, 4, 5].map((qty) => ({
      code: commandCode({ name: 'QTY', qty }),
      labelKey: 'command.QTY',
      labelParams: { n: qty },
    })),
  },
  {
    id: 'hold',
    codes: [cmd('HOLD'), ...REASONS.hold.map((r) => ({ code: reasonCode(r), labelKey: `reason.hold.${r}` }))],
  },
  {
    id: 'override',
    codes: [
      cmd('OVERRIDE'),
      ...REASONS.override.map((r) => ({ code: reasonCode(r), labelKey: `reason.override.${r}` })),
    ],
  },
];

/**
 * Bar width on the card: 0.25 mm is the least a desk CCD/imager reads reliably off paper (2 dots at
 * 203 dpi); one width for every code keeps the card to one A5 page. Code 128 wants a quiet zone of
 * 10 modules each side, 2.5 mm here, which every cell keeps clear as padding.
 */
export const CARD_MODULE_MM = 0.25;
export const QUIET_MM = 10 * CARD_MODULE_MM;
/** Printable width of an A5 portrait page with 6 mm margins. */
export const CARD_WIDTH_MM = 136;
