// Misreads at the desk (issue 12 §4): wedge fragments, too-short bursts, noise and bad check digits
// are recorded and shown as misreads and never charged to the packer's error figures.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxPayloadSchemas } from '../../../src/contract/events.js';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { BARCODE, O } from '../../helpers/fixtures.js';

let t: TestStation;
beforeEach(async () => {
  t = await makeStation();
  t.scan('BADGE-P01');
  t.scan(O.clean);
});
afterEach(async () => {
  await t.close();
});

const snap = () => t.station.services.snapshot();
const desk = () => t.station.services.desk;

describe('misreads at the desk', () => {
  it('a wedge fragment is a misread: a notice to scan again, no alert, no line counted', () => {
    const r = desk().scan(BARCODE.tshirt.slice(0, 7), 'wedge', 'fragment');
    expect(r).toMatchObject({ verdict: 'misread', sound: 'error' });
    expect(snap().notice?.code).toBe('misread');
    expect(snap().alert).toBeNull();
    expect(snap().pack?.lines[0]?.scanned).toBe(0);
    // The pack goes on: the rescan counts.
    expect(t.scan(BARCODE.tshirt).verdict).toBe('item_ok');
  });

  it('tells the UI the rejoin window from the config (scanner.rejoinMs)', () => {
    expect(snap().station.scanRejoinMs).toBe(150);
  });

  it('the scan event says misread and parses with the outbox schema', () => {
    desk().scan('69010', 'wedge', 'short');
    const ev = t
      .outbox()
      .filter((e) => e.type === 'scan.recorded')
      .at(-1);
    expect(ev?.payload).toMatchObject({ verdict: 'misread', code: '69010' });
    expect(outboxPayloadSchemas['scan.recorded'].safeParse(ev?.payload).success).toBe(true);
  });

  it('noise the catalog cannot know (broken GS1, too short, control characters) is a misread, not an unknown code', () => {
    // A GS1 string with an impossible expiry month (13).
    expect(t.scan(`010${BARCODE.tshirt}17991399`).verdict).toBe('misread');
    t.scan('CMD-ACK');
    expect(t.scan('6\u00019').verdict).toBe('misread');
    t.scan('CMD-ACK');
    // A well-formed code nobody knows is still the packer's error.
    expect(t.scan(BARCODE.notInCatalog).verdict).toBe('unknown_code');
  });

  it("misreads do not move the packer's errors today; wrong items do", () => {
    desk().scan('6901', 'wedge', 'fragment');
    const bad = BARCODE.tshirt.slice(0, 12) + String((Number(BARCODE.tshirt[12]) + 1) % 10);
    expect(t.scan(bad).verdict).toBe('bad_check_digit');
    t.scan('CMD-ACK');
    expect(snap().packerFigures?.errorsToday).toBe(0);
    expect(t.scan(BARCODE.vase).verdict).toBe('wrong_item');
    expect(snap().packerFigures?.errorsToday).toBe(1);
  });

  it('the supervisor view counts misreads apart from the error rate', async () => {
    t.scan(BARCODE.tshirt);
    desk().scan('690', 'wedge', 'short');
    desk().scan('6901000', 'wedge', 'fragment');
    const view = await t.station.core.call('supervisor.view', {});
    expect(view.total.misreads).toBe(2);
    expect(view.total.scanErrors).toBe(0);
    expect(view.total.errorRate).toBe(0);
  });
});
