// Per-protocol example streams (several frames, spec examples first) and what counts as a frame
// delimiter for each, shared by the split, garbage and buffer tests.
import type { ProtocolOptions, ScaleProtocolId } from '../../../../src/hardware/scale/protocol.js';
import { bytes, concat, hex } from './feed.js';

export interface StreamCase {
  id: ScaleProtocolId;
  options?: ProtocolOptions;
  /** Good frames, in order, exactly as sent. */
  frames: Uint8Array[];
  /** Bytes needed after the last frame to complete it ("=" frames end at the next '='). */
  trailer?: Uint8Array;
  /** Bytes random noise must avoid to be plain garbage: frame starts/delimiters and, for line
   *  formats, anything that could extend a frame head. */
  delimiters: number[];
  /** A frame cut short, then a frame with a bad check or unparseable content. */
  partial: Uint8Array;
  bad: Uint8Array;
  /** Per round of noise + partial + bad + frame: bad frames and dropped bytes. Where the partial
   *  frame goes depends on the framing: dropped when a new frame start cuts it off, part of the bad
   *  line for line formats, a bad frame of its own for "=" (nothing marks it as cut short). */
  badPerRound: number;
  droppedPerRound: number;
  /** Frames that may be followed by noise; a Toledo frame without CHK is completed by the next byte,
   *  so noise after it reads as a failed CHK. */
  noiseSafe?: Uint8Array[];
  /** A frame start, then `filler` for ever: the decoder can only wait (or give up). */
  endless: Uint8Array;
  filler: number;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const LETTERS_AND_SPACE = [...range(0x09, 0x0d), 0x20, ...range(0x41, 0x5a), ...range(0x61, 0x7a)];

export const CASES: StreamCase[] = [
  {
    id: 'mt-sics',
    frames: [
      'S S      1.234 kg\r\n',
      'S D 512.3 g\r\n',
      'S I\r\n',
      'ES\r\n',
      'Z A\r\n',
      'T S      0.250 kg\r\n',
      'S +\r\n',
    ].map(bytes),
    delimiters: LETTERS_AND_SPACE,
    partial: bytes('S S    1.'),
    bad: bytes('S S 1.234 stone\r\n'),
    endless: bytes('S S '),
    filler: 0x30,
    badPerRound: 1,
    droppedPerRound: 7,
  },
  {
    id: 'toledo-8217',
    frames: [
      '02 30 31 2E 32 33 34 0D',
      '02 30 31 2E 32 33 34 4E 0D',
      '02 3F 40 0D',
      '02 3F 41 0D',
      '02 3F 42 0D',
      '02 3F 44 0D',
      '02 3F 51 0D',
      '02 3F 60 0D',
    ].map(hex),
    delimiters: [0x02],
    partial: hex('02 30 31 2E'),
    bad: hex('02 3F 31 0D'),
    endless: hex('02'),
    filler: 0x30,
    badPerRound: 1,
    droppedPerRound: 7 + 4,
  },
  {
    id: 'toledo-continuous',
    frames: [
      '02 2D 30 20 30 30 31 32 33 34 30 30 30 30 30 30 0D 2A',
      '02 2D 30 20 30 30 31 32 33 34 0D 4A',
      '02 2D 38 20 30 30 32 30 30 30 30 30 30 30 30 30 0D',
      '02 2D 30 20 30 30 33 30 30 30 0D',
      '02 2D 30 20 39 39 39 39 39 35 30 30 30 30 30 30 0D 02',
      '02 2D 30 20 30 30 31 32 33 34 30 30 30 30 30 30 0D 2A',
    ].map(hex),
    noiseSafe: ['02 2D 30 20 30 30 31 32 33 34 30 30 30 30 30 30 0D 2A', '02 2D 30 20 30 30 31 32 33 34 0D 4A'].map(
      hex,
    ),
    delimiters: [0x02],
    partial: hex('02 2D 30 20 30 30'),
    bad: hex('02 2D 30 20 30 30 31 32 33 34 30 30 30 30 30 30 0D 2B'),
    endless: hex('02 2D 30 20'),
    filler: 0x30,
    badPerRound: 1,
    droppedPerRound: 7 + 6,
  },
  {
    id: 'st-gs',
    frames: [
      'ST,GS,+0001.234kg\r\n',
      'US,NT,-  0.200kg\r\n',
      'ST,+00001.23  g\r\n',
      'ST,GS 1.000KG\r\n',
      'OL,GS,+9999.999kg\r\n',
      'ST,TR,+0000.500kg\r\n',
    ].map(bytes),
    delimiters: LETTERS_AND_SPACE,
    partial: bytes('ST,GS,+00'),
    bad: bytes('ST,GS,+00X1.234kg\r\n'),
    endless: bytes('ST,GS,+'),
    filler: 0x30,
    badPerRound: 1,
    droppedPerRound: 7,
  },
  {
    id: 'yaohua-a9',
    frames: [
      '02 2B 30 30 31 35 36 30 30 31 39 03',
      '02 2B 30 30 30 30 30 30 30 31 42 03',
      '02 2B 30 30 31 35 36 30 33 31 41 03',
    ].map(hex),
    delimiters: [0x02],
    partial: hex('02 2B 30 30 31'),
    bad: hex('02 2B 30 30 31 35 36 30 33 31 42 03'),
    endless: hex('02 2B'),
    filler: 0x30,
    badPerRound: 1,
    droppedPerRound: 7 + 5,
  },
  {
    id: 'yaohua-eq',
    frames: ['=000.3000', '=00.1000-', '=000.000', '=005.2100'].map(bytes),
    trailer: bytes('='),
    delimiters: [0x2d, 0x2e, 0x3d, ...range(0x30, 0x39)],
    partial: bytes('=000.'),
    bad: bytes('=0x0.3000'),
    endless: bytes('='),
    filler: 0x30,
    badPerRound: 2,
    droppedPerRound: 7,
  },
  {
    id: 'yaohua-a12',
    frames: [
      'WG004.139kg3D\r\n',
      '         OL23\r\n',
      '         LO23\r\n',
      'ww000.000kg\r\n',
      'wn-0000.1kg\r\n',
      'wt000.500kg\r\n',
    ].map(bytes),
    delimiters: LETTERS_AND_SPACE,
    partial: bytes('WG004.1'),
    bad: bytes('WG004.139kg3E\r\n'),
    endless: bytes('WG'),
    filler: 0x30,
    badPerRound: 1,
    droppedPerRound: 7,
  },
  {
    id: 'cas',
    frames: [
      '06',
      '01 02 53 20 30 31 2E 32 33 34 6B 67 65 03 04',
      '01 02 55 2D 30 30 31 2E 32 33 34 6B 67 5E 03 04',
      '81 02 55 2D 30 30 31 2E 32 33 34 6B 67 5E 03',
      '01 02 53 46 46 46 46 46 46 46 6B 67 19 03 04',
      '06',
    ].map(hex),
    delimiters: [0x01, 0x81, 0x06],
    partial: hex('01 02 53 20 30'),
    bad: hex('01 02 53 20 30 31 2E 32 33 34 6B 67 64 03 04'),
    endless: hex('01 02 53 20'),
    filler: 0x30,
    badPerRound: 1,
    droppedPerRound: 7 + 5,
  },
];

export function streamOf(c: StreamCase): Uint8Array {
  return concat(...c.frames, c.trailer ?? new Uint8Array(0));
}
