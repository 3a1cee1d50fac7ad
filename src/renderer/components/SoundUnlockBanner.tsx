// Browsers keep audio locked until a user gesture. A keyboard-wedge scan is one; a serial or
// simulated scanner's scans never reach the page as keystrokes, so the error buzz would stay silent
// all shift. This banner asks for one click or key press, unlocks audio with it, and goes away.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../context.js';
import { colors } from '../theme.js';

const GESTURES = ['pointerdown', 'click', 'keydown'] as const;

export function SoundUnlockBanner({ scannerKind }: { scannerKind: string | null }) {
  const { t } = useTranslation();
  const { sound } = useServices();
  const [unlocked, setUnlocked] = useState(() => sound.unlocked());
  const needed = scannerKind !== null && scannerKind !== 'keyboard' && !unlocked;

  useEffect(() => sound.onUnlock(() => setUnlocked(true)), [sound]);

  useEffect(() => {
    if (!needed) return;
    // Capture phase on the window: the gesture counts wherever it lands, overlay included.
    const onGesture = () => sound.unlock();
    for (const type of GESTURES) window.addEventListener(type, onGesture, { capture: true });
    return () => {
      for (const type of GESTURES) window.removeEventListener(type, onGesture, { capture: true });
    };
  }, [needed, sound]);

  if (!needed) return null;
  return (
    <div className="sound-banner" data-testid="sound-unlock" role="alert" style={{ background: colors.amber }}>
      <span aria-hidden="true">🔇</span> {t('soundUnlock.banner')} <small>{t('soundUnlock.why')}</small>
    </div>
  );
}
