// The evidence screen's after-sale disputes: the desk's cases with the order's stills; ticking
// stills and pressing confirm sends nothing until a supervisor's badge is scanned (the wedge scan
// goes to the badge, not to a parcel lookup); then the chosen stills go with that badge.
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVIDENCE_SCAN } from '../../src/renderer/scan/useWedge.js';
import { CoreClientError } from '../../src/renderer/client/types.js';
import type { DeskDisputeCase, DisputesResult } from '../../src/contract/api.js';
import type { EvidenceFile } from '../../src/contract/api/video.js';
import { snapshot } from './fixtures.js';
import { renderApp } from './render.js';

const T0 = Date.UTC(2026, 11, 2, 5, 0, 0);
const still = (id: number, moment: string): EvidenceFile => ({
  id,
  kind: 'still',
  cameraId: 'top',
  moment,
  at: T0 + id * 1000,
  bytes: 10,
  sha256: 'c'.repeat(64),
  url: `/video/file/${id}`,
});
const openCase: DeskDisputeCase = {
  caseId: '9705115058471208928',
  orderId: '3705115058471208928',
  type: 'RETURN',
  reason: '少件',
  wechatStatus: 'MERCHANT_PROCESSING',
  state: 'open',
  error: null,
  createdAt: T0,
  updatedAt: T0,
  stills: [still(6, 'scan'), still(7, 'weight'), still(8, 'label')],
};

beforeEach(() => {
  document.head.insertAdjacentHTML('beforeend', '<meta name="packdesk-session" content="s3cret">');
  window.location.hash = '#/evidence';
});
afterEach(() => {
  cleanup();
  document.querySelector('meta[name="packdesk-session"]')?.remove();
  window.location.hash = '';
});

describe('evidence screen: after-sale disputes', () => {
  it('lists the case with its stills and sends the ticked ones once a supervisor badge is scanned', async () => {
    let state: DeskDisputeCase = openCase;
    const { calls } = renderApp(snapshot(), {
      handlers: {
        'video.disputes': (): DisputesResult => ({ ok: true, cases: [state] }),
        'video.disputeProof': () => {
          state = { ...openCase, state: 'sent', stills: [] };
          return state;
        },
        'video.find': ({ code }) => ({ code, packs: [] }),
      },
    });
    const card = await screen.findByTestId('dispute-case');
    expect(card.textContent).toContain('9705115058471208928');
    expect(card.textContent).toContain('少件');
    expect(screen.getByTestId('dispute-state').textContent).toBe('待举证');
    const boxes = screen.getAllByTestId('dispute-still');
    expect(boxes).toHaveLength(3);
    expect(screen.getByTestId('dispute-confirm')).toHaveProperty('disabled', true);

    fireEvent.click(boxes[0]!);
    fireEvent.click(boxes[2]!);
    fireEvent.click(screen.getByTestId('dispute-confirm'));
    // Confirm only asks for the badge: nothing is sent yet.
    expect(await screen.findByTestId('dispute-badge')).toBeTruthy();
    expect(calls.some((c) => c.method === 'video.disputeProof')).toBe(false);

    act(() => {
      window.dispatchEvent(new CustomEvent(EVIDENCE_SCAN, { detail: 'BADGE-S01' }));
    });
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'video.disputeProof')).toEqual([
        {
          method: 'video.disputeProof',
          args: { caseId: '9705115058471208928', stillIds: [6, 8], badge: 'BADGE-S01' },
        },
      ]),
    );
    // The badge was not looked up as a parcel.
    expect(calls.some((c) => c.method === 'video.find')).toBe(false);
    await waitFor(() => expect(screen.getByTestId('dispute-state').textContent).toBe('已提交举证'));
    expect(screen.getByTestId('dispute-message').textContent).toContain('已交给总部');
    expect(screen.queryAllByTestId('dispute-still')).toHaveLength(0);
  });

  it('shows the core refusing a badge and sends nothing more', async () => {
    const { calls } = renderApp(snapshot(), {
      handlers: {
        'video.disputes': (): DisputesResult => ({ ok: true, cases: [openCase] }),
        'video.disputeProof': () => {
          throw new CoreClientError({
            code: 'bad_request',
            message: "badge: BADGE-P01 is not a supervisor's badge",
            retryable: false,
          });
        },
      },
    });
    fireEvent.click((await screen.findAllByTestId('dispute-still'))[1]!);
    fireEvent.click(screen.getByTestId('dispute-confirm'));
    fireEvent.change(await screen.findByTestId('dispute-badge'), { target: { value: 'BADGE-P01' } });
    fireEvent.submit(screen.getByTestId('dispute-badge').closest('form')!);
    await waitFor(() => expect(screen.getByTestId('dispute-message').textContent).toContain('发送失败'));
    expect(calls.filter((c) => c.method === 'video.disputeProof')).toHaveLength(1);
    expect(screen.getByTestId('dispute-state').textContent).toBe('待举证');
  });

  it('says so when no order packed here is in dispute', async () => {
    renderApp(snapshot(), { handlers: { 'video.disputes': (): DisputesResult => ({ ok: true, cases: [] }) } });
    expect((await screen.findByTestId('dispute-none')).textContent).toContain('没有售后纠纷');
  });
});
