// Saves a file through a temporary <a download>: works in browsers and in Electron (which turns it
// into a save dialog) without a main-process file API.

/** Excel opens a UTF-8 CSV without a byte-order mark as the ANSI code page and garbles Chinese. */
const BOM = '\uFEFF';

/** Saves `blob` under `filename`: the one place the anchor is made, clicked and its URL revoked. */
export function saveBlob(filename: string, blob: Blob, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  doc.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Revoked on the next task: the download has started from the click by then, and revoking at
    // once can cancel it in some engines.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

export function downloadCsv(filename: string, csv: string, doc: Document = document): void {
  saveBlob(filename, new Blob([csv.startsWith(BOM) ? csv : BOM + csv], { type: 'text/csv;charset=utf-8' }), doc);
}

/** Saves a file the core sent base64-encoded (the XLSX and CSV exports). */
export function downloadBase64(filename: string, base64: string, mime: string, doc: Document = document): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  saveBlob(filename, new Blob([bytes], { type: mime }), doc);
}
