import { ApolloProvider } from '@apollo/client/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { type ReactElement, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Counts } from './upload-rules';
import { createApolloClient } from '../../app/apollo';
import { mockLink } from '../../test/render-app';
import { uploadLimits } from '../../test/upload-limits-answer';
import { UploadLimitsDocument } from './documents.graphql';
import { EvidencePicker, type ChosenFile } from './EvidencePicker';

const MiB = 1024 * 1024;
const image = (name: string, size = 2048, type = 'image/png') => new File([new Uint8Array(size)], name, { type });

let created: string[];
let revoked: string[];

beforeEach(() => {
  created = [];
  revoked = [];
  // jsdom has no object URLs: record what the previews create and revoke.
  URL.createObjectURL = vi.fn(() => {
    const url = `blob:preview-${created.length + 1}`;
    created.push(url);
    return url;
  });
  URL.revokeObjectURL = vi.fn((url: string) => void revoked.push(url));
});
afterEach(cleanup);

function Harness({ existing, progress = null, onFiles }: { existing?: Counts; progress?: number[] | null; onFiles?: (files: ChosenFile[]) => void }) {
  const [files, setFiles] = useState<ChosenFile[]>([]);
  return (
    <EvidencePicker
      kind="EVIDENCE"
      files={files}
      existing={existing}
      progress={progress}
      onChange={(next) => {
        setFiles(next);
        onFiles?.(next);
      }}
    />
  );
}

/** Renders with the API's upload limits: already in the cache (`cached`), or answered by the API a moment later (or refused). */
function renderPicker(ui: ReactElement, { cached = true, answer = true } = {}) {
  const client = createApolloClient(mockLink({ UploadLimits: () => (answer ? { data: uploadLimits } : new Error('offline')) }));
  if (cached) client.writeQuery({ query: UploadLimitsDocument, data: uploadLimits });
  return render(<ApolloProvider client={client}>{ui}</ApolloProvider>);
}

const choose = (files: File[]) => fireEvent.change(screen.getByTestId('file-input'), { target: { files } });

describe('evidence picker', () => {
  it('asks the API for the limits and says so until they arrive, or that they could not be loaded', async () => {
    renderPicker(<Harness />, { cached: false });
    expect(screen.getByTestId('upload-limits-pending').textContent).toBe('Loading the upload limits…');
    expect((await screen.findByTestId('upload-limits')).textContent).toContain('Up to 5 photos');
    cleanup();
    renderPicker(<Harness />, { cached: false, answer: false });
    expect(await screen.findByText('The upload limits could not be loaded. Reload the page to try again.')).toBeTruthy();
    expect(screen.queryByTestId('file-input')).toBeNull();
  });

  it('states the limits before anything is chosen, with an accept list for the file dialog', () => {
    renderPicker(<Harness />);
    expect(screen.getByTestId('upload-limits').textContent).toContain('Up to 5 photos (JPG, PNG or WEBP, 5 MB each) and 1 video (MP4 or MOV, 50 MB).');
    expect(screen.getByTestId('file-input').getAttribute('accept')).toContain('image/png');
    expect(screen.getByRole('button', { name: 'Choose files' }).getAttribute('aria-describedby')).toBe(screen.getByTestId('upload-limits').id);
  });

  it('refuses what the server would refuse, in its words, and keeps the rest', () => {
    const onFiles = vi.fn();
    renderPicker(<Harness onFiles={onFiles} />);
    choose([image('ok.png'), new File(['hi'], 'notes.txt', { type: 'text/plain' }), image('huge.jpg', 5 * MiB + 1, 'image/jpeg')]);
    const refused = screen.getByTestId('upload-refused');
    expect(refused.getAttribute('role')).toBe('alert');
    expect(refused.textContent).toContain('notes.txt: This file type is not accepted here');
    expect(refused.textContent).toContain('huge.jpg: This image is larger than the 5 MB limit.');
    expect(screen.getAllByTestId('chosen-file').map((li) => within(li).getByText(/\.png$/).textContent)).toEqual(['ok.png']);
    expect(onFiles).toHaveBeenLastCalledWith([expect.objectContaining({ media: 'image' })]);
  });

  it('counts what the case already holds: a sixth photo and a second video are refused', () => {
    renderPicker(<Harness existing={{ images: 4, videos: 1, total: 5 }} />);
    expect(screen.getByTestId('upload-limits').textContent).toContain('Room left on this case: 1 photo and 0 videos.');
    choose([image('a.png'), image('b.png'), new File([new Uint8Array(10)], 'clip.mp4', { type: 'video/mp4' })]);
    expect(screen.getAllByTestId('chosen-file')).toHaveLength(1);
    expect(screen.getByTestId('upload-refused').textContent).toContain('b.png: A case can hold at most 5 evidence images.');
    expect(screen.getByTestId('upload-refused').textContent).toContain('clip.mp4: A case can hold at most 1 evidence video.');
  });

  it('accepts files dropped on the zone', () => {
    renderPicker(<Harness />);
    const zone = screen.getByTestId('dropzone');
    fireEvent.dragOver(zone, { dataTransfer: { files: [] } });
    expect(zone.className).toContain('picker__zone--over');
    fireEvent.drop(zone, { dataTransfer: { files: [image('dropped.png')] } });
    expect(zone.className).not.toContain('picker__zone--over');
    expect(screen.getByText('dropped.png')).toBeTruthy();
  });

  it('previews from object URLs and revokes each when its file is removed or the picker goes away', () => {
    const view = renderPicker(<Harness />);
    choose([image('a.png'), image('b.png')]);
    const previews = screen.getAllByTestId('chosen-file').map((li) => li.querySelector('img')!.getAttribute('src'));
    expect(previews).toEqual(created);
    fireEvent.click(screen.getByRole('button', { name: 'Remove a.png' }));
    expect(revoked).toEqual([created[0]]);
    view.unmount();
    expect(revoked.sort()).toEqual([...created].sort());
  });

  it('shows each file’s upload progress', () => {
    function WithProgress() {
      const [files, setFiles] = useState<ChosenFile[]>([]);
      return <EvidencePicker kind="EVIDENCE" files={files} onChange={setFiles} progress={files.length === 2 ? [1, 0.25] : null} disabled={files.length === 2} />;
    }
    renderPicker(<WithProgress />);
    choose([image('a.png'), image('b.png')]);
    const bars = screen.getAllByTestId('file-progress') as HTMLProgressElement[];
    expect(bars.map((b) => [b.getAttribute('aria-label'), b.value])).toEqual([
      ['Upload of a.png', 1],
      ['Upload of b.png', 0.25],
    ]);
    // While uploading, nothing can be added or removed.
    expect((screen.getByRole('button', { name: 'Choose files' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Remove a.png' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
