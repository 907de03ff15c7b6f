import type { ReactNode } from 'react';

/** What the field gives its control: its id (the label's `for`), whether it is invalid, and what describes it. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  /** The control's id; the hint and the error take `${id}-hint` and `${id}-error`. */
  id: string;
  label: ReactNode;
  /** Beside the label, at the end of its line (a button that removes the field). */
  labelAside?: ReactNode;
  hint?: ReactNode;
  /** What is wrong, already translated: said under the control, which is marked invalid. */
  error?: ReactNode;
  /** The error is read out as it appears (after a button; not for one that follows each keystroke). */
  alertError?: boolean;
  /** Invalid although the reason is said elsewhere (a line several fields share, named in `describedBy`). */
  invalid?: boolean;
  /** Ids of other elements that describe the control (a line several fields share). */
  describedBy?: string;
  /** The native control (input, select, textarea), given the field's id and aria attributes. */
  children(control: FieldControlProps): ReactNode;
}

/**
 * A labelled form control with its hint and its error under it, tied by `for`/`id` and
 * aria-describedby, and marked aria-invalid while it has an error: the one shape of the renderer's
 * form fields.
 */
export function Field({ id, label, labelAside, hint, error, alertError = false, invalid = false, describedBy, children }: FieldProps) {
  const hasHint = hint !== undefined && hint !== null && hint !== '';
  const hasError = error !== undefined && error !== null && error !== '' && error !== false;
  const described = [describedBy, hasHint ? `${id}-hint` : null, hasError ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const labelElement = (
    <label className="field-label" htmlFor={id}>
      {label}
    </label>
  );
  return (
    <div className="field">
      {labelAside ? (
        <div className="field-head">
          {labelElement}
          {labelAside}
        </div>
      ) : (
        labelElement
      )}
      {children({ id, 'aria-invalid': hasError || invalid ? true : undefined, 'aria-describedby': described })}
      {hasHint ? (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      ) : null}
      {hasError ? (
        <span id={`${id}-error`} className="field-error" role={alertError ? 'alert' : undefined}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
