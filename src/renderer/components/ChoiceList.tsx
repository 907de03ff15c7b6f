import type { ReactNode } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';

export interface Choice<T extends string> {
  value: T;
  title: ReactNode;
  /** A line under the title (what the choice means, its dates…). */
  hint?: ReactNode;
}

/** A labelled list of radio choices, each a title with an optional hint under it (arrows move between them). */
export function ChoiceList<T extends string>({ label, value, choices, onChange }: { label: string; value: T; choices: readonly Choice<T>[]; onChange(value: T): void }) {
  return (
    <RadioGroup className="choice" value={value} onChange={(v) => onChange(v as T)}>
      <Label className="field-label">{label}</Label>
      <div className="radio-list">
        {choices.map((c) => (
          <Radio key={c.value} value={c.value} className="radio">
            <span className="radio-dot" aria-hidden />
            <span>
              <span className="checkbox-title">{c.title}</span>
              {c.hint ? <span className="field-hint checkbox-hint">{c.hint}</span> : null}
            </span>
          </Radio>
        ))}
      </div>
    </RadioGroup>
  );
}
