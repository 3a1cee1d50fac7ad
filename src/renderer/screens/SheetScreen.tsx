// The printable barcode sheet (#/sheet): every command, quantity, reason, packaging, badge, product
// and demo order as a Code 128, so the whole desk runs on the scanner alone. #/sheet/card is the
// one-page desk command card (needs no station). The sheet keeps asking until the station answers.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { BarcodeSheet, SheetEntry } from '../../contract/api/sheet.js';
import { parseCommand, parsePackaging, parseReason } from '../../contract/commands.js';
import { envelopeOf } from '../client/types.js';
import { useApp, useServices } from '../context.js';
import { CommandCard } from '../components/sheet/CommandCard.js';
import { Barcode } from '../label/Barcode.js';
import { barcodeSvg } from '../label/bwip.js';

/** The translated name of a fixed entry: its labelKey when we know it, else derived from the code. */
export function entryLabel(entry: SheetEntry, t: TFunction, exists: (key: string) => boolean): string | null {
  const cmd = parseCommand(entry.code);
  if (cmd && cmd.name === 'QTY') return t('command.QTY', { n: cmd.qty });
  if (cmd && cmd.name !== 'INVALID') return t(`command.${cmd.name}`);
  const reason = parseReason(entry.code);
  if (reason) return t(`reason.${reason.purpose}.${reason.reason}`);
  const packaging = parsePackaging(entry.code);
  if (packaging && exists(`packaging.${packaging}`)) return t(`packaging.${packaging}`);
  if (entry.labelKey && exists(entry.labelKey)) return t(entry.labelKey);
  return null;
}

function Entry({ entry, label, extra }: { entry: SheetEntry; label: string | null; extra?: ReactNode }) {
  const { t } = useTranslation();
  const drawable = barcodeSvg('code128', entry.code) !== null;
  return (
    <li className="sheet-entry" data-testid={`sheet-entry-${entry.code}`}>
      {label ? <div className="sheet-label">{label}</div> : null}
      {drawable ? <Barcode text={entry.code} /> : <div className="sheet-warn">{t('sheet.barcodeError')}</div>}
      <div className="sheet-code">{entry.code}</div>
      {entry.text && entry.text !== entry.code && entry.text !== label ? (
        <div className="sheet-text">{entry.text}</div>
      ) : null}
      {extra}
    </li>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <section className="sheet-section" data-testid={testId}>
      <h2>{title}</h2>
      <ul className="sheet-grid">{children}</ul>
    </section>
  );
}

function SheetBody({ sheet }: { sheet: BarcodeSheet }) {
  const { t, i18n } = useTranslation();
  const exists = (key: string) => i18n.exists(key);
  const fixed = (entries: SheetEntry[]) =>
    entries.map((e) => <Entry key={e.code} entry={e} label={entryLabel(e, t, exists)} />);
  return (
    <>
      <Section title={t('sheet.commands')} testId="sheet-commands">
        {fixed(sheet.commands)}
      </Section>
      <Section title={t('sheet.quantities')} testId="sheet-quantities">
        {fixed(sheet.quantities)}
      </Section>
      <Section title={t('sheet.reasonsHold')} testId="sheet-reasons-hold">
        {fixed(sheet.reasons.hold)}
      </Section>
      <Section title={t('sheet.reasonsOverride')} testId="sheet-reasons-override">
        {fixed(sheet.reasons.override)}
      </Section>
      <Section title={t('sheet.packaging')} testId="sheet-packaging">
        {fixed(sheet.packaging)}
      </Section>
      {sheet.handover ? (
        <Section title={t('handover.commands')} testId="sheet-handover">
          {fixed(sheet.handover)}
        </Section>
      ) : null}
      <Section title={t('sheet.badges')} testId="sheet-badges">
        {sheet.badges.map((b) => (
          <Entry
            key={b.code}
            entry={b}
            label={b.text}
            extra={<div className="sheet-text">{t(`role.${b.role}`)}</div>}
          />
        ))}
      </Section>
      <Section title={t('sheet.products')} testId="sheet-products">
        {sheet.products.map((p) => (
          <Entry
            key={p.code}
            entry={p}
            label={p.text}
            extra={
              <div className="sheet-text">
                {t('sheet.sku')} {p.sku}
                {p.bundle ? ` · ${t('sheet.bundle')}` : ''}
              </div>
            }
          />
        ))}
      </Section>
      <Section title={t('sheet.orders')} testId="sheet-orders">
        {sheet.orders.map((o) => (
          <Entry
            key={o.code}
            entry={o}
            label={o.text === o.code ? null : o.text}
            extra={
              <div className="sheet-text">
                {o.pickSlip ? `${t('order.pickSlip')} ${o.pickSlip} · ` : ''}
                {t(`orderStatus.${o.status}`, { defaultValue: o.status })}
                {o.flags.map((f) => ` · ${t(`flag.${f}`, { defaultValue: f })}`).join('')}
              </div>
            }
          />
        ))}
      </Section>
    </>
  );
}

