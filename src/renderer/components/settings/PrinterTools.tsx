// Asking the running printer how it is, and printing a calibration page with the saved settings.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterStatusView } from '../../../contract/api.js';
import { useServices } from '../../context.js';
import { ActionResult } from './ActionResult.js';
import { useAction } from './useAction.js';

function StatusReport({ status }: { status: PrinterStatusView }) {
  const { t } = useTranslation();
  const { report } = status;
  return (
    <div className="printer-report" data-testid="printer-report" data-ready={report ? report.ready : 'unknown'}>
      <div>
        {t(`device.state.${status.state}`, { defaultValue: status.state })}
        {status.detail ? ` · ${status.detail}` : ''}
      </div>
      {report === null ? (
        <div data-testid="printer-one-way">{t('settings.printer.oneWay')}</div>
      ) : (
        <>
          <div>{report.ready ? t('settings.printer.ready') : t('settings.printer.notReady')}</div>
          {report.fault ? (
            <div className="action-error">{t('settings.printer.fault', { fault: report.fault })}</div>
          ) : null}
          {report.conditions.length > 0 ? (
            <ul className="conditions" data-testid="printer-conditions">
              {report.conditions.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </div>
  );
}

/** `dirty`: the form has unsaved changes, which the test page does not use yet. */
export function PrinterTools({ dirty }: { dirty: boolean }) {
  const { t } = useTranslation();
  const { client } = useServices();
  const [status, runStatus] = useAction(useCallback(() => client.request('devices.printer.status', {}), [client]));
  const [test, runTest] = useAction(useCallback(() => client.request('devices.printer.test', {}), [client]));
  return (
    <div className="printer-tools" data-testid="printer-tools">
      <div className="actions">
        <button type="button" data-testid="printer-status" disabled={status.kind === 'busy'} onClick={runStatus}>
          {t('settings.printer.queryStatus')}
        </button>
        {status.kind === 'error' ? <ActionResult state={status} done="" testId="printer-status-result" /> : null}
      </div>
      {status.kind === 'ok' ? <StatusReport status={status.value} /> : null}
      <div className="actions">
        <button type="button" data-testid="printer-test" disabled={test.kind === 'busy'} onClick={runTest}>
          {t('settings.printer.testPrint')}
        </button>
        <ActionResult
          state={test}
          done={test.kind === 'ok' ? t('settings.printer.testSent', { jobId: test.value.jobId }) : ''}
          testId="printer-test-result"
        />
      </div>
      {dirty ? <small className="field-hint">{t('settings.printer.testUsesSaved')}</small> : null}
    </div>
  );
}
