// The hero's product photo from the station (issue 12 §1): a station path (/images/<sha256>, served by
// the browser server with the session secret) gets the page's secret; a photo absent shows no box.
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { line, pack, snapshot } from './fixtures.js';
import { renderApp } from './render.js';

const SHA = 'ab'.repeat(32);
let meta: HTMLMetaElement;
beforeEach(() => {
  window.location.hash = '';
  localStorage.clear();
  meta = document.createElement('meta');
  meta.name = 'packdesk-session';
  meta.content = 's3cret/+';
  document.head.append(meta);
});
afterEach(() => {
  cleanup();
  meta.remove();
});

describe('hero product photo', () => {
  it('loads a station photo with the session secret', () => {
    renderApp(snapshot({ pack: pack({ lines: [line({ imageUrl: `/images/${SHA}`, expected: 2 })] }) }));
    expect(screen.getByTestId('hero-image').getAttribute('src')).toBe(`/images/${SHA}?session=s3cret%2F%2B`);
  });

  it('shows no photo box when the line has none', () => {
    renderApp(snapshot({ pack: pack({ lines: [line({ imageUrl: null, expected: 2 })] }) }));
    expect(screen.queryByTestId('hero-image')).toBeNull();
  });
});
