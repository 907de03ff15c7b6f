import type { ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { X } from 'lucide-react';

interface AppDialogProps {
  title: string;
  children: ReactNode | ((close: () => void) => ReactNode);
  onClose(): void;
  /** alertdialog for confirmations of destructive actions. */
  role?: 'dialog' | 'alertdialog';
  size?: 'small' | 'medium' | 'large';
  /** Clicking outside closes it (not for forms where typed text would be lost). */
  dismissable?: boolean;
}

/** A modal dialog with a title and a close button; Escape closes it. */
export function AppDialog({ title, children, onClose, role = 'dialog', size = 'small', dismissable = false }: AppDialogProps) {
  const { t } = useTranslation();
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen
      isDismissable={dismissable}
      isKeyboardDismissDisabled={false}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <Modal className={`modal modal-${size}`}>
        <Dialog className="dialog" role={role}>
          <div className="dialog-header">
            <Heading slot="title" className="dialog-title">
              {title}
            </Heading>
            <Button className="btn btn-ghost btn-icon" aria-label={t('common.close')} onPress={onClose}>
              <X size={16} aria-hidden />
            </Button>
          </div>
          <div className="dialog-body">{typeof children === 'function' ? children(onClose) : children}</div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
