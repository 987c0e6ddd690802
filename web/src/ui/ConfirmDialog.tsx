import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { type ReactNode, type RefObject, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { buttonClass } from './styles.ts';

/** A Radix AlertDialog confirmation: Escape / Cancel keep things as they are, the action button confirms. */
export function ConfirmDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  confirmLabel,
  cancelLabel,
  onConfirm,
  destructive = false,
  returnFocusRef,
}: {
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** The button that opens the dialog (focus goes back to it on close). */
  trigger?: ReactNode;
  title: string;
  /** What confirming does, when the title (the question) does not say it all; never the question again. */
  description?: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  destructive?: boolean;
  /** Where focus goes on close when the dialog was opened without a trigger. */
  returnFocusRef?: RefObject<HTMLElement | null>;
}) {
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-950/50" />
        <AlertDialog.Content
          onCloseAutoFocus={
            returnFocusRef
              ? (e) => {
                  e.preventDefault();
                  returnFocusRef.current?.focus();
                }
              : undefined
          }
          // Without a description, nothing describes the dialog (Radix would warn otherwise).
          {...(description ? {} : { 'aria-describedby': undefined })}
          className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        >
          <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
          {description && (
            <AlertDialog.Description className="mt-2 text-sm text-slate-700 dark:text-slate-300">
              {description}
            </AlertDialog.Description>
          )}
          <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel className={buttonClass.secondary}>{cancelLabel}</AlertDialog.Cancel>
            <AlertDialog.Action
              className={destructive ? buttonClass.danger : buttonClass.primary}
              onClick={onConfirm}
            >
              {confirmLabel}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/** A button that asks before doing something that cannot be undone. */
export function ConfirmButton({
  children,
  label,
  title,
  description,
  confirmLabel,
  onConfirm,
  className = buttonClass.danger,
  disabled,
}: {
  children: ReactNode;
  /** Accessible name of the trigger, when its content is only an icon. */
  label?: string;
  title: string;
  description?: string;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  className?: string;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button type="button" aria-label={label} title={label} className={className} disabled={disabled}>
          {children}
        </button>
      }
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      cancelLabel={t('common.cancel')}
      onConfirm={() => void onConfirm()}
      destructive
    />
  );
}
