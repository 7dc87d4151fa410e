// Python invocations found in launcher scripts (ComfyUI portable run_nvidia_gpu.bat, custom .sh/.bat launchers).
import { splitWords } from './shell-words.js';

/** One `python ... script.py --flags` line. */
export interface LauncherLaunch {
  line: string;
  /** As written: ".\python_embeded\python.exe", "%CUR_WD%/python_embeded/python.exe", "venv/bin/python3.10". */
  interpreter: string;
  /** Interpreter options before the script: ["-s"]. */
  pythonArgs: string[];
  /** The `.py` script path; null with `-m module` or `-c code`. */
  script: string | null;
  module: string | null;
  /** Arguments given to the script or module. */
  args: string[];
}

const PYTHON = /(?:^|[\\/])python(?:3(?:\.\d+)?)?w?(?:\.exe)?$|^%PYTHON%$|^\$\{?PYTHON\}?$/i;
const TAKES_VALUE = new Set(['-X', '-W', '-Q']);

/** Reads a line as a Python invocation (`-m`, `-c` or a `.py` script); null otherwise. */
export function parseLaunchLine(line: string): LauncherLaunch | null {
  const words = splitWords(line);
  const interpreter = words[0];
  if (interpreter === undefined || !PYTHON.test(interpreter)) return null;
  const pythonArgs: string[] = [];
  let i = 1;
  for (; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '-m' || word === '-c') {
      const target = words[i + 1] ?? null;
      return { line, interpreter, pythonArgs, script: null, module: word === '-m' ? target : null, args: words.slice(i + 2) };
    }
    if (!word.startsWith('-')) break;
    pythonArgs.push(word);
    if (TAKES_VALUE.has(word) && words[i + 1] !== undefined) pythonArgs.push(words[++i] ?? '');
  }
  const script = words[i];
  // Only a .py script counts, so prose such as "Python 3.10.6 (main, ...)" is not read as a launch.
  if (script === undefined || !/\.pyw?$/i.test(script)) return null;
  return { line, interpreter, pythonArgs, script, module: null, args: words.slice(i + 1) };
}
