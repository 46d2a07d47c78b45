// Records every script error on <html data-script-errors> (a browser test reads it).
window.__mlsdErrors = [];
window.onerror = function (message, source, line) {
  window.__mlsdErrors.push(String(message) + (line ? ' (line ' + line + ')' : ''));
  document.documentElement.setAttribute('data-script-errors', String(window.__mlsdErrors.length));
};
document.documentElement.setAttribute('data-script-errors', '0');
