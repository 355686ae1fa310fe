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

export function readFileText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('无法读取文件'));
    reader.readAsText(file, 'utf-8');
  });
}

/** Hands a file to the browser's (or Electron's) download. */
export function saveFilePayload(payload: FilePayload): void {
  saveBlob(payload.fileName, new Blob([Uint8Array.from(atob(payload.base64), (c) => c.charCodeAt(0))]));
}

/** Downloads text made in the page (a JSON export), as UTF-8. */
export function saveTextFile(fileName: string, text: string, type = 'application/json'): void {
  saveBlob(fileName, new Blob([text], { type: `${type};charset=utf-8` }));
}

/** Downloads bytes made in the page (a spreadsheet). */
export function saveBytes(fileName: string, bytes: Uint8Array, type = 'application/octet-stream'): void {
  saveBlob(fileName, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
}

/** A name the file systems accept: no path separators or characters Windows refuses. */
export const safeFileName = (name: string) => name.replace(/[\\/:*?"<>|]+/g, '_').trim() || '未命名';

function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Give the download a moment to start before the object URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
