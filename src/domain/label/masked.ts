// A receiver the platform handed over masked (微信小店 privacy orders: "林**", "183****2807",
// "文三路**号" or a detail of just "****") cannot be delivered from a label Packdesk prints itself:
// the courier has no name, number or house to go to. Such orders print through WeChat's own print
// component (the platform's privacy label) or not at all. Pure: no Node, DOM or Electron.
import type { LabelParty } from '../../contract/label.js';

export type MaskedField = 'name' | 'phone' | 'address';

/** Two or more mask stars in a row, ASCII or full-width: how the platforms hide characters. */
const STARS = /[*＊]{2,}/u;
/** A name ending in a star ("张*"), a phone with a star between digits ("137*3840"). */
const NAME_TAIL = /[*＊]$/u;
const PHONE_STAR = /[*＊]/u;

/** The receiver's fields that carry a mask, in the order name, phone, address; empty when none does. */
export function maskedFields(party: Pick<LabelParty, 'name' | 'phone' | 'address'>): MaskedField[] {
  const out: MaskedField[] = [];
  if (STARS.test(party.name) || NAME_TAIL.test(party.name.trim())) out.push('name');
  if (PHONE_STAR.test(party.phone)) out.push('phone');
  if (STARS.test(party.address)) out.push('address');
  return out;
}

export function isMaskedParty(party: Pick<LabelParty, 'name' | 'phone' | 'address'>): boolean {
  return maskedFields(party).length > 0;
}
