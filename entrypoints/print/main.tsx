import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PrintPage } from '../../src/present/print/PrintPage';
import { readPrintJob } from '../../src/present/print/job';
import { PRINT_KEY } from '../../src/present/print-key';

void browser.storage.local.get(PRINT_KEY).then((stored) => {
  const job = readPrintJob(stored[PRINT_KEY]);
  const root = document.getElementById('app');
  if (root) render(<PrintPage job={job} version={browser.runtime.getManifest().version} />, root);
});
