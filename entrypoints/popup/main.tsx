import { render } from 'preact';
import { Popup } from '../../src/ui/popup/Popup';
import { withLang } from '../../src/ui/ui-lang';

const root = document.getElementById('app');
if (root) void withLang((lang, choice) => render(<Popup key={`${lang}:${choice}`} lang={lang} choice={choice} />, root));
