import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// TDesign's plugins (MessagePlugin, DialogPlugin) render through this adapter on React 19.
import 'tdesign-react/es/_util/react-19-adapter';
import 'tdesign-react/es/style/index.css';
import './styles/global.css';
import App from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
