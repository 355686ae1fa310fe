/**
 * Where a file the user asked for may go without replacing anything: the name itself if nothing
 * (not even a link) is there, otherwise the first free `名称_2.ext`, `名称_3.ext`… Written with
 * the `wx` flag, so a file or link appearing in between is refused rather than written through.
 */
import { lstatSync } from 'node:fs';
import { extname, join } from 'node:path';

const taken = (path: string) => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

/** `taken` also reports names already handed out in the same run. */
export function freePath(dir: string, fileName: string, alsoTaken: (name: string) => boolean = () => false): string {
  const ext = extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  let name = fileName;
  for (let n = 2; taken(join(dir, name)) || alsoTaken(name); n++) name = `${stem}_${n}${ext}`;
  return join(dir, name);
}

/** Never through an existing file or link: fails with EEXIST instead. */
export const CREATE_NEW = { flag: 'wx' } as const;
