// Spreadsheet export of the range on screen (issue 12 §6): Excel (XLSX) or CSV, one button per
// grouping, headers in the UI's language, minutes and yuan, names beside ids. The core builds the
// file (from the hub when it has one, else from its own log); the renderer only saves it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { envelopeOf } from '../../client/types.js';
import { useServices } from '../../context.js';
import { downloadBase64 } from './download.js';

export const CSV_GROUPINGS = ['station', 'packer', 'layout', 'hour', 'day'] as const;
export type CsvGrouping = (typeof CSV_GROUPINGS)[number];
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; by: CsvGrouping }
  | { kind: 'done'; filename: string }
  | { kind: 'error'; message: string };

/** `range` is null while the figures on screen are not yet those of the chosen dates. */
export function CsvExport({ range }: { range: { from: number; to: number } | null }) {
  const { t, i18n } = useTranslation();
  const { client } = useServices();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const exportBy = (by: CsvGrouping, format: ExportFormat) => {
    if (!range) return;
    setStatus({ kind: 'busy', by });
    const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
    client.request('supervisor.export', { from: range.from, to: range.to, by, format, lang }).then(
      ({ filename, base64, mime }) => {
        downloadBase64(filename, base64, mime);
        setStatus({ kind: 'done', filename });
      },
      (err: unknown) => setStatus({ kind: 'error', message: envelopeOf(err).message }),
    );
  };

  return (
    <section className="supervisor-section csv-export" data-testid="csv-export" aria-label={t('supervisor.csv.title')}>
      <h2>{t('supervisor.csv.title')}</h2>
      {EXPORT_FORMATS.map((format) => (
        <div key={format} className="csv-buttons" data-format={format}>
          <span className="strong">{t(`supervisor.csv.format.${format}`)}</span>
          {CSV_GROUPINGS.map((by) => (
            <button
              key={by}
              type="button"
              data-testid={`${format}-${by}`}
              disabled={!range || status.kind === 'busy'}
              onClick={() => exportBy(by, format)}
            >
              {t(`supervisor.csv.by.${by}`)}
            </button>
          ))}
        </div>
      ))}
      <div className="csv-buttons">
        {status.kind === 'busy' ? <span className="muted">{t('supervisor.csv.exporting')}</span> : null}
        {status.kind === 'done' ? (
          <span className="action-ok" data-testid="csv-result" data-outcome="done" role="status">
            {t('supervisor.csv.done', { filename: status.filename })}
          </span>
        ) : null}
        {status.kind === 'error' ? (
          <span className="action-error" data-testid="csv-result" data-outcome="error" role="alert">
            {t('supervisor.csv.error', { message: status.message })}
          </span>
        ) : null}
      </div>
    </section>
  );
}
