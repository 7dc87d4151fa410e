import { useId, useState, type ReactElement } from 'react';

/** One folder TorchLift found that can serve as a source. */
export interface SourceOption {
  path: string;
  label: string;
}

/** Props of SourcePicker: the words, the detected options, and the chosen folder ('' = keep torch's files). */
export interface SourcePickerProps {
  legend: string;
  hint: string;
  noneLabel: string;
  customLabel: string;
  pathLabel: string;
  placeholder: string;
  options: SourceOption[];
  value: string;
  disabled: boolean;
  onChange: (path: string) => void;
  testId: string;
}

/** Radio choices for where new files come from: none, each detected folder, or a folder typed in. */
export function SourcePicker(props: SourcePickerProps): ReactElement {
  const name = useId();
  const detected = props.options.find((o) => o.path === props.value);
  const [custom, setCustom] = useState(props.value !== '' && !detected);
  const mode = custom ? 'custom' : detected ? detected.path : 'none';
  const pick = (path: string): void => {
    setCustom(false);
    props.onChange(path);
  };
  return (
    <fieldset className="source-picker" data-testid={props.testId} disabled={props.disabled}>
      <legend className="field-label">{props.legend}</legend>
      <p className="muted small">{props.hint}</p>
      <label className="choice">
        <input type="radio" name={name} checked={mode === 'none'} onChange={() => pick('')} />
        <span>{props.noneLabel}</span>
      </label>
      {props.options.map((o) => (
        <label className="choice" key={o.path}>
          <input type="radio" name={name} checked={mode === o.path} onChange={() => pick(o.path)} />
          <span>
            {o.label}
            <span className="choice-path">{o.path}</span>
          </span>
        </label>
      ))}
      <label className="choice">
        <input type="radio" name={name} checked={custom} onChange={() => { setCustom(true); props.onChange(''); }} data-testid={`${props.testId}-custom`} />
        <span>{props.customLabel}</span>
      </label>
      {custom ? (
        <input
          type="text" className="choice-input" aria-label={props.pathLabel} placeholder={props.placeholder} value={props.value}
          onChange={(e) => props.onChange(e.target.value)} spellCheck={false} autoFocus data-testid={`${props.testId}-path`}
        />
      ) : null}
    </fieldset>
  );
}
