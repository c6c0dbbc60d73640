import { render } from 'preact';
import { ApprovalApp } from './approval/ApprovalApp.tsx';

render(<ApprovalApp />, document.getElementById('app')!);