type Load =
  { kind: 'loading' } | { kind: 'ready'; sheet: BarcodeSheet } | { kind: 'error'; message: string; retries: number };

/** How long the sheet waits before asking a station that did not answer again. */
export const SHEET_RETRY_MS = 2000;

function isCardHash(hash: string): boolean {
  return /^#\/?sheet\/card\b/.test(hash);
}

function useCardTab(): boolean {
  const [card, setCard] = useState(() => isCardHash(window.location.hash));
  useEffect(() => {
    const sync = () => setCard(isCardHash(window.location.hash));
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, []);
  return card;
}

/**
 * The sheet from the station, asked again every SHEET_RETRY_MS and whenever the link comes back
 * until it answers: opened before the station is up, the page fills itself in (issue 12 §7).
 */
function useSheet(): Load {
  const { client } = useServices();
  const connection = useApp((s) => s.connection);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const ready = load.kind === 'ready';
  const retries = load.kind === 'error' ? load.retries : 0;

  useEffect(() => {
    if (ready) return;
    let live = true;
    const timer = setTimeout(
      () => {
        client.request('sheet.get', { orders: 60 }).then(
          (sheet) => live && setLoad({ kind: 'ready', sheet }),
          (err: unknown) => live && setLoad({ kind: 'error', message: envelopeOf(err).message, retries: retries + 1 }),
        );
      },
      retries === 0 ? 0 : SHEET_RETRY_MS,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, ready, retries, connection]);
  return load;
}

function Sheet() {
  const { t } = useTranslation();
  const load = useSheet();
  return (
    <>
      <h1>{t('sheet.title')}</h1>
      {load.kind === 'loading' ? <p>{t('sheet.loading')}</p> : null}
      {load.kind === 'error' ? (
        <p className="sheet-error" data-testid="sheet-error" role="status">
          {t('sheet.error', { message: load.message })} {t('card.waiting', { count: load.retries })}
        </p>
      ) : null}
      {load.kind === 'ready' ? <SheetBody sheet={load.sheet} /> : null}
    </>
  );
}

export function SheetScreen() {
  const { t } = useTranslation();
  const card = useCardTab();
  return (
    <div className={card ? 'sheet-screen card-screen' : 'sheet-screen'}>
      <nav className="sheet-nav no-print">
        <a href="#/" data-testid="sheet-back">
          ← {t('sheet.back')}
        </a>
        <a href="#/sheet" data-testid="sheet-tab-sheet" aria-current={card ? undefined : 'page'}>
          {t('card.tabSheet')}
        </a>
        <a href="#/sheet/card" data-testid="sheet-tab-card" aria-current={card ? 'page' : undefined}>
          {t('card.tabCard')}
        </a>
        <button type="button" onClick={() => window.print()}>
          {t('sheet.print')}
        </button>
        {card ? <span className="muted">{t('card.hint')}</span> : null}
      </nav>
      {card ? <CommandCard /> : <Sheet />}
    </div>
  );
}
