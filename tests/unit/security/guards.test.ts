/** What the window answers when a page tries to leave, open windows, attach webviews or ask for permissions. */
import { describe, expect, it } from 'vitest';
import { createWindowGuards, sessionGuards } from '../../../electron/main/security/guards';

function guards(devServerUrl?: string) {
  const opened: string[] = [];
  return { opened, guards: createWindowGuards(devServerUrl, (url) => opened.push(url)) };
}

describe('window guards', () => {
  it('lets the page move within our own origin only', () => {
    const { guards: g } = guards();
    expect(g.blocksNavigation('app://renderer/index.html#/people')).toBe(false);
    expect(g.blocksNavigation('https://www.chsi.com.cn/')).toBe(true);
    expect(g.blocksNavigation('file:///etc/passwd')).toBe(true);
    expect(g.blocksNavigation('http://localhost:5173/')).toBe(true);
    expect(guards('http://localhost:5173/').guards.blocksNavigation('http://localhost:5173/#/x')).toBe(false);
  });

  it('never opens a window; allow-listed links go to the system browser, others nowhere', () => {
    const { guards: g, opened } = guards();
    expect(g.windowOpen({ url: 'https://www.chsi.com.cn/xlcx/' })).toEqual({ action: 'deny' });
    expect(g.windowOpen({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(g.windowOpen({ url: 'app://renderer/index.html' })).toEqual({ action: 'deny' });
    expect(g.windowOpen({ url: 'file:///C:/Windows/System32/calc.exe' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.chsi.com.cn/xlcx/']);
  });

  it('refuses every webview', () => {
    expect(guards().guards.blocksWebview()).toBe(true);
  });
});

describe('session guards', () => {
  it('refuses every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid']) {
      const answers: boolean[] = [];
      sessionGuards.permissionRequest(permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
      expect(sessionGuards.permissionCheck(permission), permission).toBe(false);
    }
  });
});
