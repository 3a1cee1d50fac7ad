// Numbers on the supervisor view read as numbers (issue 12 §6): no float noise on axes and tooltips,
// and a rate held back below the minimum active time shows "—" with the reason.
import { cleanup, render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { axisNumber, axisPercent, percent } from '../../src/renderer/components/supervisor/format.js';
import { Rate } from '../../src/renderer/components/supervisor/Rate.js';
import { createI18n } from '../../src/renderer/i18n/index.js';

afterEach(cleanup);

describe('axis and tooltip numbers', () => {
  it('never shows floating-point noise', () => {
    expect(axisPercent(15.995999999999999)).toBe('16%');
    expect(axisPercent(0.30000000000000004)).toBe('0.3%');
    expect(axisPercent(1.25)).toBe('1.25%');
    expect(axisNumber(67.99999999999999)).toBe('68');
    expect(axisPercent(Number.NaN)).toBe('—');
    expect(percent(0.15995999999999999)).toBe('16.0%');
  });
});

describe('Rate', () => {
  const draw = (value: number | null, activeMs: number, locale: 'zh-CN' | 'en' = 'zh-CN') =>
    render(
      <I18nextProvider i18n={createI18n(locale)}>
        <Rate value={value} activeMs={activeMs} minActiveMinutes={15} />
      </I18nextProvider>,
    ).container;

  it('shows the rate with one decimal when there is one', () => {
    expect(draw(68.04, 3_600_000).textContent).toBe('68.0');
  });

  it('shows — with why when held back below the minimum active time', () => {
    const held = draw(null, 2 * 60_000).querySelector('[data-held="true"]');
    expect(held?.textContent).toBe('—');
    expect(held?.getAttribute('title')).toBe('有效工作不足 15 分钟（目前 2 分钟），暂不计算速率');
    const en = draw(null, 2 * 60_000, 'en').querySelector('[data-held="true"]');
    expect(en?.getAttribute('title')).toContain('Less than 15 min of active work (2 min so far)');
  });
});
