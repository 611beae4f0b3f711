import { render } from 'preact';
import { Options } from '../../src/ui/options/Options';
import { withLang } from '../../src/ui/ui-lang';

const root = document.getElementById('app');
// keyed by the language: a switch made here or in the popup shows the page anew in that language
if (root) void withLang((lang, choice) => render(<Options key={`${lang}:${choice}`} lang={lang} choice={choice} />, root));
