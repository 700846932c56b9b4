// The Espruino upload: the `espruino` npm CLI (optional dependency) sends the file with its
// usual framing (reset(), the code, then save() unless --no-save) to the REPL, which must be on
// the link by then (./handover.ts). Its output is echoed, made printable.
import { spawn } from 'node:child_process';
import { FIRMWARE } from '../../shared/i18n/firmware';
import { FlashError } from './errors';
import type { FlashPlan } from './plan';

/**
 * Seconds the CLI may stay after "Upload Complete": it waits for half a second of quiet, which a
 * glove that starts streaming never gives it, so it is ended then.
 */
export const EXIT_GRACE_S = 10;

/** The CLI's output without control characters and binary frames (the glove may start streaming while it listens). */
function printable(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[^\n\t\x20-\x7e]+/g, '');
}

/** Runs the espruino CLI of `plan`, echoing its output to `out`; resolves when the upload is done. */
export function runEspruinoCli(plan: FlashPlan, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(plan.command, plan.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    /** Output since "Upload Complete". */
    let after = '';
    let uploaded = false;
    let ended = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const end = (): void => {
      if (!ended) {
        ended = true;
        child.kill();
      }
    };
    const onOutput = (chunk: Buffer): void => {
      const text = printable(chunk.toString('latin1'));
      if (text !== '') out.write(text);
      tail = (tail + text).slice(-600);
      if (uploaded) after = (after + text).slice(-600);
      else if (/Upload Complete/.test(tail)) {
        uploaded = true;
        after = tail.slice(tail.lastIndexOf('Upload Complete'));
        graceTimer = setTimeout(end, EXIT_GRACE_S * 1000);
      }
      // The new firmware took the console (it starts streaming): nothing more will come from the REPL.
      if (uploaded && /-> LoopbackA/.test(after)) end();
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.on('error', (err) => {
      if (graceTimer) clearTimeout(graceTimer);
      reject(new FlashError(FIRMWARE.upload_failed, { port: plan.port, code: err.message, tail: '' }));
    });
    child.on('close', (code) => {
      if (graceTimer) clearTimeout(graceTimer);
      const lastLines = tail.trim().split('\n').slice(-3).join(' | ');
      if (/Unable to connect/.test(tail)) reject(new FlashError(FIRMWARE.no_connect, { port: plan.port }));
      else if (uploaded) resolvePromise();
      else reject(new FlashError(FIRMWARE.upload_failed, { port: plan.port, code: String(code), tail: lastLines }));
    });
  });
}
