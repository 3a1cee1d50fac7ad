// Order notes shown large and read aloud (speechSynthesis mocked: jsdom has none), and the inserts
// card of the open pack.
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pack, snapshot } from './fixtures.js';
import { renderApp } from './render.js';

class FakeUtterance {
  lang = '';
  constructor(readonly text: string) {}
}
const speakSpy = vi.fn();
const cancelSpy = vi.fn();

beforeEach(() => {
  window.location.hash = '';
  localStorage.clear();
  speakSpy.mockClear();
  cancelSpy.mockClear();
  vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
  vi.stubGlobal('speechSynthesis', { speak: speakSpy, cancel: cancelSpy });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const notes = { buyer: '请不要放发票', merchant: '老客户，加送小样', gift: '生日快乐！' };
const withNotes = (over: Parameters<typeof pack>[0] = {}) =>
  pack({ ...over, order: { ...pack().order, notes, ...(over.order ?? {}) } });

describe('order notes at the desk', () => {
  it('shows buyer, merchant and gift notes large and reads them out once in zh-CN', () => {
    const { store } = renderApp(snapshot({ pack: withNotes() }));
    expect(screen.getByTestId('note-gift').textContent).toBe('礼物留言生日快乐！');
    expect(screen.getByTestId('note-merchant').textContent).toContain('老客户，加送小样');
    expect(screen.getByTestId('note-buyer').textContent).toContain('请不要放发票');
    expect(speakSpy).toHaveBeenCalledTimes(1);
    const u = speakSpy.mock.calls[0]?.[0] as FakeUtterance;
    expect(u.lang).toBe('zh-CN');
    expect(u.text).toBe('礼物留言：生日快乐！。商家备注：老客户，加送小样。买家备注：请不要放发票');
    // A later snapshot of the same pack (a scan) does not repeat it.
    act(() => store.getState().setSnapshot(snapshot({ pack: withNotes({ parcelUnits: 3 }) })));
    expect(speakSpy).toHaveBeenCalledTimes(1);
    // The next order with notes is read out.
    act(() => store.getState().setSnapshot(snapshot({ pack: withNotes({ packId: 'P-2' }) })));
    expect(speakSpy).toHaveBeenCalledTimes(2);
  });

  it('speaks English when the UI is English', () => {
    renderApp(
      snapshot({
        pack: withNotes({ order: { ...pack().order, notes: { buyer: '', merchant: '', gift: 'Happy birthday' } } }),
      }),
      {
        locale: 'en',
      },
    );
    expect(screen.getByTestId('note-gift').textContent).toContain('Gift message');
    const u = speakSpy.mock.calls[0]?.[0] as FakeUtterance;
    expect([u.lang, u.text]).toEqual(['en-US', 'Gift message: Happy birthday']);
  });

  it('shows the remark only when the order has no notes apart (they would repeat it)', () => {
    const remark = '买家备注: 请不要放发票';
    renderApp(snapshot({ pack: withNotes({ order: { ...pack().order, remark, notes } }) }));
    expect(screen.queryByTestId('remark')).toBeNull();
    cleanup();
    renderApp(snapshot({ pack: pack({ order: { ...pack().order, remark } }) }));
    expect(screen.getByTestId('remark').textContent).toContain('请不要放发票');
  });

  it('shows nothing and says nothing for an order without notes, and works without speechSynthesis', () => {
    renderApp(snapshot({ pack: pack() }));
    expect(screen.queryByTestId('notes')).toBeNull();
    expect(speakSpy).not.toHaveBeenCalled();
    cleanup();
    vi.stubGlobal('speechSynthesis', undefined);
    renderApp(snapshot({ pack: withNotes() }));
    expect(screen.getByTestId('note-gift')).toBeTruthy();
  });

  it('does not read the notes of the finished pack still on screen', () => {
    renderApp(snapshot({ pack: null, lastPack: withNotes({ state: 'done' }) }));
    expect(screen.getByTestId('notes')).toBeTruthy();
    expect(speakSpy).not.toHaveBeenCalled();
  });
});

describe('inserts card', () => {
  it('lists the inserts with how to confirm each, ticking confirmed ones', () => {
    renderApp(
      snapshot({
        pack: pack({
          inserts: [
            {
              id: 'GIFT-CARD',
              title: '感谢卡',
              barcode: '6901999000014',
              weightG: 10,
              confirmed: false,
              parcelNo: null,
            },
            { id: 'FLYER', title: '新品传单', barcode: null, weightG: 0, confirmed: true, parcelNo: 1 },
          ],
        }),
      }),
    );
    expect(screen.getByTestId('insert-GIFT-CARD').textContent).toContain('扫描条码 6901999000014');
    expect(screen.getByTestId('insert-GIFT-CARD').dataset.confirmed).toBe('false');
    expect(screen.getByTestId('insert-FLYER').textContent).toContain('已放入');
  });
});
