import { render } from 'preact';
import { ApprovalApp } from './approval/ApprovalApp.tsx';
import { uiLanguage } from './i18n.ts';
import './styles/theme.css';
import './approval/approval.css';

document.documentElement.lang = uiLanguage();
render(<ApprovalApp />, document.getElementById('app')!);
