// Test ids on elements naive-ui renders from attribute objects (input-props, menu option props).
export {};

declare module 'vue' {
  interface HTMLAttributes {
    'data-testid'?: string;
  }
}
