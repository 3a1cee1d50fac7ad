// The protocol table (STYLE.md §6: device models are data) and the simulator-side command splitter.
import { SCALE_PROTOCOLS, type ScaleProtocol, type ScaleProtocolId } from '../protocol.js';
import { cas, splitCasCommands } from './cas.js';
import { mtSics, splitMtSicsCommands } from './mt-sics.js';
import { stGs } from './st-gs.js';
import { splitToledo8217Commands, toledo8217 } from './toledo-8217.js';
import { toledoContinuous } from './toledo-continuous.js';
import { yaohuaA12 } from './yaohua-a12.js';
import { yaohuaA9 } from './yaohua-a9.js';
import { yaohuaEq } from './yaohua-eq.js';

export { TOLEDO_8217_CLEAR_TARE } from './toledo-8217.js';
export { FramedDecoder, DEFAULT_MAX_BUFFER_BYTES } from './framer.js';

export const PROTOCOLS: Record<ScaleProtocolId, ScaleProtocol> = {
  'mt-sics': mtSics,
  'toledo-8217': toledo8217,
  'toledo-continuous': toledoContinuous,
  'st-gs': stGs,
  'yaohua-a9': yaohuaA9,
  'yaohua-eq': yaohuaEq,
  'yaohua-a12': yaohuaA12,
  cas,
};

export function isScaleProtocolId(id: string): id is ScaleProtocolId {
  return (SCALE_PROTOCOLS as readonly string[]).includes(id);
}

/** The record for `id`; throws for an id that is not in SCALE_PROTOCOLS (a bad config value). */
export function getProtocol(id: ScaleProtocolId): ScaleProtocol {
  if (!isScaleProtocolId(id))
    throw new RangeError(`unknown scale protocol "${String(id)}"; expected one of ${SCALE_PROTOCOLS.join(', ')}`);
  return PROTOCOLS[id];
}

export interface SplitCommands {
  /** Complete commands, oldest first: pass each to `respond` on its own. */
  commands: Uint8Array[];
  /** An unfinished command: keep it and prepend it to the next bytes from the host. */
  rest: Uint8Array;
}

const SPLITTERS: Partial<Record<ScaleProtocolId, (buffer: Uint8Array) => SplitCommands>> = {
  'mt-sics': splitMtSicsCommands,
  'toledo-8217': splitToledo8217Commands,
  cas: splitCasCommands,
};

/**
 * How a simulated indicator reads its host. `respond` takes exactly one complete command, so the
 * simulator keeps `pending = concat(rest, bytesJustReceived)`, calls this, answers each command
 * in order and keeps the new `rest`. Stream protocols take no commands: everything is dropped.
 */
export function splitCommands(id: ScaleProtocolId, buffer: Uint8Array): SplitCommands {
  const split = SPLITTERS[id];
  return split ? split(buffer) : { commands: [], rest: new Uint8Array(0) };
}
