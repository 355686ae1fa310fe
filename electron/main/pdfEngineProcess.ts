/**
 * The PDF engine's processes in the Electron shell: utility processes. child_process.fork would
 * start Electron's binary as Node through ELECTRON_RUN_AS_NODE, which the packaged app's runAsNode
 * fuse turns off (electron-builder.yml); a utility process is Electron's own Node child. Its
 * worker script is out/main/pdfWorker.js inside the asar (utility processes read the asar;
 * sharp's native parts are unpacked beside it).
 */
import { utilityProcess } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { workerArgs, workerExecArgv, type EngineLauncher } from '../services/pdf/engineProcess';
import type { FromWorker } from '../services/pdf/worker/protocol';

const launchUtilityProcess: EngineLauncher = (spec, events) => {
  const child = utilityProcess.fork(spec.script, workerArgs(spec), {
    execArgv: workerExecArgv(spec),
    stdio: 'ignore',
    serviceName: 'PDF engine',
  });
  let ended = false;
  child.on('message', (message: FromWorker) => ended || events.message(message));
  child.on('exit', (code) => {
    if (ended) return;
    ended = true;
    events.exit(`utility process exit ${code}`);
  });
  return {
    send: (message) => child.postMessage(message),
    kill() {
      ended = true;
      child.kill();
    },
    // The shell runs until it quits; a utility process does not hold it open.
    ref: () => {},
    unref: () => {},
  };
};

/** The engine options for openApp: the bundled worker beside this file, in utility processes. */
export function shellPdfEngine(mainDir: string) {
  return { launch: launchUtilityProcess, workerUrl: pathToFileURL(join(mainDir, 'pdfWorker.js')) };
}
