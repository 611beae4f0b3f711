import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PrintPage } from '../../src/ui/print/PrintPage';
import { readPrintJob } from '../../src/store/print-job';
import { PRINT_KEY } from '../../src/store/print-key';
import { withLang } from '../../src/ui/ui-lang';

void browser.storage.local.get(PRINT_KEY).then((stored) => {
  const job = readPrintJob(stored[PRINT_KEY]);
  const root = document.getElementById('app');
  // in the language chosen in the settings (issue 18, item 5)
  if (root) void withLang((lang) => render(<PrintPage job={job} version={browser.runtime.getManifest().version} lang={lang} />, root));
});
