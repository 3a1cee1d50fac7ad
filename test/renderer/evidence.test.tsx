// The evidence screen (#/evidence): a wedge scan or a typed code looks the parcel's video up; the
// clip, the timeline of scans and the export carry the session secret; nothing found says so.
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { viewFromHash } from '../../src/renderer/App.js';
import { EVIDENCE_SCAN } from '../../src/renderer/scan/useWedge.js';
import type { EvidenceResult } from '../../src/contract/api.js';
import { snapshot } from './fixtures.js';
import { renderApp } from './render.js';

const T0 = Date.UTC(2026, 11, 2, 5, 0, 0);
const found: EvidenceResult = {
  code: 'SF100',
  packs: [
    {
      packId: 'PK1',
      orderId: 'O-1',
      waybills: ['SF100'],
      packerId: 'P01',
      startMs: T0,
      endMs: T0 + 20_000,
      pinned: false,
      clips: [
        {
          id: 5,
          kind: 'clip',
          cameraId: 'top',
          moment: null,
          at: T0,
          bytes: 10,
          sha256: 'a'.repeat(64),
          url: '/video/file/5',
        },
      ],
      stills: [
        {
          id: 6,
          kind: 'still',
          cameraId: 'top',
          moment: 'weight',
          at: T0 + 9000,
          bytes: 10,
          sha256: 'b'.repeat(64),
          url: '/video/file/6',
        },
      ],
      marks: [
        { at: T0 + 2000, kind: 'order', text: 'O-1', verdict: 'order_opened' },
        { at: T0 + 5000, kind: 'scan', text: '6901234567892', verdict: 'item_ok' },
        { at: T0 + 9000, kind: 'weight', text: '512 g', verdict: null },
        { at: T0 + 12_000, kind: 'label', text: 'SF100', verdict: null },
      ],
      exportUrl: '/video/export/PK1.zip',
    },
  ],
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

describe('evidence screen', () => {
  it('is its own route', () => {
    expect(viewFromHash('#/evidence')).toBe('evidence');
  });

  it('a wedge scan finds the clip; the timeline shows the scans; files carry the session', async () => {
    const { calls } = renderApp(snapshot(), {
      handlers: { 'video.find': ({ code }) => (code === 'SF100' ? found : { code, packs: [] }) },
    });
    await screen.findByTestId('evidence-screen');
    act(() => {
      window.dispatchEvent(new CustomEvent(EVIDENCE_SCAN, { detail: 'SF100' }));
    });
    expect(await screen.findByTestId('evidence-order')).toHaveProperty('textContent', 'O-1');
    expect(calls.filter((c) => c.method === 'video.find')).toEqual([{ method: 'video.find', args: { code: 'SF100' } }]);
    expect(screen.getByTestId('evidence-video').getAttribute('src')).toBe('/video/file/5?session=s3cret');
    const marks = screen.getAllByTestId('evidence-mark');
    expect(marks.map((m) => m.getAttribute('data-kind'))).toEqual(['order', 'scan', 'weight', 'label']);
    expect(marks[1]?.textContent).toContain('0:05');
    expect(marks[1]?.textContent).toContain('6901234567892');
    expect(screen.getByTestId('evidence-export').getAttribute('href')).toBe('/video/export/PK1.zip?session=s3cret');
  });

  it('a typed code that has no video says so', async () => {
    renderApp(snapshot(), { handlers: { 'video.find': ({ code }) => ({ code, packs: [] }) } });
    fireEvent.change(await screen.findByTestId('evidence-code'), { target: { value: 'NOPE1' } });
    fireEvent.submit(screen.getByTestId('evidence-code').closest('form')!);
    await waitFor(() => expect(screen.getByTestId('evidence-none').textContent).toContain('NOPE1'));
  });
});
