/**
 * The renderer's only way to the main side. In Electron the preload hands us `window.zhicheng`;
 * served by the loopback web host, the same AppBridge is built on fetch and server-sent events.
 */
import type {
  AppBridge,
  Envelope,
  EventName,
  EventPayload,
  RouteInput,
  RouteName,
  RouteOutput,
} from '../../../shared/api/contract';

const TOKEN_KEY = 'zhicheng.token';

const failure = (code: string, message: string): Envelope<never> => ({ ok: false, error: { code, message } });

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/**
 * The token arrives once in the URL the host printed. It is kept for the tab's lifetime so a
 * reload still works, and taken out of the address bar so it is not copied or screenshotted.
 */
function takeToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpFailure(status: number): Envelope<never> {
  if (status === 401) return failure('INTERNAL', '未授权：请用启动时打印的带 token 的地址重新打开本页');
  if (status === 413) return failure('INTERNAL', '文件太大，无法上传');
  return failure('INTERNAL', `服务返回了错误（HTTP ${status}），操作未完成，请重试`);
}

export function createWebBridge(): AppBridge {
  const token = takeToken();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let source: EventSource | null = null;

  // One stream for all events, opened on first use; EventSource reconnects by itself.
  function subscribe(name: EventName): void {
    source ??= new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.addEventListener(name, (event) => {
      let payload: unknown;
      try {
        payload = JSON.parse((event as MessageEvent<string>).data);
      } catch {
        console.error(`事件 ${name} 的内容不是有效的 JSON`);
        return;
      }
      for (const listener of listeners.get(name) ?? []) listener(payload as never);
    });
  }

  return {
    async invoke<N extends RouteName>(name: N, input: RouteInput<N>): Promise<Envelope<RouteOutput<N>>> {
      let response: Response;
      try {
        response = await fetch(`/api/invoke/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input),
        });
      } catch {
        return failure('INTERNAL', '无法连接到工作台服务：请确认它仍在运行，然后重试');
      }
      // The host answers 200 with an envelope; some refusals (bad JSON) still carry one.
      const body: unknown = await response.json().catch(() => null);
      if (isEnvelope(body)) return body as Envelope<RouteOutput<N>>;
      return response.ok ? failure('INTERNAL', '服务返回的内容无法识别，请重试') : httpFailure(response.status);
    },

    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
        subscribe(name);
      }
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
}

export const bridge: AppBridge = window.zhicheng ?? createWebBridge();

/** In the desktop app the shell shows desktop notifications itself; the page then does not repeat them. */
export const inDesktopApp = window.zhicheng !== undefined;
