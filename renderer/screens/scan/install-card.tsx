import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Install } from '../../../shared/schemas/detect.js';
import { Card } from '../../components/card.js';
import { FolderIcon } from '../../components/icons.js';
import { Busy, Facts, Pill, type Tone } from '../../components/status.js';

const PROBE_TONES: Record<NonNullable<Install['probe']>['state'], Tone> = {
  'not-run': 'neutral', ok: 'ok', 'import-failed': 'error', failed: 'error', timeout: 'warn', 'no-python': 'warn',
};

/** One Stable Diffusion install: where it is, its Python, torch and friends; probe-only facts wait for the probe. */
export function InstallCard(props: { install: Install; probing: boolean }): ReactElement {
  const { t, i18n } = useTranslation();
  const { install } = props;
  const torch = install.torch;
  // No Python found: what is installed in its environment cannot be known.
  const missing = install.python === null ? t('common.unknown') : t('common.notInstalled');
  const waiting = props.probing && install.python !== null && (install.probe === undefined || install.probe.state === 'not-run');
  const pending = (value: ReactNode): ReactNode => (waiting ? <Busy>{t('scan.installs.checkingTorch')}</Busy> : value);
  // Whether the build has kernels for the GPU is the engine's verdict (the doctor's own), never re-derived here.
  const support = torch?.gpuSupport;
  const usable = torch?.cudaAvailable === true && support && support.fit !== 'runs' ? (
    <Pill tone="error">{t('scan.installs.noKernels', { sm: support.sm })}</Pill>
  ) : torch?.cudaAvailable === true ? <Pill tone="ok">{t('common.yes')}</Pill> : torch?.cudaAvailable === false ? <Pill tone="error">{t('common.no')}</Pill> : <Pill tone="neutral">{t('common.unknown')}</Pill>;
  const rows: [ReactNode, ReactNode, string][] = [
    // Without a Python TorchLift cannot tell what is installed: "unknown", never "not installed".
    [t('scan.installs.python'), install.python ? install.python.version ?? t('common.unknown') : t('common.unknown'), 'python'],
    [t('scan.installs.torch'), torch ? <span><code className="version" data-testid="torch-version">{torch.version}</code>{torch.cpuOnly ? <> <Pill tone="warn">{t('scan.installs.cpuBuild')}</Pill></> : null}</span> : missing, 'torch'],
    [t('scan.installs.torchCuda'), torch ? torch.cudaVersion ?? '—' : '—', 'torch-cuda'],
    [t('scan.installs.cudnn'), torch ? pending(torch.cudnnVersion ?? '—') : '—', 'cudnn'],
    [t('scan.installs.gpuUsable'), torch ? pending(usable) : '—', 'usable'],
    [t('scan.installs.torchvision'), install.torchvision ? <code className="version">{install.torchvision.version}</code> : missing, 'torchvision'],
    [t('scan.installs.xformers'), xformersText(install, t, i18n.language), 'xformers'],
  ];
  const probe = install.probe;
  const probeAside = waiting ? <Busy>{t('scan.installs.checkingTorch')}</Busy> : probe ? (
    <Pill tone={PROBE_TONES[probe.state]}>{t(`scan.installs.probe.${probe.state}`, { seconds: ((probe.durationMs ?? 0) / 1000).toFixed(1) })}</Pill>
  ) : null;
  return (
    <Card title={t(`scan.kinds.${install.kind}`)} icon={<FolderIcon />} aside={probeAside} className="install-card" testId="install-card">
      <p className="path" title={install.path} data-testid="install-path">{install.path}</p>
      {install.python === null ? <p className="notice notice-warn">{t('scan.installs.noPython')}</p> : null}
      {install.python !== null && torch === null && !waiting ? <p className="notice notice-warn">{t('scan.installs.noTorch')}</p> : null}
      <Facts rows={rows} className="facts-grid" />
      {probe?.importError ? (
        <div className="notice notice-error">
          <strong>{t('scan.installs.importError')}</strong>
          <pre className="probe-message">{`${probe.importError.type}: ${probe.importError.message}`}</pre>
        </div>
      ) : probe && probe.message && probe.state !== 'ok' ? <pre className="probe-message">{probe.message}</pre> : null}
      {probe?.warnings && probe.warnings.length > 0 ? (
        <div className="notice notice-warn" data-testid="probe-warnings">
          <strong>{t('scan.installs.warnings')}</strong>
          <ul>{probe.warnings.map((w, i) => <li key={i} className="warning-text">{w}</li>)}</ul>
        </div>
      ) : null}
      {install.libraries.length > 0 ? <p className="muted small">{t('scan.installs.libraries', { count: install.libraries.length })}</p> : null}
      {install.problems && install.problems.length > 0 ? (
        <div className="notice notice-warn">
          <strong>{t('scan.installs.problems')}</strong>
          <ul>{install.problems.map((p) => <li key={p}>{p}</li>)}</ul>
        </div>
      ) : null}
    </Card>
  );
}

function xformersText(install: Install, t: (k: string, o?: Record<string, unknown>) => string, lang: string): ReactNode {
  const x = install.xformers;
  if (!x) return install.python === null ? t('common.unknown') : t('common.notInstalled');
  const parts = [x.builtForTorch ? t('scan.installs.builtFor', { torch: x.builtForTorch }) : null, x.builtForCuda ? t('scan.installs.builtForCuda', { cuda: x.builtForCuda }) : null].filter((p) => p !== null);
  // Joined as the language joins a list ("a, b"; "a、b" in Japanese and Chinese).
  const built = new Intl.ListFormat(lang, { type: 'conjunction', style: 'narrow' }).format(parts);
  return (
    <span>
      <code className="version">{x.version}</code>
      {built ? <span className="muted small"> · {built}</span> : null}
    </span>
  );
}
