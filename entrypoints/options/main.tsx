import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Options } from '../../src/present/options/Options';
import { pickLang } from '../../src/present/i18n';

const root = document.getElementById('app');
if (root) render(<Options lang={pickLang(browser.i18n.getUILanguage())} />, root);
