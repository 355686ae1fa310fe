/**
 * Messages and confirmations usable anywhere, stores included: naive-ui's discrete API needs no
 * provider in the component tree.
 */
import { createDiscreteApi } from 'naive-ui';
import { configProviderProps } from './theme';

const { message, dialog, notification } = createDiscreteApi(['message', 'dialog', 'notification'], {
  configProviderProps,
  notificationProviderProps: { max: 6, placement: 'bottom-right' },
});

export { message, notification };

export interface ConfirmOptions {
  title: string;
  content: string;
  confirmText?: string;
  /** Red button: the action destroys something. */
  danger?: boolean;
}

/** Resolves true when the user confirms, false when they cancel or close the dialog. */
export function confirm(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const show = options.danger ? dialog.error : dialog.warning;
    show({
      title: options.title,
      content: options.content,
      positiveText: options.confirmText ?? '确定',
      negativeText: '取消',
      onPositiveClick: () => resolve(true),
      onNegativeClick: () => resolve(false),
      onClose: () => resolve(false),
      onMaskClick: () => resolve(false),
    });
  });
}
