import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { DocumentKind } from '../../gql/graphql';
import { addCount, fileProblem, formatBytes, mediaOf, useUploadRules, type Counts, type MediaClass, type UploadRules } from './upload-rules';
import './evidence.css';

export interface ChosenFile {
  key: string;
  file: File;
  media: MediaClass;
}

let keySeq = 0;

/** A preview of a file that is still on the person's device; its object URL lives exactly as long as the preview. */
export function LocalPreview({ file, media }: { file: File; media: MediaClass }) {
  const image = useRef<HTMLImageElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (media === 'pdf') return;
    const url = URL.createObjectURL(file);
    const element = media === 'image' ? image.current : video.current;
    if (element) element.src = url;
    return () => URL.revokeObjectURL(url);
  }, [file, media]);
  if (media === 'image') return <img ref={image} className="picker__thumb" alt="" />;
  if (media === 'video') return <video ref={video} className="picker__thumb" muted preload="metadata" aria-hidden="true" />;
  return (
    <span className="picker__thumb picker__thumb--doc" aria-hidden="true">
      PDF
    </span>
  );
}

/**
 * Choose files to upload: drag and drop or a file dialog, a preview of each, its progress while it uploads.
 * The limits are stated before anything is chosen; a file they rule out is refused at once with the server's own
 * words and never sent. `existing`: what the case already holds of this kind. The limits are the API's
 * (Query.uploadLimits); until they arrive, the picker says so.
 */
export function EvidencePicker(props: PickerProps) {
  const { rules, failed } = useUploadRules(props.kind);
  if (!rules) {
    return (
      <p className="field__hint" role={failed ? 'alert' : undefined} data-testid="upload-limits-pending">
        {failed ? 'The upload limits could not be loaded. Reload the page to try again.' : 'Loading the upload limits…'}
      </p>
    );
  }
  return <PickerWithRules {...props} rules={rules} />;
}

interface PickerProps {
  kind: DocumentKind;
  files: ChosenFile[];
  onChange: (files: ChosenFile[]) => void;
  existing?: Counts;
  /** Per file, 0–1, while an upload runs. */
  progress?: number[] | null;
  disabled?: boolean;
  label?: string;
}

function PickerWithRules({
  rules,
  kind,
  files,
  onChange,
  existing = { images: 0, videos: 0, total: 0 },
  progress = null,
  disabled = false,
  label = 'Photos and videos',
}: PickerProps & { rules: UploadRules }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [refused, setRefused] = useState<Array<{ name: string; message: string }>>([]);

  const add = (list: FileList | File[]) => {
    let counts = files.reduce((c, f) => addCount(c, f.media), existing);
    let chosen = files.length;
    const accepted: ChosenFile[] = [];
    const refusals: Array<{ name: string; message: string }> = [];
    for (const file of Array.from(list)) {
      const problem = fileProblem(rules, file, counts, chosen);
      if (problem) {
        refusals.push({ name: file.name, message: problem });
        continue;
      }
      const media = mediaOf(rules, file)!;
      counts = addCount(counts, media);
      chosen++;
      accepted.push({ key: `file-${++keySeq}`, file, media });
    }
    setRefused(refusals);
    if (accepted.length > 0) onChange([...files, ...accepted]);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled) add(event.dataTransfer.files);
  };

  const photosLeft = Math.max(0, rules.maxImages - existing.images);
  const videosLeft = Math.max(0, rules.maxVideos - existing.videos);
  const room = kind === 'EVIDENCE' ? `Room left on this case: ${photosLeft} photo${photosLeft === 1 ? '' : 's'} and ${videosLeft} video${videosLeft === 1 ? '' : 's'}.` : null;

  return (
    <div className="picker" data-testid={`picker-${kind.toLowerCase()}`}>
      <div className="field__row">
        <span className="field__label" id={`${id}-label`}>
          {label}
        </span>
      </div>
      <p className="field__hint" id={`${id}-limits`} data-testid="upload-limits">
        {rules.summary}
        {room && (existing.images > 0 || existing.videos > 0) ? ` ${room}` : ''}
      </p>
      <div
        className={`picker__zone${dragging ? ' picker__zone--over' : ''}${disabled ? ' picker__zone--disabled' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <svg className="picker__icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 16V4m0 0-4 4m4-4 4 4M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <p className="picker__prompt">Drag files here, or</p>
        <button type="button" className="button button--secondary button--small" disabled={disabled} onClick={() => input.current?.click()} aria-describedby={`${id}-limits`}>
          Choose files
        </button>
        <input
          ref={input}
          id={`${id}-input`}
          type="file"
          multiple
          accept={rules.accept}
          className="visually-hidden"
          tabIndex={-1}
          aria-label={label}
          disabled={disabled}
          onChange={(event) => {
            if (event.target.files) add(event.target.files);
            event.target.value = '';
          }}
          data-testid="file-input"
        />
      </div>
      {refused.length > 0 ? (
        <ul className="picker__refused" role="alert" data-testid="upload-refused">
          {refused.map((r, i) => (
            <li key={`${r.name}-${i}`}>
              <strong>{r.name}</strong>: {r.message}
            </li>
          ))}
        </ul>
      ) : null}
      {files.length > 0 ? (
        <ul className="picker__files" aria-labelledby={`${id}-label`}>
          {files.map((f, i) => {
            const done = progress?.[i];
            return (
              <li key={f.key} className="picker__file" data-testid="chosen-file">
                <LocalPreview file={f.file} media={f.media} />
                <span className="picker__meta">
                  <span className="picker__name">{f.file.name}</span>
                  <span className="picker__size muted">{formatBytes(f.file.size)}</span>
                  {done !== undefined && done !== null ? (
                    <progress className="picker__progress" max={1} value={done} aria-label={`Upload of ${f.file.name}`} data-testid="file-progress">
                      {Math.round(done * 100)}%
                    </progress>
                  ) : null}
                </span>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  disabled={disabled}
                  aria-label={`Remove ${f.file.name}`}
                  onClick={() => onChange(files.filter((other) => other.key !== f.key))}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
