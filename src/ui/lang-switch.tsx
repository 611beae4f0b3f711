import { useState } from 'preact/hooks';
import { LANG_CHOICES, type Lang } from './i18n';
import type { LangChoice } from '../store/settings';
import { saveLangChoice } from './ui-lang';

const WORDS = {
  zh: { legend: '界面语言', failed: '未能保存语言设置（已保存的设置来自更新版本的扩展）' },
  en: { legend: 'Language', failed: 'The language was not saved (the stored settings come from a newer version)' },
};

/**
 * 中文 / English / 跟随浏览器: the switch of the options page and the popup (issue 18, item 5). Saved
 * at once; every open page of the extension and every sidebar follows (ui-lang.ts onLangChange).
 */
export function LangSwitch(props: { lang: Lang; choice: LangChoice; compact?: boolean }) {
  const w = WORDS[props.lang];
  const [choice, setChoice] = useState<LangChoice>(props.choice);
  const [failed, setFailed] = useState(false);
  const pick = (next: LangChoice): void => {
    setChoice(next);
    void saveLangChoice(next).then((ok) => setFailed(!ok), () => setFailed(true));
  };
  return (
    <fieldset class={`lang-switch${props.compact ? ' compact' : ''}`}>
      <legend>
        {w.legend}
        {props.lang === 'en' ? '' : ' · Language'}
      </legend>
      {LANG_CHOICES.map((c) => (
        <label key={c.value} lang={c.value === 'en' ? 'en' : c.value === 'zh' ? 'zh-CN' : undefined}>
          <input type="radio" name="lang" value={c.value} checked={choice === c.value} onChange={() => pick(c.value)} />{' '}
          {typeof c.label === 'string' ? c.label : c.label[props.lang]}
        </label>
      ))}
      {failed && (
        <span class="lang-failed" role="alert">
          {w.failed}
        </span>
      )}
    </fieldset>
  );
}
