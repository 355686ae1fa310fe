/** IPC channel names, shared by the shell and the sandboxed preload (which can import nothing else). */
export const INVOKE_CHANNEL = 'app:invoke';
export const EVENT_CHANNEL = 'app:event';
