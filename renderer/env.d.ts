/// <reference types="vite/client" />

interface Window {
  /** Exposed by the Electron preload; absent when the page is served by the web host. */
  zhicheng?: import('../shared/api/contract').AppBridge;
}

// Lets plain `tsc -b` read the .ts files; vue-tsc resolves the real components instead.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
