import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Batch } from '../../src/present/batch/Batch';
import { extensionBatchHost } from '../../src/present/batch/host';
import { BATCH_CSS } from '../../src/present/batch/styles';
import { pickLang } from '../../src/present/i18n';

const lang = pickLang(browser.i18n.getUILanguage());
const style = document.createElement('style');
style.textContent = BATCH_CSS;
document.head.appendChild(style);
const root = document.getElementById('app');
// batch.html?check=URL&check=URL: the sidebar's "check the attachments"
const initialUrls = new URLSearchParams(location.search).getAll('check').filter((u) => /^https?:\/\//i.test(u));
if (root) render(<Batch lang={lang} host={extensionBatchHost(lang)} initialUrls={initialUrls} />, root);
