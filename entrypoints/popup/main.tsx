import { render } from 'preact';
import { Popup } from '../../src/present/popup/Popup';
import { withLang } from '../../src/present/ui-lang';

const root = document.getElementById('app');
if (root) void withLang((lang, choice) => render(<Popup key={`${lang}:${choice}`} lang={lang} choice={choice} />, root));
