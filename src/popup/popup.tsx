import { render } from 'preact';
import { uiLanguage } from './i18n.ts';
import { ToolbarApp } from './toolbar/ToolbarApp.tsx';
import './styles/theme.css';
import './toolbar/toolbar.css';

document.documentElement.lang = uiLanguage();
render(<ToolbarApp />, document.getElementById('app')!);
