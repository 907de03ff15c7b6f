import { FieldError, Input, Label, Text, TextField } from 'react-aria-components';

interface PassphraseFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | null;
  description?: string;
  autoFocus?: boolean;
  autoComplete: 'new-password' | 'current-password';
}

export function PassphraseField({ label, value, onChange, error, description, autoFocus, autoComplete }: PassphraseFieldProps) {
  return (
    <TextField
      className="field"
      type="password"
      value={value}
      onChange={onChange}
      isInvalid={!!error}
      autoFocus={autoFocus}
      autoComplete={autoComplete}
    >
      <Label className="field-label">{label}</Label>
      <Input className="input" />
      {description ? (
        <Text slot="description" className="field-hint">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{error}</FieldError>
    </TextField>
  );
}
