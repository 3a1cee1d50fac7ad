// The desk command card (issue 12 §7): the commands a packer scans all day, on one A5 page to tape
// beside the scanner. Every code is drawn at ≥ 0.25 mm per module inside its cell with its quiet
// zone, so it scans off the printout; test/renderer/command-card.test.tsx decodes each one.
import { useTranslation } from 'react-i18next';
import { Barcode } from '../../label/Barcode.js';
import { barcodeSvg } from '../../label/bwip.js';
import { CARD_GROUPS, CARD_MODULE_MM, QUIET_MM, type CardCode } from './card-codes.js';

function Cell({ entry }: { entry: CardCode }) {
  const { t } = useTranslation();
  const bars = barcodeSvg('code128', entry.code);
  return (
    <li
      className="card-cell"
      data-testid={`card-${entry.code}`}
      data-module-mm={CARD_MODULE_MM}
      // The quiet zone is the cell's own padding, so a neighbour can never crowd the bars.
      style={{ paddingLeft: `${QUIET_MM}mm`, paddingRight: `${QUIET_MM}mm` }}
    >
      <div className="card-label">{t(entry.labelKey, entry.labelParams)}</div>
      {bars ? (
        <Barcode text={entry.code} moduleMm={CARD_MODULE_MM} heightMm={6.5} />
      ) : (
        <div className="sheet-warn">{t('sheet.barcodeError')}</div>
      )}
      <div className="card-code">{entry.code}</div>
    </li>
  );
}

export function CommandCard() {
  const { t } = useTranslation();
  return (
    <article className="command-card" data-testid="command-card" aria-labelledby="command-card-title">
      <h1 id="command-card-title" className="card-title">
        {t('card.title')}
      </h1>
      {CARD_GROUPS.map((g) => (
        <section
          key={g.id}
          className="card-group"
          data-testid={`card-group-${g.id}`}
          aria-label={t(`card.group.${g.id}`)}
        >
          <h2>{t(`card.group.${g.id}`)}</h2>
          <ul className="card-grid">
            {g.codes.map((c) => (
              <Cell key={c.code} entry={c} />
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}
