// The printable barcode sheet (#/sheet): every command, quantity, reason, packaging, badge, product
// and demo order as a Code 128, so the whole desk runs on the scanner alone.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { BarcodeSheet, SheetEntry } from '../../contract/api/sheet.js';
import { parseCommand, parsePackaging, parseReason } from '../../contract/commands.js';
import { envelopeOf } from '../client/types.js';
import { useServices } from '../context.js';
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

type Load = { kind: 'loading' } | { kind: 'ready'; sheet: BarcodeSheet } | { kind: 'error'; message: string };

export function SheetScreen() {
  const { t } = useTranslation();
  const { client } = useServices();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    client.request('sheet.get', { orders: 60 }).then(
      (sheet) => live && setLoad({ kind: 'ready', sheet }),
      (err: unknown) => live && setLoad({ kind: 'error', message: envelopeOf(err).message }),
    );
    return () => {
      live = false;
    };
  }, [client]);

  return (
    <div className="sheet-screen">
      <nav className="sheet-nav no-print">
        <a href="#/" data-testid="sheet-back">
          ← {t('sheet.back')}
        </a>
        <button type="button" onClick={() => window.print()}>
          {t('sheet.print')}
        </button>
      </nav>
      <h1>{t('sheet.title')}</h1>
      {load.kind === 'loading' ? <p>{t('sheet.loading')}</p> : null}
      {load.kind === 'error' ? <p className="sheet-error">{t('sheet.error', { message: load.message })}</p> : null}
      {load.kind === 'ready' ? <SheetBody sheet={load.sheet} /> : null}
    </div>
  );
}
