import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { renderApp } from './render.js';
import { snapshot } from './fixtures.js';

afterEach(cleanup);

describe('exceptions banner', () => {
  it('lists upstream exceptions in words and stays out of the way when there are none', async () => {
    const withOne = snapshot({
      exceptions: [
        {
          id: 'e1',
          orderId: '3700000000000000009',
          kind: 'cancelled_while_packed',
          detail: 'cancelled upstream',
          at: 1,
          source: 'hub',
        },
      ],
    });
    renderApp(withOne);
    const banner = await screen.findByTestId('exceptions');
    expect(banner.textContent).toContain('3700000000000000009');
    expect(banner.textContent).toContain('拦下包裹');
    expect(banner.querySelector('li')?.getAttribute('data-kind')).toBe('cancelled_while_packed');
  });

  it('renders nothing without exceptions', async () => {
    renderApp(snapshot());
    await screen.findByTestId('pack-state');
    expect(screen.queryByTestId('exceptions')).toBeNull();
  });
});
