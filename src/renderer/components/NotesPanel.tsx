// Buyer, merchant and gift notes of the order on the desk, large enough to read from a metre away,
// and read aloud once when the pack opens (speech.ts). A gift note usually means "no price inside".
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { hasNotes, type OrderNotes } from '../../contract/entities.js';
import { notesSpeech, speak } from '../speech.js';

export function NotesPanel({ packId, notes, live }: { packId: string; notes: OrderNotes | undefined; live: boolean }) {
  const { t, i18n } = useTranslation();
  const speech = hasNotes(notes) ? notesSpeech(notes, t) : '';
  // Once per pack and text (not on every snapshot), never for the finished pack still on screen.
  useEffect(() => {
    if (live && speech) speak(speech, i18n.language);
  }, [packId, live, speech, i18n.language]);
  if (!hasNotes(notes)) return null;
  return (
    <section className="notes-panel" data-testid="notes" aria-label={t('notes.title')}>
      {(['gift', 'merchant', 'buyer'] as const)
        .filter((k) => notes[k].trim() !== '')
        .map((k) => (
          <div key={k} className={`note note-${k}`} data-testid={`note-${k}`}>
            <span className="note-label">{t(`notes.${k}`)}</span>
            <span className="note-text">{notes[k].trim()}</span>
          </div>
        ))}
    </section>
  );
}
