import type { Lang } from '../../shared/api/contract.js';
import { hasKey, t } from '../engine/i18n/translate.js';
import type { CliCommand } from './command.js';

/** A text of the CLI catalog (resources/locales/<lang>/cli.json). */
export function ct(lang: Lang, key: string, params?: Record<string, string | number>): string {
  return t(lang, `cli:${key}`, params);
}

/** A command's one-line summary in `lang`. */
export function summaryOf(command: CliCommand, lang: Lang): string {
  return ct(lang, `summary.${command.name}`);
}

/** `torchlift --help`: every command with its one-line summary. */
export function globalHelp(commands: readonly CliCommand[], lang: Lang = 'en'): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${summaryOf(c, lang)}`);
  return [
    ct(lang, 'help.tagline'),
    '',
    ct(lang, 'help.usageLine'),
    '',
    ct(lang, 'help.commands'),
    ...lines,
    '',
    ct(lang, 'help.everyCommand'),
    ct(lang, 'help.exitCodes'),
    '',
  ].join('\n');
}

/** `torchlift <command> --help`. */
export function commandHelp(command: CliCommand, lang: Lang = 'en'): string {
  const options = Object.entries(command.options).map(([name, o]) => {
    const arg = o.type === 'string' ? ` <${name.toUpperCase()}>` : '';
    const many = o.multiple ? ` ${ct(lang, 'help.repeatable')}` : '';
    return `  --${name}${arg}${many}`;
  });
  const note = hasKey(lang, `help.notes.${command.name}`, 'cli') || hasKey('en', `help.notes.${command.name}`, 'cli')
    ? [ct(lang, `help.notes.${command.name}`), '']
    : [];
  return [
    `torchlift ${command.name} — ${summaryOf(command, lang)}`,
    '',
    ct(lang, 'help.usage'),
    ...command.usage.map((u) => `  torchlift ${u}`),
    '',
    ...note,
    ...(options.length > 0 ? [ct(lang, 'help.options'), ...options, ''] : []),
    ct(lang, 'help.common'),
    '',
  ].join('\n');
}
