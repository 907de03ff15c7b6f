import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { CircleAlert, CircleCheck, Pencil, SquareSplitHorizontal, TriangleAlert } from 'lucide-react';
import { AccountAvatar, atHandle } from '../../components/AccountAvatar';
import { t as translate } from '../../i18n';
import { useComposer } from '../../stores/composer';
import type { TargetReport } from '../../../shared/rules';
import { problemMessage } from '../../i18n/problems';
import { adaptTarget } from '../../model/content';
import { Counter } from './EditorParts';
import type { ComposerTarget } from './useTargets';

/** The count that matters for a target: the fullest post of its thread. */
export function fullestCount(report: TargetReport) {
  return report.counts.reduce((a, b) => (b.used / b.max > a.used / a.max ? b : a), report.counts[0]!);
}

export function targetState(target: ComposerTarget): 'ready' | 'warning' | 'blocked' {
  if (target.blocked) return 'blocked';
  return target.problems.length > 0 ? 'warning' : 'ready';
}

/** Under the text: each selected target with its counter, what stops it, and "Adapter pour ce compte". */
export function TargetChecks({ targets }: { targets: ComposerTarget[] }) {
  const { t } = useTranslation();
  const edit = useComposer((s) => s.edit);
  const setScope = useComposer((s) => s.setScope);
  if (targets.length === 0) return null;
  return (
    <section className="target-checks" aria-labelledby="target-checks-title">
      <h3 id="target-checks-title" className="field-label">
        {t('checks.title')}
      </h3>
      <ul className="target-check-list">
        {targets.map((target) => {
          const { account, report } = target;
          const handle = atHandle(account.handle);
          const state = targetState(target);
          const StateIcon = state === 'ready' ? CircleCheck : state === 'warning' ? TriangleAlert : CircleAlert;
          return (
            <li key={account.id} className={`target-check is-${state}`} data-account-id={account.id} data-testid="target-check">
              <div className="target-check-head">
                <AccountAvatar account={account} size="small" />
                <span className="target-check-name">
                  {handle}
                  <span className="sr-only"> · {t(`networks.${account.network}`)}</span>
                  {target.adapted ? <span className="card-badge">{t('variant.badge')}</span> : null}
                </span>
                {report.counts.length > 1 ? <span className="field-hint">{t('thread.partsCount', { count: report.counts.length })}</span> : null}
                <Counter count={fullestCount(report)} label={handle} />
                <StateIcon size={14} aria-hidden className="target-state-icon" />
                <span className="sr-only">{t(`checks.state.${state}`)}</span>
              </div>
              {target.problems.length > 0 ? (
                <ul className="target-reasons">
                  {target.problems.map((check, i) => (
                    <li key={`${check.code}-${i}`} className={`reason reason-${check.severity}`}>
                      {problemMessage(check, translate)}
                    </li>
                  ))}
                </ul>
              ) : null}
              <div className="target-check-actions">
                {target.adapted ? (
                  <Button className="btn btn-link" aria-label={t('variant.editFor', { handle })} onPress={() => setScope(account.id)}>
                    <Pencil size={12} aria-hidden />
                    <span>{t('variant.edit')}</span>
                  </Button>
                ) : (
                  <Button
                    className="btn btn-link"
                    aria-label={t('variant.adaptFor', { handle })}
                    onPress={() => {
                      edit(({ content, text }) => ({ content: adaptTarget(content, text, account.id, {
                          contentWarning: target.caps.contentWarning,
                          poll: target.caps.poll !== null,
                          visibility: target.caps.visibilities.length > 1,
                        }) }));
                      setScope(account.id);
                    }}
                  >
                    <SquareSplitHorizontal size={12} aria-hidden />
                    <span>{t('variant.adapt')}</span>
                  </Button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
