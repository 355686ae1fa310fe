/**
 * The window's answers to everything a page may ask for: navigation, new windows, webviews and
 * permissions. Plain functions over plain values; window.ts only hangs them on Electron's events.
 */
import { isAllowedExternal, isTrustedUrl } from './policy';

/** What `setWindowOpenHandler` returns: never a new Electron window. */
export interface WindowOpenAnswer {
  action: 'deny';
}

export interface WindowGuards {
  /** will-navigate and will-redirect: true when the move must be stopped. */
  blocksNavigation(url: string): boolean;
  /** setWindowOpenHandler: allow-listed https links go to the system browser, nothing opens here. */
  windowOpen(details: { url: string }): WindowOpenAnswer;
  /** will-attach-webview: a webview never attaches. */
  blocksWebview(): true;
}

/** The session's permission handlers: camera, microphone, geolocation, notifications… all refused. */
export const sessionGuards = {
  permissionRequest: (_permission: string, callback: (granted: boolean) => void): void => callback(false),
  permissionCheck: (_permission: string): boolean => false,
};

export function createWindowGuards(
  devServerUrl: string | undefined,
  openExternal: (url: string) => void,
): WindowGuards {
  return {
    blocksNavigation: (url) => !isTrustedUrl(url, devServerUrl),
    windowOpen: ({ url }) => {
      if (isAllowedExternal(url)) openExternal(url);
      return { action: 'deny' };
    },
    blocksWebview: () => true,
  };
}
