// Preview of the parcel's latest label and its print status. With the model at hand the layout is
// computed here by the same shared code the printer encoders use; without it (e.g. a label built
// before this window opened) the core is asked for the finished layout.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { layoutLabel } from '../../domain/label/layout.js';
import type { LabelLayout, LabelSize } from '../../contract/label.js';
import type { LabelStatus, LabelView } from '../../contract/station.js';
import { useServices } from '../context.js';
import { LabelSvg } from '../label/LabelSvg.js';
import { colors } from '../theme.js';

const STATUS_COLOR: Record<LabelStatus, string> = {
  printed: colors.green,
  queued: colors.amber,
  pending_waybill: colors.amber,
  failed: colors.red,
};

type Fetched = { labelId: string; layout: LabelLayout | null };

function useLabelLayout(label: LabelView | null, size: LabelSize): { layout: LabelLayout | null; loading: boolean } {
  const { client } = useServices();
  const [fetched, setFetched] = useState<Fetched | null>(null);
  const labelId = label?.labelId ?? null;
  const model = label?.model ?? null;
  const needsFetch = label !== null && model === null && label.status !== 'pending_waybill';

  // A label's model barely changes once built, but every snapshot brings a fresh object: recompute
  // when the label, its waybill or its 补打 mark changes (a job the printer may already have printed
  // goes out marked as a reprint, and the preview must show the mark the printed label carries).
  const local = useMemo(() => {
    if (!model) return null;
    try {
      return layoutLabel(model, size);
    } catch (err) {
      console.error('label layout failed', err);
      return null;
    }
  }, [labelId, model?.waybill, model?.reprint, model === null, size.widthMm, size.heightMm]);

  useEffect(() => {
    if (!needsFetch || labelId === null) return;
    let live = true;
    client.request('labels.get', { labelId }).then(
      (res) => live && setFetched({ labelId, layout: res.layout }),
      () => live && setFetched({ labelId, layout: null }),
    );
    return () => {
      live = false;
    };
  }, [client, labelId, needsFetch, label?.status]);

  if (local) return { layout: local, loading: false };
  if (!needsFetch) return { layout: null, loading: false };
  if (fetched && fetched.labelId === labelId) return { layout: fetched.layout, loading: false };
  return { layout: null, loading: true };
}

/** `size` is the printer's label stock and `carriers` the configured names (both from the snapshot). */
export function LabelPanel({
  labels,
  size,
  carriers,
}: {
  labels: LabelView[];
  size: LabelSize;
  carriers: Record<string, string>;
}) {
  const { t } = useTranslation();
  const label = labels.length > 0 ? labels[labels.length - 1]! : null;
  const { layout, loading } = useLabelLayout(label, size);

  return (
    <section
      className="label-panel"
      data-testid="label-preview"
      data-label-id={label?.labelId ?? ''}
      data-status={label?.status ?? ''}
    >
      <h2>{t('label.title')}</h2>
      {label === null ? (
        <div className="muted">{t('label.none')}</div>
      ) : (
        <>
          <div
            className="label-status"
            data-testid="label-status"
            data-status={label.status}
            style={{ color: STATUS_COLOR[label.status] }}
          >
            {t(`label.status.${label.status}`)}
            {label.waybill ? (
              <span className="waybill"> · {t('label.waybill', { waybill: label.waybill })}</span>
            ) : null}
          </div>
          <div className="muted">
            {t('label.carrier')}{' '}
            {t(`carrier.${label.carrier}`, { defaultValue: carriers[label.carrier] ?? label.carrier })}
            {labels.length > 1 ? ` · ${t('order.parcel', { n: label.parcelNo })}` : null}
          </div>
          {label.error && label.status !== 'printed' ? (
            <div className="label-error" style={{ color: STATUS_COLOR[label.status] }}>
              {t('label.queuedReason', { reason: label.error })}
            </div>
          ) : null}
          {layout ? (
            <LabelSvg layout={layout} title={label.waybill ?? label.labelId} />
          ) : loading ? (
            <div className="muted">{t('label.loading')}</div>
          ) : label.status === 'pending_waybill' ? null : (
            <div className="muted">{t('label.unavailable')}</div>
          )}
        </>
      )}
    </section>
  );
}
