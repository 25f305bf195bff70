import type { TicketView } from '../../ipc';
import { useApp } from '../../context';
import { canResume, type problemInfo } from '../../lib/tracking';

/** A ticket's sync problem, said plainly, with the way to fix it (or to wait) and, where it helps, checking again. */
export function TicketProblem({ ticket: tk, problem, onFixNumber, onResume }: {
  ticket: TicketView;
  problem: NonNullable<ReturnType<typeof problemInfo>>;
  onFixNumber(): void;
  onResume(): void;
}) {
  const { t, navigate } = useApp();
  const fix = () => {
    if (problem.fix === 'token' || problem.fix === 'settings') navigate({ name: 'settings', helpdesk: tk.helpdesk });
    else if (problem.fix === 'number') onFixNumber();
  };
  return (
    <div class="error-note fu-problem" role="alert" data-testid="fu-problem">
      <strong>{t(problem.key)}</strong>
      {tk.problem ? <small class="error-detail">{tk.problem}</small> : null}
      {problem.fix === 'wait' ? (
        <small class="error-fix">{t('trk.fix.wait')}</small>
      ) : (
        <span class="error-fix">
          <button type="button" class="btn btn-small btn-primary" onClick={fix} data-testid="fu-fix">
            {t(problem.fix === 'token' ? 'trk.fix.token' : problem.fix === 'number' ? 'trk.fix.number' : 'trk.fix.settings')}
          </button>
          {canResume(tk.problem_code, tk.manual) ? (
            <button type="button" class="btn btn-small" onClick={onResume} data-testid="fu-resume">
              {t('trk.fix.resume')}
            </button>
          ) : null}
        </span>
      )}
    </div>
  );
}
