import { render } from 'preact';
import { Batch } from '../../src/ui/batch/Batch';
import { extensionBatchHost } from '../../src/ui/batch/host';
import { BATCH_CSS } from '../../src/ui/batch/styles';
import { withLang } from '../../src/ui/ui-lang';

const style = document.createElement('style');
style.textContent = BATCH_CSS;
document.head.appendChild(style);
const root = document.getElementById('app');
// batch.html?check=URL&check=URL: the sidebar's "check the attachments"
const initialUrls = new URLSearchParams(location.search).getAll('check').filter((u) => /^https?:\/\//i.test(u));
// in the language chosen in the settings (issue 18, item 5); not remounted on a switch: a running batch would be lost
if (root) void withLang((lang) => render(<Batch lang={lang} host={extensionBatchHost(lang)} initialUrls={initialUrls} />, root), false);
