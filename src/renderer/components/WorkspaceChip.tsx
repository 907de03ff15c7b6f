import type { Workspace } from '../../shared/domain';
import { readableTextColor } from '../lib/color';
import { initials } from '../lib/initials';

/** The workspace's colour with its initials; decorative (the name is said elsewhere). */
export function WorkspaceChip({ workspace, size = 'normal' }: { workspace: Pick<Workspace, 'name' | 'color'>; size?: 'small' | 'normal' }) {
  return (
    <span className={`ws-chip ws-chip-${size}`} aria-hidden style={{ backgroundColor: workspace.color, color: readableTextColor(workspace.color) }}>
      {initials(workspace.name)}
    </span>
  );
}
