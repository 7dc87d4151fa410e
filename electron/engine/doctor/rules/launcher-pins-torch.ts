import { makeFinding } from '../make-finding.js';
import { clip, linesMatching } from '../normalise.js';
import type { Rule } from '../rule-context.js';

const PIN = /\b(?:torch|xformers)\s*(?:==|>=|~=|<=|<|>)\s*\d/i;
// The app's own install step asking for an exact torch (A1111 "Installing torch", "Couldn't install torch. Command: …").
const LOG_REQUEST = /(?:Couldn't install torch[^\n]*?Command:[^\n]*?pip install [^\n]*?|Installing torch and torchvision[\s\S]{0,200}?Requirement already satisfied: )(torch==[\w.+]+)/i;

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
  const log = LOG_REQUEST.exec(ctx.text);
  if (log === null) return null;
  return makeFinding(ctx.lang, {
    code: 'launcher-pins-torch',
    severity: 'warning',
    params: { requirement: log[1] ?? '', var: 'TORCH_COMMAND' },
    detail: [{ key: 'detailLog' }],
    evidence: [clip(log[0].split('\n').pop() ?? log[0])],
  });
};
