import './zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { i18n } from './i18n';
import './styles/base.css';
import './styles/controls.css';
import './styles/shell.css';
import './styles/rail-places.css';
import './styles/shell-bars.css';
import './styles/board.css';
import './styles/board-cards.css';
import './styles/virtual-list.css';
import './styles/stream.css';
import './styles/stream-cards.css';
import './styles/stream-panels.css';
import './styles/card-icons.css';
import './styles/conversation.css';
import './styles/overlays.css';
import './styles/popovers.css';
import './styles/publishing.css';
import './styles/publishing-dialogs.css';
import './styles/composer.css';
import './styles/composer-parts.css';
import './styles/posts.css';
import './styles/calendar.css';
import './styles/calendar-views.css';
import './styles/calendar-editorial.css';
import './styles/calendar-manage.css';
import './styles/calendar-exchange.css';
import './styles/inbox.css';

const root = document.getElementById('root');
if (!root) throw new Error('Tribune: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
