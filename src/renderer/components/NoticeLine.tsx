// Non-blocking one-liner from the core (snapshot.notice), plus two things only the UI knows:
// a scan that never reached the station, and the verdict of the last scan.
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../contract/station.js';
import { useApp } from '../context.js';
import { noticeParams } from '../messages.js';
import { colors, levelColor } from '../theme.js';

/** A request that never reached the core; shown until the next scan lands. */
export function FailureLine() {
  const { t } = useTranslation();
  const failure = useApp((s) => s.failure);
  if (!failure) return null;
  const text =
    failure.code !== null
      ? t('failure.scan', { code: failure.code })
      : t('failure.request', { message: failure.error.message });
  return (
    <div
      className="notice failure"
      data-testid="failure"
      data-code={failure.error.code}
      role="alert"
      style={{ background: colors.red, color: colors.paper }}
    >
      {text}
    </div>
  );
}

export function NoticeLine({ notice, showFailure }: { notice: Notice | null; showFailure: boolean }) {
  const { t } = useTranslation();
  const failed = useApp((s) => s.failure !== null);
  const feedback = useApp((s) => s.feedback);

  if (showFailure && failed) return <FailureLine />;

  return (
    <div className="notice-row">
      {notice ? (
        <div
          className="notice"
          data-testid="notice"
          data-code={notice.code}
          data-level={notice.level}
          role="status"
          style={{ color: levelColor(notice.level) }}
        >
          {t(`notice.${notice.code}`, noticeParams(notice, t))}
        </div>
      ) : (
        <div className="notice" />
      )}
      {feedback ? (
        <div className="feedback" data-testid="feedback" data-verdict={feedback.verdict} data-scan-id={feedback.scanId}>
          {t(`verdict.${feedback.verdict}`)}
        </div>
      ) : null}
    </div>
  );
}
