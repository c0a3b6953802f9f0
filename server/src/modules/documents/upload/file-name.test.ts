import { describe, expect, it } from 'vitest';
import { sanitizeFileName } from './file-name.js';

const IMAGE = ['jpg', 'jpeg'];

describe('sanitizeFileName', () => {
  it('keeps a plain name with a matching extension', () => {
    expect(sanitizeFileName('Parcel front.jpg', IMAGE)).toBe('Parcel front.jpg');
    expect(sanitizeFileName('scan.JPEG', IMAGE)).toBe('scan.jpeg');
  });

  it('keeps only the last path segment, of either separator', () => {
    expect(sanitizeFileName('../../etc/passwd.jpg', IMAGE)).toBe('passwd.jpg');
    expect(sanitizeFileName('C:\\Users\\me\\photo.jpg', IMAGE)).toBe('photo.jpg');
  });

  it('removes control and bidi-formatting characters (an RTL override can disguise an extension)', () => {
    expect(sanitizeFileName('inv\u0000oice\u0007.jpg', IMAGE)).toBe('invoice.jpg');
    expect(sanitizeFileName('photo\u202Egnp.exe', IMAGE)).toBe('photognp.exe.jpg');
    expect(sanitizeFileName('a\u200Bb\u2028c.jpg', IMAGE)).toBe('abc.jpg');
  });

  it('collapses whitespace, drops leading dots, and falls back to "file"', () => {
    expect(sanitizeFileName('  my \t  photo  .jpg ', IMAGE)).toBe('my photo.jpg');
    expect(sanitizeFileName('...htaccess', IMAGE)).toBe('htaccess.jpg');
    expect(sanitizeFileName('', IMAGE)).toBe('file.jpg');
    expect(sanitizeFileName(null, IMAGE)).toBe('file.jpg');
    expect(sanitizeFileName('/', IMAGE)).toBe('file.jpg');
    expect(sanitizeFileName('.jpg', IMAGE)).toBe('jpg.jpg');
  });

  it('makes the extension match the sniffed content', () => {
    expect(sanitizeFileName('report.exe', ['pdf'])).toBe('report.exe.pdf');
    expect(sanitizeFileName('report', ['pdf'])).toBe('report.pdf');
    expect(sanitizeFileName('photo.png.html', ['png'])).toBe('photo.png.html.png');
  });

  it('decodes the %22 browsers send for a double quote, and normalises to NFC', () => {
    expect(sanitizeFileName('say %22cheese%22.jpg', IMAGE)).toBe('say "cheese".jpg');
    expect(sanitizeFileName('cafe\u0301.jpg', IMAGE)).toBe('café.jpg');
  });

  it('caps the length at 120 characters, keeping the extension and never splitting a character', () => {
    const long = sanitizeFileName(`${'a'.repeat(500)}.jpeg`, IMAGE);
    expect(long).toHaveLength(120);
    expect(long.endsWith('.jpeg')).toBe(true);
    const emoji = sanitizeFileName(`${'😀'.repeat(200)}.jpg`, IMAGE);
    expect(emoji.endsWith('.jpg')).toBe(true);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
