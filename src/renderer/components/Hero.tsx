// The biggest thing on the pack screen is what the packer needs next (issue 12 §1): the next item
// to scan while verifying, the live weight against its window while weighing, the waybill and
// carrier once the label is out. One component per step, chosen by the pack's state.
import { useTranslation } from 'react-i18next';
import type { PackLine } from '../../contract/entities.js';
import type { LabelView, PackView, WeightWindow } from '../../contract/station.js';
import { useApp } from '../context.js';
import { formatWeight, weightZone } from '../format.js';
import { colors } from '../theme.js';
import { withSession } from '../session-url.js';

export type HeroKind = 'item' | 'inserts' | 'weight' | 'label' | 'none';

/** The line the packer should scan next: the first one still short, in order-line order. */
export function activeLine(lines: readonly PackLine[]): PackLine | null {
  return lines.find((l) => l.scanned < l.expected) ?? null;
}

export function heroKind(state: string, pack: PackView | null): HeroKind {
  if (!pack) return 'none';
  if (state === 'verifying' || state === 'idle') {
    if (activeLine(pack.lines)) return 'item';
    return (pack.inserts ?? []).some((i) => !i.confirmed) ? 'inserts' : 'none';
  }
  if (state === 'weighing' || state === 'exception') return 'weight';
  if (state === 'labeling' || state === 'done') return pack.labels.length > 0 ? 'label' : 'none';
  return 'none';
}

function ItemHero({ pack, line }: { pack: PackView; line: PackLine }) {
  const { t } = useTranslation();
  const remaining = line.expected - line.scanned;
  const scanned = pack.lines.reduce((n, l) => n + l.scanned, 0);
  const expected = pack.lines.reduce((n, l) => n + l.expected, 0);
  return (
    <section className="hero hero-item" data-testid="hero" data-hero="item" data-product={line.productId}>
      {line.imageUrl ? (
        // A fixed box: a slow or missing photo never moves the rest of the screen.
        <div className="hero-image">
          <img src={withSession(line.imageUrl)} alt="" data-testid="hero-image" />
        </div>
      ) : null}
      <div className="hero-body">
        <div className="hero-caption">{t('console.hero.next')}</div>
        <div className="hero-title" data-testid="hero-title">
          {line.title}
        </div>
        <div className="hero-meta">
          <span className="hero-sku">{line.sku}</span> · {t(`category.${line.category}`)}
          {line.bundleTitle ? <> · {t('order.bundle', { title: line.bundleTitle })}</> : null}
        </div>
        <div className="hero-progress">
          {t('console.hero.otherLines', { lines: pack.lines.length, scanned, expected })}
        </div>
      </div>
      <div className="hero-qty" aria-label={t('console.hero.remaining', { count: remaining })}>
        <span className="hero-qty-label">{t('console.hero.remainingLabel')}</span>
        <span className="hero-remaining" data-testid="hero-remaining" data-remaining={remaining}>
          {remaining}
        </span>
        <span className="hero-qty-label">{t('console.hero.remainingUnit')}</span>
      </div>
    </section>
  );
}

/** Where the reading sits in the window, 0–100 % across a bar that shows the window in its middle third. */
function gaugePosition(grams: number, w: WeightWindow): number {
  const span = Math.max(w.maxG - w.minG, 1);
  const pos = ((grams - (w.minG - span)) / (span * 3)) * 100;
  return Math.max(0, Math.min(100, pos));
}

