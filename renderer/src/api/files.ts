/** Files cross the API as base64: the renderer never sees or sends a path. */
import type { FilePayload } from '../../../shared/api/contract';

export function readFilePayload(file: File): Promise<FilePayload> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const dataUrl = reader.result as string;
      resolve({ fileName: file.name, base64: dataUrl.slice(dataUrl.indexOf(',') + 1) });
    };
    reader.onerror = () => reject(reader.error ?? new Error('无法读取文件'));
    reader.readAsDataURL(file);
  });
}

/** Hands a file to the browser's (or Electron's) download. */
export function saveFilePayload(payload: FilePayload): void {
  const bytes = Uint8Array.from(atob(payload.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes]));
  const link = document.createElement('a');
  link.href = url;
  link.download = payload.fileName;
  link.click();
  // Give the download a moment to start before the object URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
