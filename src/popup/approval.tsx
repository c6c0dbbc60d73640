import { render } from 'preact';
import { connectBackground } from './api.ts';
import { ApprovalApp } from './approval/ApprovalApp.tsx';
import { readWaitingRequests } from './approval/waitingRequests.ts';
import { uiLanguage } from './i18n.ts';
import './styles/theme.css';
import './approval/approval.css';

document.documentElement.lang = uiLanguage();
connectBackground();
// The request this window was opened for is already in storage: render once, with it.
void readWaitingRequests()
  .catch(() => [])
  .then((queue) => render(<ApprovalApp initialQueue={queue} />, document.getElementById('app')!));
