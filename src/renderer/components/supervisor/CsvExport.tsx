// CSV export of the range on screen, one button per grouping. The core builds the file (the same
// figures as the view); the renderer only saves it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { envelopeOf } from '../../client/types.js';
import { useServices } from '../../context.js';
import { downloadCsv } from './download.js';

export const CSV_GROUPINGS = ['station', 'packer', 'layout', 'hour', 'day'] as const;
export type CsvGrouping = (typeof CSV_GROUPINGS)[number];

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; by: CsvGrouping }
  | { kind: 'done'; filename: string }
  | { kind: 'error'; message: string };

/** `range` is null while the figures on screen are not yet those of the chosen dates. */
export function CsvExport({ range }: { range: { from: number; to: number } | null }) {
  const { t } = useTranslation();
  const { client } = useServices();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const exportBy = (by: CsvGrouping) => {
    if (!range) return;
    setStatus({ kind: 'busy', by });
    client.request('supervisor.csv', { from: range.from, to: range.to, by }).then(
      ({ filename, csv }) => {
        downloadCsv(filename, csv);
        setStatus({ kind: 'done', filename });
      },
      (err: unknown) => setStatus({ kind: 'error', message: envelopeOf(err).message }),
    );
  };

  return (
    <section className="supervisor-section csv-export" data-testid="csv-export" aria-label={t('supervisor.csv.title')}>
      <h2>{t('supervisor.csv.title')}</h2>
      <div className="csv-buttons">
        {CSV_GROUPINGS.map((by) => (
          <button
            key={by}
            type="button"
            data-testid={`csv-${by}`}
            disabled={!range || status.kind === 'busy'}
            onClick={() => exportBy(by)}
          >
            {t(`supervisor.csv.by.${by}`)}
          </button>
        ))}
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
