/** How backups and sizes read on the page. */
export const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export const formatTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false }).replace(/\//g, '-');
