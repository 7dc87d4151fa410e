import { armFaultStep } from '../fault.js';

// Imported (first) by crash-test drivers: arms fault injection from TORCHLIFT_FAULT_STEP=N. Lives under tx/testing/,
// which the shipped build does not contain (tsconfig.node.json), so only test builds can make a process kill itself.
const step = Number.parseInt(process.env.TORCHLIFT_FAULT_STEP ?? '', 10);
armFaultStep(Number.isFinite(step) ? step : null);
