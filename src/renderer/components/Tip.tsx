import type { ReactNode } from 'react';
import { Tooltip, TooltipTrigger } from 'react-aria-components';
import { Kbd } from './Kbd';

interface TipProps {
  label: string;
  shortcut?: string;
  placement?: 'top' | 'bottom' | 'start' | 'end';
  children: ReactNode;
}

/** A tooltip on a focusable trigger, with the shortcut when there is one. */
export function Tip({ label, shortcut, placement = 'bottom', children }: TipProps) {
  return (
    <TooltipTrigger delay={500} closeDelay={100}>
      {children}
      <Tooltip className="tooltip" placement={placement} offset={6}>
        <span>{label}</span>
        {shortcut ? <Kbd keys={shortcut} /> : null}
      </Tooltip>
    </TooltipTrigger>
  );
}
