// Scanner for the line-framed families (MT-SICS A.1, "ST,GS" A.4, Yaohua A12 A.5): a frame ends at
// LF (CR before it optional). Noise that arrived between frames sits at the front of the next line,
// so each line is searched for the leftmost frame head whose text parses; what precedes it is
// dropped. A line with no head at all is garbage (dropped); one with a head that never parses is a
// bad frame.
import { CR, LF, latin1 } from './bytes.js';
import { frame, skip, wait, type FrameBody, type Scanner } from './framer.js';

/**
 * `heads` is a global regex matching where a frame may start; `parse` gets the text from such a
 * start to the end of the line (terminator removed) and returns null when it is not a valid frame.
 */
export function lineScanner(heads: RegExp, parse: (text: string) => FrameBody | null): Scanner {
  return (view) => {
    const lf = view.indexOf(LF);
    if (lf < 0) return wait(0);
    const end = lf > 0 && view[lf - 1] === CR ? lf - 1 : lf;
    const line = latin1(view, 0, end);
    let first = -1;
    heads.lastIndex = 0;
    for (let m = heads.exec(line); m; m = heads.exec(line)) {
      if (first < 0) first = m.index;
      const body = parse(line.slice(m.index));
      if (body) return frame(m.index, lf + 1 - m.index, body);
      // Overlapping heads (e.g. "SI" inside "SIR") must each get a try.
      heads.lastIndex = m.index + 1;
    }
    return first < 0 ? skip(lf + 1) : frame(first, lf + 1 - first, null);
  };
}