export function WeightHero({ weightWindow, state }: { weightWindow: WeightWindow | null; state: string }) {
  const { t } = useTranslation();
  const reading = useApp((s) => s.scale);
  const minG = weightWindow?.minG ?? 0;
  const ok = reading !== null && reading.status === 'ok';
  // An empty platform is neutral, never a red "0 g".
  const empty = ok && reading.grams < Math.max(1, minG / 4);
  // While weighing, the core judges the first stable reading after the platform was cleared. A stable
  // weight still waiting is what was left on the scale (the previous parcel): never judged as this one.
  const leftOver = ok && !empty && state === 'weighing' && reading.stable;
  const grams = ok && !empty && !leftOver ? reading.grams : null;
  const zone = weightZone(grams, weightWindow);
  const diff = grams !== null && weightWindow ? grams - weightWindow.expectedG : 0;
  const zoneText =
    zone === 'inside'
      ? t('console.hero.inWindow')
      : zone === 'outside'
        ? t(diff > 0 ? 'console.hero.heavy' : 'console.hero.light', { diff: formatWeight(Math.abs(diff)) })
        : null;
  const color = zone === 'inside' ? colors.green : zone === 'outside' ? colors.red : colors.ink;
  return (
    <section className="hero hero-weight" data-testid="hero" data-hero="weight" data-zone={zone}>
      <div className="hero-body">
        <div className="hero-caption">{t('console.hero.weighTitle')}</div>
        <div
          className="hero-live"
          data-testid="hero-weight"
          data-grams={grams ?? ''}
          data-empty={empty}
          style={{ color: leftOver ? colors.muted : color }}
        >
          {reading === null
            ? t('scale.noReading')
            : reading.status !== 'ok'
              ? t(`scale.status.${reading.status}`)
              : empty
                ? t('console.hero.empty')
                : formatWeight(reading.grams)}
        </div>
        {leftOver ? (
          <div className="hero-meta" data-testid="hero-left-over">
            {t('console.hero.clearFirst')}
          </div>
        ) : grams !== null && reading && !reading.stable ? (
          <div className="hero-meta">{t('console.hero.unstable')}</div>
        ) : null}
      </div>
      {weightWindow ? (
        <div className="hero-window" data-testid="hero-window">
          <div className="hero-window-text">
            {t('console.hero.window', { min: formatWeight(weightWindow.minG), max: formatWeight(weightWindow.maxG) })}
            <span className="muted">
              {' '}
              · {t('console.hero.expected', { expected: formatWeight(weightWindow.expectedG) })}
            </span>
          </div>
          <div className="gauge" aria-hidden="true">
            <div className="gauge-window" />
            {grams !== null ? (
              <div
                className={`gauge-marker gauge-${zone}`}
                data-testid="gauge-marker"
                style={{ left: `${gaugePosition(grams, weightWindow)}%`, background: color }}
              />
            ) : null}
          </div>
          {zoneText ? (
            <div className="hero-zone" data-testid="hero-zone" data-zone={zone} style={{ color }}>
              {zoneText}
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function LabelHero({
  labels,
  carriers,
  done,
}: {
  labels: LabelView[];
  carriers: Record<string, string>;
  done: boolean;
}) {
  const { t } = useTranslation();
  const label = labels[labels.length - 1]!;
  const status =
    label.status === 'printed'
      ? 'console.hero.labelPrinted'
      : label.status === 'queued'
        ? 'console.hero.labelQueued'
        : label.status === 'pending_waybill'
          ? 'console.hero.labelPending'
          : 'console.hero.labelFailed';
  const statusColor = label.status === 'printed' ? colors.green : label.status === 'failed' ? colors.red : colors.amber;
  return (
    <section className="hero hero-label" data-testid="hero" data-hero="label" data-done={done}>
      <div className="hero-body">
        <div className="hero-caption" style={{ color: statusColor }} data-testid="hero-label-status">
          {t(status)}
        </div>
        <div className="hero-carrier" data-testid="hero-carrier">
          {t(`carrier.${label.carrier}`, { defaultValue: carriers[label.carrier] ?? label.carrier })}
        </div>
        {labels.length > 1 ? (
          <div className="hero-meta">{t('console.hero.parcels', { count: labels.length })}</div>
        ) : null}
      </div>
      <div className="hero-waybill-box">
        <div className="hero-caption">{t('console.hero.waybill')}</div>
        <div className="hero-waybill" data-testid="hero-waybill">
          {label.waybill ?? '—'}
        </div>
      </div>
    </section>
  );
}

export function Hero({
  state,
  pack,
  carriers,
}: {
  state: string;
  pack: PackView | null;
  carriers: Record<string, string>;
}) {
  const { t } = useTranslation();
  const kind = heroKind(state, pack);
  if (!pack || kind === 'none') return null;
  if (kind === 'item') return <ItemHero pack={pack} line={activeLine(pack.lines)!} />;
  if (kind === 'inserts')
    return (
      <section className="hero hero-inserts" data-testid="hero" data-hero="inserts">
        <div className="hero-title">{t('console.hero.inserts')}</div>
      </section>
    );
  if (kind === 'weight') return <WeightHero weightWindow={pack.weight} state={state} />;
  return <LabelHero labels={pack.labels} carriers={carriers} done={state === 'done'} />;
}
