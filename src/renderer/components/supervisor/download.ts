// Saves text as a file through a temporary <a download>: works in browsers and in Electron (which
// turns it into a save dialog) without a main-process file API.

/** Excel opens a UTF-8 CSV without a byte-order mark as the ANSI code page and garbles Chinese. */
const BOM = '\uFEFF';

export function downloadCsv(filename: string, csv: string, doc: Document = document): void {
  const blob = new Blob([csv.startsWith(BOM) ? csv : BOM + csv], { type: 'text/csv;charset=utf-8' });
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
