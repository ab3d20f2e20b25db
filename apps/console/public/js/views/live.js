import { el, mount } from '../dom.js';
import { renderBoard } from './board.js';
import { renderFeed } from './feed.js';

/** The ops screen: the at-risk board and the live feed side by side. */
export function renderLive(container) {
  const board = el('section', { class: 'panel', id: 'board' });
  const feed = el('section', { class: 'panel', id: 'feed' });
  mount(container, el('div', { class: 'live' }, board, feed));
  const disposers = [renderBoard(board), renderFeed(feed)];
  return () => disposers.forEach((dispose) => dispose());
}
