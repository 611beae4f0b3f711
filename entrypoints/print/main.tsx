import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PrintPage } from '../../src/present/print/PrintPage';
import { CheckResultSchema } from '../../src/model/result';
import { PRINT_KEY } from '../../src/present/print-key';

void browser.storage.local.get(PRINT_KEY).then((stored) => {
  const parsed = CheckResultSchema.safeParse(stored[PRINT_KEY]);
  const root = document.getElementById('app');
  if (root) render(<PrintPage result={parsed.success ? parsed.data : null} version={browser.runtime.getManifest().version} />, root);
});
