import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../src/present/popup/Popup';
import { pickLang } from '../../src/present/i18n';

const root = document.getElementById('app');
if (root) render(<Popup lang={pickLang(browser.i18n.getUILanguage())} />, root);
