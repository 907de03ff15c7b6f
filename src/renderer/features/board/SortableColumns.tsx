import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type Announcements, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, horizontalListSortingStrategy, sortableKeyboardCoordinates, useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { GripVertical } from 'lucide-react';
import type { Column } from '../../../shared/board/schemas';

interface SortableColumnsProps {
  columns: readonly Column[];
  nameOf(column: Column): string;
  onMove(column: Column, position: number): void;
  render(column: Column, index: number, handle: ReactNode): ReactNode;
}

function SortableColumn({ column, index, name, render }: { column: Column; index: number; name: string; render: SortableColumnsProps['render'] }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: column.id });
  const handle = (
    <button
      type="button"
      ref={setActivatorNodeRef}
      className="column-handle-button"
      {...attributes}
      {...listeners}
      aria-label={t('board.dragColumn', { name })}
    >
      <GripVertical size={14} aria-hidden />
    </button>
  );
  return (
    <div
      ref={setNodeRef}
      className={`column-slot ${isDragging ? 'is-dragging' : ''}`}
      data-width={column.width}
      data-column-id={column.id}
      style={{ transform: CSS.Translate.toString(transform), transition }}
    >
      {render(column, index, handle)}
    </div>
  );
}

/**
 * The columns in order, reordered by drag (pointer) or by keyboard on each column's handle:
 * Space picks it up, ←/→ move it, Space drops it, Escape cancels (dnd-kit; moves are announced).
 */
export function SortableColumns({ columns, nameOf, onMove, render }: SortableColumnsProps) {
  const { t } = useTranslation();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const byId = new Map(columns.map((c) => [c.id, c]));
  const position = (id: string | number | undefined) => columns.findIndex((c) => c.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('board.dnd.start', { name: nameOf(byId.get(String(active.id))!), position: position(active.id), count: columns.length }),
    onDragOver: ({ active, over }) => (over ? t('board.dnd.over', { name: nameOf(byId.get(String(active.id))!), position: position(over.id), count: columns.length }) : undefined),
    onDragEnd: ({ active, over }) => (over ? t('board.dnd.end', { name: nameOf(byId.get(String(active.id))!), position: position(over.id), count: columns.length }) : undefined),
    onDragCancel: ({ active }) => t('board.dnd.cancel', { name: nameOf(byId.get(String(active.id))!) }),
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const column = byId.get(String(active.id));
    const to = columns.findIndex((c) => c.id === over.id);
    if (column && to >= 0) onMove(column, to);
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements, screenReaderInstructions: { draggable: t('board.dnd.instructions') } }}>
      <SortableContext items={columns.map((c) => c.id)} strategy={horizontalListSortingStrategy}>
        {columns.map((column, index) => (
          <SortableColumn key={column.id} column={column} index={index} name={nameOf(column)} render={render} />
        ))}
      </SortableContext>
    </DndContext>
  );
}
