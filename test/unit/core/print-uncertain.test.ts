// A label the station was killed while sending (the driver's journal has its intent, not its done):
// the queue prints it again only marked 补打 REPRINT, on the same label row, and says so in the event.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPRINT_MARK } from '../../../src/domain/label/layout.js';
import { PrintUncertain, type PrintJob, type PrintResult } from '../../../src/hardware/types.js';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { BARCODE, O } from '../../helpers/fixtures.js';

let t: TestStation;
/** Job ids the station "died" while sending: the driver refuses them as originals, as RawLabelPrinter does. */
let interrupted: Set<string>;
/** The next job is one an earlier (killed) process was sending. */
let armed: boolean;
let sent: PrintJob[];

beforeEach(async () => {
  t = await makeStation();
  interrupted = new Set();
  armed = false;
  sent = [];
  const print = t.printer.print.bind(t.printer);
  t.printer.print = async (job: PrintJob): Promise<PrintResult> => {
    if (armed) interrupted.add(job.id);
    armed = false;
    if (interrupted.has(job.id)) {
      if (!job.reprint) throw new PrintUncertain(job.id);
      interrupted.delete(job.id);
      sent.push(job);
      return { ...(await print(job)), uncertain: true };
    }
    sent.push(job);
    return print(job);
  };
  t.scan('BADGE-P01');
});
afterEach(async () => {
  await t.close();
});

const snap = () => t.station.services.snapshot();
const marked = (job: PrintJob | undefined) =>
  job?.layout.elements.some((e) => e.type === 'text' && e.text === REPRINT_MARK) === true;

/** Packs O.clean through to its label. */
async function packClean(): Promise<void> {
  t.scan(O.clean);
  t.scan(BARCODE.tshirt);
  t.scan(BARCODE.tshirt);
  t.scan(BARCODE.earbuds);
  await t.weigh(640);
}

describe('print queue: a label interrupted while sending', () => {
  it('prints once more, marked 补打, on the same row; label.printed says uncertain and not a reprint', async () => {
    armed = true;
    await packClean();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.reprint).toBe(true);
    expect(marked(sent[0])).toBe(true);
    expect(sent[0]?.layout.elements.some((e) => e.type === 'code128' && e.text === 'YT1000000000001')).toBe(true);
    const last = snap().lastPack;
    expect(last?.state).toBe('done');
    expect(last?.labels).toHaveLength(1);
    expect(last?.labels[0]).toMatchObject({ status: 'printed', waybill: 'YT1000000000001' });
    expect(last?.labels[0]?.model?.reprint).toBe(true); // the label view shows what is on the paper
    const printed = t.outbox().filter((e) => e.type === 'label.printed');
    expect(printed.map((e) => e.payload)).toEqual([
      expect.objectContaining({ waybill: 'YT1000000000001', reprint: false, uncertain: true }),
    ]);
  });

  it('an ordinary label says uncertain: false', async () => {
    await packClean();
    expect(marked(sent[0])).toBe(false);
    const printed = t.outbox().filter((e) => e.type === 'label.printed');
    expect(printed.map((e) => e.payload)).toEqual([expect.objectContaining({ reprint: false, uncertain: false })]);
  });

  it('a packer’s 补打 interrupted while sending goes out again as it is, counted once as a reprint', async () => {
    await packClean();
    armed = true;
    expect(t.scan('CMD-REPRINT').verdict).toBe('command');
    await t.settle();
    expect(sent).toHaveLength(2);
    expect(marked(sent[1])).toBe(true);
    const printed = t
      .outbox()
      .filter((e) => e.type === 'label.printed')
      .map((e) => [e.payload.reprint, e.payload.uncertain]);
    expect(printed).toEqual([
      [false, false],
      [true, true],
    ]);
  });
});
