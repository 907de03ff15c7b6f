import type { ComponentType, Ref } from 'react';
import { Button, type ButtonProps } from 'react-aria-components';
import { Tip } from './Tip';

interface IconButtonProps extends Omit<ButtonProps, 'children' | 'className'> {
  /** The accessible name; also the tooltip. */
  label: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
  shortcut?: string;
  /** Text shown next to the icon (the accessible name stays `label`). */
  text?: string;
  variant?: 'ghost' | 'primary' | 'danger';
  tooltipPlacement?: 'top' | 'bottom' | 'start' | 'end';
  className?: string;
  ref?: Ref<HTMLButtonElement>;
}

export function IconButton({ label, icon: Icon, shortcut, text, variant = 'ghost', tooltipPlacement, className, ...rest }: IconButtonProps) {
  return (
    <Tip label={label} shortcut={shortcut} placement={tooltipPlacement}>
      <Button {...rest} aria-label={text ? undefined : label} className={`btn btn-${variant} ${text ? '' : 'btn-icon'} ${className ?? ''}`}>
        <Icon size={16} aria-hidden />
        {text ? <span>{text}</span> : null}
      </Button>
    </Tip>
  );
}
