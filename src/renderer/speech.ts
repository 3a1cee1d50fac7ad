// Reading order notes aloud with the browser's speech synthesis: a packer with both hands in a box
// hears "礼物留言：生日快乐" without looking up. Guarded: Electron builds without voices, jsdom and
// old browsers have no speechSynthesis, and the desk must work the same without it.
import type { OrderNotes } from '../contract/entities.js';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The sentences to read, in the order they matter to the packer: gift first, then merchant, buyer. */
export function notesSpeech(notes: OrderNotes, t: Translate): string {
  return (['gift', 'merchant', 'buyer'] as const)
    .filter((k) => notes[k].trim() !== '')
    .map((k) => t('notes.speech', { label: t(`notes.${k}`), text: notes[k].trim() }))
    .join('。');
}

/** Speaks `text` in the UI language; false when this browser cannot speak. */
export function speak(text: string, locale: string): boolean {
  const synth = typeof window === 'undefined' ? undefined : window.speechSynthesis;
  const Utterance = typeof window === 'undefined' ? undefined : window.SpeechSynthesisUtterance;
  if (!synth || !Utterance || text === '') return false;
  const u = new Utterance(text);
  u.lang = locale.startsWith('en') ? 'en-US' : 'zh-CN';
  // The previous order's notes must not run on into this one.
  synth.cancel();
  synth.speak(u);
  return true;
}
