import { useEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import type { CaseDocuments_CaseFragment } from '../../gql/graphql';
import { formatDateTime } from '../../lib/dates';
import { formatBytes } from './upload-rules';
import './evidence.css';

export type CaseDocument = CaseDocuments_CaseFragment['documents'][number];

/**
 * The case's files as a grid of previews; each opens a lightbox (keyboard: Enter to open, ← → to move, Escape to
 * close). Videos play in the lightbox; PDFs open in a new tab.
 */
export function DocumentGallery({ documents, label, emptyText = 'No files yet.' }: { documents: readonly CaseDocument[]; label: string; emptyText?: string }) {
  const [open, setOpen] = useState<number | null>(null);
  if (documents.length === 0) return <p className="gallery__empty">{emptyText}</p>;
  return (
    <>
      <ul className="gallery" aria-label={label} data-testid="gallery">
        {documents.map((doc, i) => (
          <li key={doc.id} className="gallery__item">
            <button type="button" className="gallery__open" onClick={() => setOpen(i)} aria-label={`Open ${doc.fileName}`} data-testid="gallery-item">
              <img src={doc.thumbnailUrl} alt="" loading="lazy" decoding="async" />
            </button>
            <span className="gallery__caption" title={doc.fileName}>
              {doc.fileName}
            </span>
          </li>
        ))}
      </ul>
      {open !== null && documents[open] ? (
        <Lightbox documents={documents} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />
      ) : null}
    </>
  );
}

function Lightbox({ documents, index, onIndex, onClose }: { documents: readonly CaseDocument[]; index: number; onIndex: (i: number) => void; onClose: () => void }) {
  const doc = documents[index];
  const many = documents.length > 1;
  const previous = () => onIndex((index - 1 + documents.length) % documents.length);
  const next = () => onIndex((index + 1) % documents.length);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!many) return;
      if (event.key === 'ArrowLeft') onIndex((index - 1 + documents.length) % documents.length);
      if (event.key === 'ArrowRight') onIndex((index + 1) % documents.length);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index, many, documents.length, onIndex]);

  return (
    <Dialog
      title={doc.fileName}
      description={`${many ? `${index + 1} of ${documents.length} · ` : ''}${formatBytes(doc.sizeBytes)} · added by ${doc.uploadedBy.displayName}, ${formatDateTime(doc.createdAt)}`}
      onClose={onClose}
      footer={
        <>
          {many ? (
            <>
              <button type="button" className="button button--secondary" onClick={previous} aria-keyshortcuts="ArrowLeft">
                ← Previous
              </button>
              <button type="button" className="button button--secondary" onClick={next} aria-keyshortcuts="ArrowRight">
                Next →
              </button>
            </>
          ) : null}
          <a className="button button--secondary" href={doc.url} target="_blank" rel="noreferrer">
            Open original
          </a>
          <button type="button" className="button button--primary" onClick={onClose} data-autofocus>
            Close
          </button>
        </>
      }
    >
      <div className="lightbox" data-testid="lightbox">
        {doc.mediaType === 'IMAGE' ? <img className="lightbox__media" src={doc.url} alt={doc.fileName} /> : null}
        {doc.mediaType === 'VIDEO' ? <video className="lightbox__media" src={doc.url} controls aria-label={doc.fileName} /> : null}
        {doc.mediaType === 'PDF' ? (
          <p className="lightbox__caption">
            A PDF document. <a href={doc.url} target="_blank" rel="noreferrer">Open it in a new tab</a>.
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
