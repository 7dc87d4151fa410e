import { makeFinding } from '../make-finding.js';
import { clip, linesMatching } from '../normalise.js';
import type { Rule } from '../rule-context.js';

const PIN = /\b(?:torch|xformers)\s*(?:==|>=|~=|<=|<|>)\s*\d/i;
// The app's own install step asking for an exact torch (A1111 "Installing torch", "Couldn't install torch. Command: …").
// COULDNT takes the rest of its line (read by appRequest): nested lazy `[^\n]*?` segments took time cubic in the line.
// The message and its `Command:` line(s): A1111 prints the command on the next line. Each mention is read with the
// three lines after it without consuming them: a traceback names the message in `run(…, "Couldn't install torch")`
// three lines above the RuntimeError that carries the command.
const COULDNT = /Couldn't install torch/gi;
const MAX_MENTIONS = 64;
const INSTALLING = /Installing torch and torchvision[\s\S]{0,200}?Requirement already satisfied: (torch==[\w.+]+)/i;

/** launcher-pins-torch: TORCH_COMMAND / XFORMERS_PACKAGE pins in webui-user, or the app's install step asking for one. */
export const launcherPinsTorch: Rule = (ctx) => {
  const launcher = ctx.facts.launcher;
  if (launcher) {
    for (const variable of ['TORCH_COMMAND', 'XFORMERS_PACKAGE']) {
      const value = launcher.vars[variable];
      if (value && PIN.test(value)) {
        return makeFinding(ctx.lang, {
          code: 'launcher-pins-torch',
          severity: 'warning',
          params: { file: launcher.file, var: variable, value },
          evidence: ctx.source === 'text' ? linesMatching(ctx.lines, new RegExp(`\\b${variable}\\b`), 2) : [`${launcher.file}: ${variable}=${value}`],
        });
      }
    }
  }
  const log = appRequest(ctx.text);
  if (log === null) return null;
  return makeFinding(ctx.lang, {
    code: 'launcher-pins-torch',
    severity: 'warning',
    params: { requirement: log.requirement, var: 'TORCH_COMMAND' },
    detail: [{ key: 'detailLog' }],
    evidence: [clip(log.text.split('\n').pop() ?? log.text)],
  });
};

/** The first "Couldn't install torch … Command: … pip install … torch==X" or "Installing torch … satisfied: torch==X". */
function appRequest(text: string): { requirement: string; text: string } | null {
  let couldnt: { requirement: string; text: string; index: number } | null = null;
  let seen = 0;
  for (const hit of text.matchAll(COULDNT)) {
    if (++seen > MAX_MENTIONS) break;
    const block = withFollowingLines(text, hit.index ?? 0, 3);
    const command = block.search(/Command:/i);
    const pip = command === -1 ? -1 : block.slice(command).search(/pip install /i);
    const torch = pip === -1 ? null : /torch==[\w.+]+/i.exec(block.slice(command + pip + 'pip install '.length));
    if (torch === null) continue;
    const end = command + pip + 'pip install '.length + torch.index + torch[0].length;
    couldnt = { requirement: torch[0], text: block.slice(0, end), index: hit.index ?? 0 };
    break;
  }
  const installing = INSTALLING.exec(text);
  if (installing !== null && (couldnt === null || installing.index < couldnt.index)) return { requirement: installing[1] ?? '', text: installing[0] };
  return couldnt;
}

/** The text from `index` to the end of its line and `n` more lines. */
function withFollowingLines(text: string, index: number, n: number): string {
  let end = index;
  for (let i = 0; i <= n; i++) {
    const next = text.indexOf('\n', end + (i === 0 ? 0 : 1));
    if (next === -1) return text.slice(index);
    end = next;
  }
  return text.slice(index, end);
}
