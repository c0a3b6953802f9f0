const MAX_NAME_LENGTH = 120;

/**
 * A client's file name made safe to store and show: the last path segment only, Unicode-normalised, without
 * control or bidi-formatting characters (which can disguise `photo\u202Egnp.exe` as `photo.exe.png`), whitespace
 * collapsed, leading dots removed, capped in length, and ending in an extension that matches the sniffed content.
 * The name is metadata: storage keys are random and never derived from it.
 */
export function sanitizeFileName(raw: string | null | undefined, extensions: readonly string[]): string {
  let name = String(raw ?? '')
    // Browsers send a `"` in a multipart file name as %22 (WHATWG multipart/form-data encoding).
    .replace(/%22/g, '"')
    .split(/[/\\]/)
    .pop()!
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const matches = extensions.length === 0 || extensions.includes(extension);
  const suffix = matches ? (extension ? `.${extension}` : '') : `.${extensions[0]}`;
  let stem = matches && extension ? name.slice(0, dot) : name;
  if (!stem) stem = 'file';
  const room = MAX_NAME_LENGTH - suffix.length;
  // Cut by code points, never inside a surrogate pair.
  stem = [...stem].slice(0, room).join('').trim() || 'file';
  name = `${stem}${suffix}`;
  return name;
}
